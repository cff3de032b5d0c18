package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run reads each GSP group's rows from the row groups that may hold them: the winter sample day with its three good
 * files re-written sorted by MPAN in row groups of 2,048 rows (so _A's and _B's rows lie in different row groups, one
 * shared), plus a file of rows registered in no group: 10 rows of MPAN 1042424242422 (inside _A's MPAN range) and
 * 4,096 of a high MPAN. Every row of the original files is still there, so the run must match the day's expected
 * outputs, with the 4,106 new rows added to the unassigned quarantine exactly once each.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RowGroupReadingIT {

    private static final String DAY = SampleDayFixture.WINTER;
    private static final long INSIDE_A = 1_042_424_242_422L;
    private static final long HIGH = 1_999_999_999_990L + Mpan.checkDigit(1_999_999_999_990L);

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcReferenceDataRepository reference;

    @Autowired
    JdbcMeterDataFileRepository meterFiles;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @Test
    void groups_read_their_row_groups_and_unassigned_rows_are_quarantined_once() throws Exception {
        Path days = DATABASE.directory().resolve("days");
        Path day = days.resolve(DAY);
        SampleDayFixture.copyFolder(SampleDayFixture.SAMPLES.resolve(DAY), day);
        Path meterData = day.resolve("meter-data");
        for (String f : List.of("meter_reads_1", "meter_reads_2", "meter_reads_3")) {
            SampleDayFixture.sortByMpan(meterData.resolve(f + ".parquet"), 2048);
        }
        Path orphans = meterData.resolve("meter_reads_orphans.parquet");
        // rows 1-10: INSIDE_A, periods 1-10; rows 11-4106: HIGH, periods 1-48 in turn
        duckdb("COPY (SELECT CASE WHEN n <= 10 THEN " + INSIDE_A + " ELSE " + HIGH + " END::BIGINT AS mpan,"
                + " DATE '2026-01-15' AS settlement_date,"
                + " (CASE WHEN n <= 10 THEN n ELSE 1 + (n - 11) % 48 END)::INTEGER AS settlement_period,"
                + " 'AI' AS measurement_quantity, 0.5::DECIMAL(12,3) AS kwh, 'A' AS quality"
                + " FROM range(1, 4107) t(n) ORDER BY n) TO '" + orphans + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        assertThat(MeterDataParquetReader.rowGroups(meterData.resolve("meter_reads_1.parquet")))
                .hasSizeGreaterThan(2);
        List<String> expected = new ArrayList<>(Files.readAllLines(day.resolve("expected/unassigned/quarantine.csv")));
        for (int n = 1; n <= 4106; n++) {
            long mpan = n <= 10 ? INSIDE_A : HIGH;
            int period = n <= 10 ? n : 1 + (n - 11) % 48;
            expected.add("meter_reads_orphans," + n + "," + mpan + "," + period + ",UNKNOWN_MPAN");
        }
        Files.write(day.resolve("expected/unassigned/quarantine.csv"), expected);

        Result r = gbsettle.run("sample", "--days-dir", days.toString(), DAY);

        assertThat(r.exitCode()).as(r.out() + "\n" + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("(?m)^_A +matches expected outputs")
                .containsPattern("(?m)^_B +matches expected outputs")
                .containsPattern("(?m)^unassigned +matches expected outputs \\(quarantine: 4108 rows\\)$");
        // found by _A (the row group holding the 10 rows lies in _A's MPAN range, and the bad file's only row group
        // holds both groups' MPANs: _A owns it) or by the preparation (row groups of the high MPAN alone)
        assertThat(jdbc.sql("SELECT coalesce(found_by_group, '-') || ' ' || count(*) FROM quarantine"
                                + " WHERE run_id IS NOT NULL AND gsp_group IS NULL GROUP BY found_by_group ORDER BY 1")
                        .query(String.class)
                        .list())
                .containsExactly("- 2058", "_A 2050");

        // what each group decodes
        long runId = jdbc.sql("SELECT max(run_id) FROM settlement_run")
                .query(Long.class)
                .single();
        RunDefinition run = new RunDefinition(
                runId,
                LocalDate.of(2026, 1, 15),
                org.gbsettle.engine.run.RunType.SF,
                1,
                Instant.parse("2026-02-06T00:00:00Z"),
                RunStatus.COMPLETE,
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                1);
        assertThat(reference.registeredGroups(Long.MAX_VALUE)).containsExactly(GspGroup.of("_A"), GspGroup.of("_B"));
        List<GspGroup> inspected = new java.util.concurrent.CopyOnWriteArrayList<>();
        // no registrations kept between the preparation and the partitions: each group's read again
        RunMeterData.RunDay runDay = new RunMeterData.RunDay(
                SettlementDate.of(run.settlementDate()),
                reference.registeredGroups(Long.MAX_VALUE),
                g -> reference.read(run.settlementDate(), g),
                (g, snapshot) -> inspected.add(g),
                meterFiles.receivedFor(run.settlementDate(), run.dataCutoff()),
                2,
                0);
        assertThat(inspected).containsExactlyInAnyOrder(GspGroup.of("_A"), GspGroup.of("_B"));
        assertThat(runDay.meteringSystems())
                .isEqualTo(runDay.reference(GspGroup.of("_A")).meteringSystems().size()
                        + runDay.reference(GspGroup.of("_B")).meteringSystems().size());
        RunMeterData.GroupData a = runDay.read(
                GspGroup.of("_A"), runDay.reference(GspGroup.of("_A")).meteringSystems());
        RunMeterData.GroupData b = runDay.read(
                GspGroup.of("_B"), runDay.reference(GspGroup.of("_B")).meteringSystems());
        long total = jdbc.sql("SELECT sum(rows_read) FROM meter_data_file")
                .query(Long.class)
                .single();
        // each group has about half the day's rows; a group decodes its own row groups and those it shares (one at
        // the MPAN boundary of each sorted file, the bad file's, and for _A the first of the orphans file)
        assertThat(a.rowsRead()).isLessThan(total * 6 / 10);
        assertThat(b.rowsRead()).isLessThan(total * 6 / 10);
        assertThat(a.rowsRead() + b.rowsRead()).isLessThan(total - 2058 + 5 * 2048);
        assertThat(a.unassigned()).hasSize(2050);
        assertThat(b.unassigned()).isEmpty();
        assertThat(runDay.unread()).hasSize(2058);
    }

    private static void duckdb(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
            s.execute(sql);
        }
    }
}
