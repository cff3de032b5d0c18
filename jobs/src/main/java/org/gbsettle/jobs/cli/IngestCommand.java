package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.ingest.IngestOutcome;
import org.gbsettle.jobs.ingest.IngestReport;
import org.gbsettle.jobs.ingest.IngestResult;
import org.gbsettle.jobs.ingest.MeterDataIngestService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle ingest FILE...}: registers delivered meter-data Parquet files, one line per file; exit code 1 if any
 * file was rejected or could not be read (the others are still ingested).
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Registers delivered meter-data Parquet files: checks their schema and values, records each file's"
                    + " SHA-256, size, layout, settlement dates, row counts and receipt time, and quarantines the rows"
                    + " it rejects. The files are read in place by the runs: keep them where they are.",
            "A file already ingested (same SHA-256) is reported and left as it is; a corrupt file or one with a schema"
                    + " error is recorded as rejected and the command exits 1 after ingesting the others."
        })
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Meter-data Parquet files.")
    private List<Path> files = List.of();

    @Option(
            names = "--received-at",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "When the files were received, e.g. 2026-01-17T05:12:00Z (default: each file's"
                    + " last-modified time).")
    private @Nullable Instant receivedAt;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        Instant receivedAt = this.receivedAt;
        List<Path> files = this.files;
        return parent.contexts().withContext(context -> {
            IngestReport report = context.getBean(MeterDataIngestService.class).ingest(files, receivedAt);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (IngestResult result : report.results()) {
                IngestOutcome outcome = result.outcome();
                if (outcome != null) {
                    out.println(describe(outcome));
                } else {
                    err.println("gbsettle ingest: error: " + result.error());
                }
            }
            out.flush();
            err.flush();
            String failure = report.failure();
            if (failure != null) {
                throw new GbSettleException(failure);
            }
            return report.allUsable() ? ExitCode.OK : ExitCode.SOFTWARE;
        });
    }

    /** One line for a file's outcome. */
    static String describe(IngestOutcome o) {
        return switch (o.status()) {
            case INGESTED ->
                o.file() + ": ingested as file " + o.fileId() + ", " + o.rowsRead() + " rows read = "
                        + o.rowsAccepted() + " accepted + " + o.rowsQuarantined() + " quarantined, "
                        + dates(o.settlementDates()) + ", received " + o.receivedAt() + ", sha256 " + o.sha256();
            case ALREADY_INGESTED ->
                o.file() + ": already ingested as file " + o.fileId() + " (sha256 " + o.sha256() + ", received "
                        + o.receivedAt() + (o.message() == null ? "" : ", rejected: " + o.message())
                        + "), nothing changed";
            case REJECTED -> o.file() + ": rejected as file " + o.fileId() + ": " + o.message();
        };
    }

    private static String dates(List<LocalDate> dates) {
        if (dates.isEmpty()) {
            return "no settlement date";
        }
        return (dates.size() == 1 ? "settlement date " : "settlement dates ")
                + dates.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
    }
}
