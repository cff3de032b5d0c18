package org.gbsettle.jobs.export;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.jobs.run.RunManifest;
import org.jspecify.annotations.Nullable;

/**
 * The manifest of an export folder ({@code manifest.json}): which run the files hold (identity and fingerprints), in
 * which format, for which supplier (null: the whole run), and every file of the folder (and its subfolders) with its
 * table, supplier, row count, SHA-256 and column types. {@link #toJson()} is its text: stable key order, one file a
 * line, so that the same run exported twice gives the same manifest.
 */
public record ExportManifest(
        ExportedRun run, ExportFormat format, @Nullable String supplierId, List<ExportedFile> files) {

    /** The version of the manifest's layout, written as {@code manifest_version}. */
    public static final int VERSION = 1;

    public ExportManifest {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(format, "format");
        files = List.copyOf(files);
    }

    /** The manifest as JSON text, ending in a line feed. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"manifest_version\": ").append(VERSION).append(",\n");
        sb.append("  \"run_id\": ").append(run.runId()).append(",\n");
        field(sb, "settlement_date", run.settlementDate().toString());
        field(sb, "run_type", run.runType());
        sb.append("  \"run_number\": ").append(run.runNumber()).append(",\n");
        field(sb, "data_cutoff", run.dataCutoff().toString());
        field(sb, "completed_at", run.completedAt().toString());
        field(sb, "engine_version", run.engineVersion());
        field(sb, "input_fingerprint", run.inputFingerprint());
        field(sb, "output_fingerprint", run.outputFingerprint());
        sb.append("  \"partition_output_fingerprints\": {");
        String sep = "";
        for (Map.Entry<String, String> e : run.partitionFingerprints().entrySet()) {
            sb.append(sep).append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            sep = ", ";
        }
        sb.append("},\n");
        field(sb, "format", format.extension());
        field(sb, "supplier_id", supplierId);
        sb.append("  \"files\": [");
        sep = "\n";
        for (ExportedFile f : files) {
            sb.append(sep)
                    .append("    {\"path\": ")
                    .append(quote(f.path()))
                    .append(", \"table\": ")
                    .append(quote(f.table()))
                    .append(", \"supplier_id\": ")
                    .append(quote(f.supplierId()))
                    .append(", \"rows\": ")
                    .append(f.rows())
                    .append(", \"sha256\": ")
                    .append(quote(f.sha256()))
                    .append(", \"columns\": [");
            String columnSep = "";
            for (ExportColumn c : f.columns()) {
                sb.append(columnSep)
                        .append("{\"name\": ")
                        .append(quote(c.name()))
                        .append(", \"type\": ")
                        .append(quote(c.typeName()))
                        .append(", \"nullable\": ")
                        .append(c.nullable())
                        .append('}');
                columnSep = ", ";
            }
            sb.append("]}");
            sep = ",\n";
        }
        sb.append(files.isEmpty() ? "]\n" : "\n  ]\n");
        return sb.append("}\n").toString();
    }

    private static void field(StringBuilder sb, String name, @Nullable String value) {
        sb.append("  ").append(quote(name)).append(": ").append(quote(value)).append(",\n");
    }

    /** A JSON string literal, or {@code null}. */
    static String quote(@Nullable String s) {
        return s == null ? "null" : RunManifest.quote(s);
    }
}
