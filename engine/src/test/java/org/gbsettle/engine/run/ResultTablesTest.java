package org.gbsettle.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.gbsettle.engine.testing.RegistrationBuilder;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;

/** The canonical CSV form of results, which goldens and fingerprints rest on. */
class ResultTablesTest {

    private static final long MPAN = 1010000000019L;

    private static TestRun run(String kwh) {
        return TestRun.on("_A", "2026-01-15")
                .llf("A1", "1.074")
                .unit("SUPA", 0)
                .system(RegistrationBuilder.mpan(MPAN)
                        .supplier("SUPA")
                        .bmUnit("2__ASUPA000")
                        .llfc("DIST", "A1"))
                .read(MPAN, 1, kwh, 'A');
    }

    @Test
    void test_number_forms_and_table_names() {
        ResultTables t = run("412.500").take(1, "0.4430").run().tables();
        assertThat(t.asMap().keySet())
                .containsExactly(
                        "supplier_volume.csv",
                        "bm_unit_volume.csv",
                        "gsp_group_correction.csv",
                        "data_quality.csv",
                        "calculation_issues.csv",
                        "quarantine.csv");
        // 412.5 kWh x 1.074: C 0.4125 MWh, L 0.030525 MWh; W = 0 (CCCs 1/4), so corrected = uncorrected
        assertThat(t.table("supplier_volume.csv"))
                .startsWith("supplier_id,bm_unit_id,ccc_id,settlement_period,uncorrected_mwh,weight,factor,"
                        + "corrected_exact_mwh,corrected_mwh\n")
                .contains("SUPA,2__ASUPA000,1,1,0.4125,0,1,0.4125,0.4125\n")
                .contains("SUPA,2__ASUPA000,4,1,0.030525,0,1,0.030525,0.0305\n");
        // published values keep 4 dp, gcf 9 dp
        assertThat(t.table("bm_unit_volume.csv")).contains("SUPA,2__ASUPA000,2,0,0.0000\n");
        assertThat(t.table("gsp_group_correction.csv")).contains("\n1,legacy_gcf,1.000000000,0.4430,false,");
    }

    @Test
    void test_fingerprint_is_stable_and_follows_the_content() {
        String a = run("412.500").run().tables().fingerprint();
        String b = run("412.500").run().tables().fingerprint();
        String c = run("412.501").run().tables().fingerprint();
        assertThat(a).hasSize(64).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void test_messages_with_commas_are_quoted() {
        // the BM unit is not given: BM_UNIT_DEFAULTED's message holds no comma, an NO_ESTIMATE message neither;
        // an issue message with a comma (MISSING periods listed) is quoted as CSV
        RunResult r = TestRun.on("_A", "2026-01-15")
                .llf("A1", "1.000")
                .unit("SUPA", 0)
                .system(RegistrationBuilder.mpan(MPAN)
                        .supplier("SUPA")
                        .bmUnit(null)
                        .llfc("DIST", "A1"))
                .run();
        String issues = r.tables().table("calculation_issues.csv");
        assertThat(issues).startsWith("code,mpan,settlement_period,message\n");
        assertThat(issues.lines().skip(1)).allSatisfy(line -> {
            String message = line.split(",", 4)[3];
            assertThat(!message.contains(",") || message.startsWith("\"")).isTrue();
        });
    }
}
