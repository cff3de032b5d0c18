package org.gbsettle.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.JdbcRunReportReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes a settlement run's report: reads the run from the database, works out its totals and conservation checks,
 * asks the {@link RunDiffSummary} bean (if there is one; otherwise {@link RunDiffSummary#NONE}) for the diff summary,
 * and writes {@code DIR/run-ID-report.html} and the CSV bundle {@code DIR/run-ID-report/}, replacing an earlier
 * report of the run.
 */
@Component
public final class RunReportService {

    /** Quarantined rows shown per reason unless asked otherwise. */
    public static final int DEFAULT_EXAMPLES = 5;

    /** Largest movers shown in the diff summary. */
    public static final int MAX_MOVERS = 10;

    private final JdbcRunReportReader reader;
    private final ObjectProvider<RunDiffSummary> diffs;

    public RunReportService(JdbcRunReportReader reader, ObjectProvider<RunDiffSummary> diffs) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.diffs = Objects.requireNonNull(diffs, "diffs");
    }

    /** What {@link #write} wrote: the page, the CSV bundle's folder, and the conservation checks. */
    public record Written(Path page, Path bundle, ConservationChecks checks) {

        public Written {
            Objects.requireNonNull(page, "page");
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(checks, "checks");
        }
    }

    /**
     * The report of run {@code runId} with at most {@code examplesPerReason} quarantined rows per reason.
     *
     * @throws GbSettleException if there is no such run
     */
    public RunReport report(long runId, int examplesPerReason) {
        RunReportData data = reader.read(runId, examplesPerReason)
                .orElseThrow(() -> new GbSettleException("there is no run " + runId));
        RunDiffSummary diff = diffs.getIfAvailable(() -> RunDiffSummary.NONE);
        return RunReport.of(data, diff.summarise(runId, data.supersededRunId(), MAX_MOVERS));
    }

    /**
     * Writes the report of run {@code runId} into {@code directory} (made if missing): the page
     * {@code run-ID-report.html} and the CSV bundle {@code run-ID-report/}.
     *
     * @throws GbSettleException if there is no such run or the files cannot be written
     */
    public Written write(long runId, Path directory, int examplesPerReason) {
        RunReport report = report(runId, examplesPerReason);
        String page = RunReportPage.render(report, ChartLibrary.echarts());
        Map<String, String> csv = RunReportCsv.files(report);
        Path html = directory.resolve("run-" + runId + "-report.html");
        Path bundle = directory.resolve("run-" + runId + "-report");
        try {
            Files.createDirectories(bundle);
            for (Map.Entry<String, String> f : csv.entrySet()) {
                replace(bundle.resolve(f.getKey()), f.getValue());
            }
            replace(html, page);
        } catch (IOException e) {
            throw new GbSettleException("Cannot write the report of run " + runId + " into " + directory + ": " + e, e);
        }
        return new Written(html, bundle, report.checks());
    }

    /** Writes {@code text} to a temporary file beside {@code file}, then moves it over {@code file}. */
    private static void replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
