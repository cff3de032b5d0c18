package org.gbsettle.jobs.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.gbsettle.jobs.ingest.ReceivedMeterDataFile;

/**
 * A settlement run's input manifest: JSON text with a fixed key order naming every input the run read (its identity
 * and cut-off, the engine version and configuration, each meter-data file with its SHA-256 and receipt time, and per
 * GSP group the reference load versions and the take's CDCA run), and the SHA-256 fingerprints taken over it and over
 * the partitions' output fingerprints.
 */
public final class RunManifest {

    private RunManifest() {}

    /** The manifest text, the input fingerprint being its SHA-256. */
    static String of(
            RunDefinition run,
            String engineVersion,
            String config,
            List<ReceivedMeterDataFile> files,
            Map<String, String> groupManifests) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"settlement_date\": ").append(quote(run.settlementDate().toString()));
        sb.append(", \"run_type\": ").append(quote(run.runType().name()));
        sb.append(", \"run_number\": ").append(run.runNumber());
        sb.append(", \"data_cutoff\": ").append(quote(run.dataCutoff().toString()));
        sb.append(", \"engine_version\": ").append(quote(engineVersion));
        sb.append(", \"config\": ").append(quote(config));
        sb.append(", \"reference_load_max\": ").append(run.referenceLoadMax());
        sb.append(", \"meter_data_file_max\": ").append(run.meterDataFileMax());
        sb.append(", \"meter_data_files\": [");
        sb.append(files.stream()
                .map(f -> "{\"file_id\": " + f.fileId() + ", \"path\": "
                        + quote(f.path().toString())
                        + ", \"sha256\": " + quote(f.sha256()) + ", \"received_at\": "
                        + quote(f.receivedAt().toString()) + "}")
                .collect(Collectors.joining(", ")));
        sb.append("], \"groups\": {");
        sb.append(new TreeMap<>(groupManifests)
                .entrySet().stream()
                        .map(e -> quote(e.getKey()) + ": " + e.getValue())
                        .collect(Collectors.joining(", ")));
        sb.append("}}");
        return sb.toString();
    }

    /** The output fingerprint: SHA-256 over the partitions' output fingerprints in GSP group order. */
    static String outputFingerprint(Map<String, String> partitionFingerprints) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(partitionFingerprints)
                .forEach(
                        (group, fp) -> out.append(group).append('\0').append(fp).append('\n'));
        return sha256(out.toString());
    }

    /** Reference load versions read, per table, as a JSON object in table order. */
    static String versions(Map<String, List<Long>> versions) {
        return new TreeMap<>(versions)
                .entrySet().stream()
                        .map(e -> quote(e.getKey()) + ": " + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A JSON string literal (RFC 8259 escaping), as the manifests of runs and exports write their strings. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** SHA-256 of UTF-8 text, lower-case hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
