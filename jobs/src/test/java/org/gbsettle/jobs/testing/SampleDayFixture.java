package org.gbsettle.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.GbSettleCli.Result;

/**
 * A sample settlement day of the repository's {@code sample-data} folder taken through the command line into a test's
 * database: its reference folder loaded, its meter-data files ingested as received a day (86,400 s) before its data
 * cut-off (so the rows' own {@code received_at} decide supersession), and its run ({@code --by it}) made.
 */
public record SampleDayFixture(GbSettleCli cli, SampleDay day) {

    /** The repository's sample days, from the {@code jobs} module's directory. */
    public static final Path SAMPLES =
            Path.of("../sample-data").toAbsolutePath().normalize();

    /** The winter day, 2026-01-15, run SF with data cut-off 2026-02-06T00:00:00Z. */
    public static final String WINTER = "2026-01-15_normal_winter_day";

    /** The sample day named {@code name} (its folder in {@link #SAMPLES}). */
    public static SampleDay sampleDay(String name) {
        return SampleDay.read(SAMPLES.resolve(name));
    }

    /** Copies a folder and everything in it (e.g. a sample day, to change its files) to {@code to}. */
    public static void copyFolder(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
    }

    /**
     * Re-writes a meter-data Parquet file with DuckDB, its rows sorted by MPAN then period (every row kept), in row
     * groups of {@code rowGroupSize} rows: as data services deliver files, with row groups whose MPAN ranges differ.
     */
    public static void sortByMpan(Path file, int rowGroupSize) throws java.io.IOException, java.sql.SQLException {
        Path sorted = file.resolveSibling(file.getFileName() + ".sorted");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
            s.execute("COPY (SELECT * FROM read_parquet('" + file + "') ORDER BY mpan, settlement_period) TO '" + sorted
                    + "' (FORMAT parquet, ROW_GROUP_SIZE " + rowGroupSize + ")");
        }
        java.nio.file.Files.move(sorted, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The sample day named {@code name}, to be taken through {@code cli}. */
    public static SampleDayFixture of(GbSettleCli cli, String name) {
        return new SampleDayFixture(cli, sampleDay(name));
    }

    /** {@code load-reference} of the day's reference folder; fails the test unless it exits 0. */
    public Result loadReference() {
        return succeeded(cli.run("load-reference", day.referenceFolder().toString()));
    }

    /** {@code ingest} of the day's meter-data files received at the cut-off - 1 day; fails the test unless it exits 0. */
    public Result ingestMeterData() {
        return succeeded(cli.ingest(day.receivedAt().toString(), day.meterDataFiles()));
    }

    /** {@code run} of the day with its run type and cut-off, {@code --by it}, then {@code options}, as it ended. */
    public Result run(String... options) {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--date",
                day.settlementDate().toString(),
                "--type",
                day.runType().name(),
                "--cutoff",
                day.dataCutoff().toString(),
                "--by",
                "it"));
        args.addAll(List.of(options));
        return cli.run(args.toArray(String[]::new));
    }

    /**
     * Loads the day's reference, ingests its meter data and runs it ({@link #run(String...)} with {@code options}),
     * failing the test unless each exits 0; the run's id.
     */
    public long loadIngestAndRun(String... options) {
        loadReference();
        ingestMeterData();
        return GbSettleCli.runId(succeeded(run(options)).out());
    }

    private static Result succeeded(Result r) {
        assertThat(r.exitCode()).as(r.printed()).isZero();
        return r;
    }
}
