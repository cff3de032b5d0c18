package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gbsettle sample} on a real embedded PostgreSQL 17, one Spring context: the default day extracted from the
 * class path, loaded, ingested, run and found to match its expected outputs (exit 0); the same day from a folder whose
 * expected supplier volumes have one value changed, found to differ there and only there (exit 1).
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SampleCommandIT {

    private static final String DAY = SampleDayFixture.WINTER;

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    ApplicationContext context;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @Test
    void the_default_day_runs_to_its_expected_outputs() {
        Path work = DATABASE.directory().resolve("work");

        Result r = gbsettle.run("sample", "--work-dir", work.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(work.resolve(DAY).resolve("meter-data").resolve("meter_reads_bad.parquet"))
                .isRegularFile();
        assertThat(r.out())
                .contains("== Sample day " + DAY + " extracted to " + work.resolve(DAY))
                .contains("run SF of 2026-01-15, data cut-off 2026-02-06T00:00:00Z, GSP groups _A, _B")
                .contains("loaded by sample")
                // four files, each received a day before the cut-off
                .contains("meter_reads_bad.parquet: ")
                .contains("received 2026-02-05T00:00:00Z")
                .containsPattern("(?m)^Run \\d+: 2026-01-15 SF \\d+ COMPLETE, data cut-off 2026-02-06T00:00:00Z$")
                .containsPattern("(?m)^_A +matches expected outputs \\(supplier_volume, bm_unit_volume,"
                        + " gsp_group_correction, quarantine: \\d+ rows\\)$")
                .containsPattern("(?m)^_B +matches expected outputs ")
                // expected/unassigned/quarantine.csv: rows 1 (BAD_MPAN) and 2 (UNKNOWN_MPAN) of the bad file
                .containsPattern("(?m)^unassigned +matches expected outputs \\(quarantine: 2 rows\\)$")
                .doesNotContain("difference");
    }

    @Test
    void a_changed_expected_value_is_a_difference_and_exit_1() throws IOException {
        Path days = DATABASE.directory().resolve("days");
        SampleDayFixture.copyFolder(SampleDayFixture.SAMPLES.resolve(DAY), days.resolve(DAY));
        Path supplierVolumes = days.resolve(DAY).resolve("expected/_A/supplier_volume.csv");
        List<String> lines = Files.readAllLines(supplierVolumes);
        // the first row: ALBA's default BM unit, CCC 1, period 1, corrected to 0.0231 MWh; expect 0.0232 instead
        assertThat(lines.get(1)).isEqualTo("ALBA,2__AALBA000,1,1,0.02314,0,1,0.02314,0.0231");
        lines.set(1, "ALBA,2__AALBA000,1,1,0.02314,0,1,0.02314,0.0232");
        Files.write(supplierVolumes, lines);

        Result r = gbsettle.run("sample", "--days-dir", days.toString(), DAY);

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("== Sample day " + DAY + " from " + days.resolve(DAY))
                // by row: the written 0.0231 sorts before the expected 0.0232
                .containsPattern("(?m)^_A +2 difference\\(s\\) from expected outputs:$")
                .contains(
                        "    supplier_volume: written, not expected: ALBA,2__AALBA000,1,1,0.02314,0,1,0.02314,0.0231\n"
                                + "    supplier_volume: expected, not written: ALBA,2__AALBA000,1,1,0.02314,0,1,0.02314,0.0232\n")
                .containsPattern("(?m)^_B +matches expected outputs ")
                .containsPattern("(?m)^unassigned +matches expected outputs ");
        assertThat(r.err()).contains("differs from the expected outputs of " + DAY + " in _A");
    }

    @Test
    void no_check_runs_the_day_without_comparing() {
        Result r = gbsettle.run(
                "sample",
                "--work-dir",
                DATABASE.directory().resolve("work").toString(),
                "--no-check",
                "2026-03-29_spring_clock_change");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("(?m)^Run \\d+: 2026-03-29 SF \\d+ COMPLETE")
                .doesNotContain("expected outputs");
    }
}
