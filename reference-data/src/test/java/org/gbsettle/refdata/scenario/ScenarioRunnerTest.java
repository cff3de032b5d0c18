package org.gbsettle.refdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ScenarioRunner.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void test_prints_every_table() {
        int code = run(ScenarioFixtures.sample().toString());

        assertThat(code).isZero();
        assertThat(out())
                .startsWith("Scenario given_one_hh_import_mpan_normal_day: run SF 1 of 2026-01-15, GSP group _A, data"
                        + " cut-off 2026-02-01T00:00:00Z\n")
                .contains("\n== supplier_volume.csv ==\nsupplier_id,bm_unit_id,ccc_id,")
                .contains("\n== bm_unit_volume.csv ==\n")
                .contains("SUPA,2__ASUPA000,33,0.00649999999935,0.0065\n")
                .contains("\n== gsp_group_correction.csv ==\n")
                .contains("\n== data_quality.csv ==\n")
                .contains("\n== calculation_issues.csv ==\n")
                .contains("\n== quarantine.csv ==\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void test_writes_tables_to_a_folder() throws IOException {
        Path target = tmp.resolve("out");

        int code = run(ScenarioFixtures.sample().toString(), "--out", target.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(target.resolve("bm_unit_volume.csv")))
                .startsWith("supplier_id,bm_unit_id,settlement_period,exact_mwh,bmuadv_mwh\n");
        assertThat(out()).contains("wrote " + target.resolve("supplier_volume.csv") + " (96 rows)");
    }

    @Test
    void test_bad_arguments_exit_2_with_usage() {
        assertThat(run()).isEqualTo(ScenarioRunner.BAD_INPUT);
        assertThat(err()).contains("usage: ScenarioRunner <scenario-dir> [--out DIR]");
        assertThat(run("a", "b")).isEqualTo(ScenarioRunner.BAD_INPUT);
        assertThat(run(tmp.resolve("nowhere").toString())).isEqualTo(ScenarioRunner.BAD_INPUT);
        assertThat(err()).contains("does not exist");
        assertThat(run(ScenarioFixtures.sample().toString(), "--out")).isEqualTo(ScenarioRunner.BAD_INPUT);
    }

    @Test
    void test_bad_input_exits_2_listing_the_problems() {
        Path dir = ScenarioFixtures.copy(tmp);
        ScenarioFixtures.replace(dir.resolve("when/registrations.csv"), ",MHHS,", ",NEW,");

        assertThat(run(dir.toString())).isEqualTo(ScenarioRunner.BAD_INPUT);
        assertThat(err())
                .contains("registrations.csv line 2, field settlement_regime: Settlement regime 'NEW' is not LEGACY or"
                        + " MHHS");
        assertThat(out()).isEmpty();
    }

    @Test
    void test_a_run_that_cannot_be_calculated_exits_1() {
        Path dir = ScenarioFixtures.copy(tmp);
        ScenarioFixtures.replace(dir.resolve("when/registrations.csv"), ",210,", ",999,");

        assertThat(run(dir.toString())).isEqualTo(ScenarioRunner.RUN_FAILED);
        assertThat(err()).contains("The run cannot be calculated").contains("MISSING_LLF: no LLF for LLFC EELC/999");
    }
}
