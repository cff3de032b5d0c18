package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.export.ExportFormat;
import org.gbsettle.jobs.export.ExportManifest;
import org.gbsettle.jobs.export.ExportedFile;
import org.gbsettle.jobs.export.RunExport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code gbsettle export --run ID --format parquet|csv}: writes a complete run's output tables as files with a
 * manifest ({@link RunExport}), for analysts' tools or, one folder per supplier, for the parties.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Exports a complete run's output tables (supplier_volume, bm_unit_volume, gsp_group_correction,"
                    + " data_quality, calculation_issue, quarantine) as Parquet or CSV files, one per table, with"
                    + " manifest.json: the run's identity and fingerprints, and each file's row count, SHA-256 and"
                    + " column types. DuckDB, pandas and Spark read the Parquet files directly (sql/README.md,"
                    + " Exports).",
            "With --by-supplier: one folder per supplier holding its supplier_volume and bm_unit_volume rows and the"
                    + " gsp_group_correction of its GSP groups, each folder with its own manifest."
        })
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run id (see 'status').")
    private long runId;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "parquet|csv",
            converter = FormatConverter.class,
            description = "parquet (Snappy, logical types DATE, DECIMAL, STRING) or csv (RFC 4180 with a header).")
    private ExportFormat format = ExportFormat.PARQUET;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "A new or empty folder for the files (default: var/exports/run-ID-FORMAT, with"
                    + " -by-supplier when --by-supplier).")
    private @Nullable Path out;

    @Option(names = "--by-supplier", description = "One folder per supplier with that supplier's rows.")
    private boolean bySupplier;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        long runId = this.runId;
        ExportFormat format = this.format;
        boolean bySupplier = this.bySupplier;
        Path given = this.out;
        Path out = (given != null
                        ? given
                        : Path.of(
                                "var",
                                "exports",
                                "run-" + runId + "-" + format.extension() + (bySupplier ? "-by-supplier" : "")))
                .toAbsolutePath()
                .normalize();
        return parent.contexts().withContext(context -> {
            ExportManifest manifest = context.getBean(RunExport.class).export(runId, format, out, bySupplier);
            PrintWriter printed = spec.commandLine().getOut();
            printed.println("Run " + runId + " (" + manifest.run().label() + ") exported as " + format.extension()
                    + " to " + out);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"FILE", "ROWS", "SHA-256"});
            for (ExportedFile f : manifest.files()) {
                rows.add(new String[] {f.path(), Long.toString(f.rows()), f.sha256()});
            }
            printed.print(RunStatusTable.table(rows, new boolean[] {false, true, false}));
            printed.println(manifest.files().size() + " file(s); manifest " + out.resolve(RunExport.MANIFEST));
            printed.flush();
            return ExitCode.OK;
        });
    }

    /** {@code parquet} or {@code csv}, any case. */
    static final class FormatConverter implements ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            try {
                return ExportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
