package org.gbsettle.refdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenTableTest {

    private static final String ACTUAL = "code,mpan,settlement_period,message\n"
            + "CF_OUT_OF_RANGE,,35,\"SP35: legacy_gcf 1.158095238 is outside 0.9..1.1\"\n"
            + "BM_UNIT_DEFAULTED,1810000000024,0,\"MPAN 1810000000024: BM unit 2__ASUPB001 not valid, default used\"\n";

    @Test
    void test_projection_keeps_the_expected_columns_and_ignores_row_order() {
        GoldenTable expected =
                GoldenTable.parse("code,settlement_period\nBM_UNIT_DEFAULTED,0\nCF_OUT_OF_RANGE,35\n", "e");

        GoldenTable actual = GoldenTable.parse(ACTUAL, "a").project(expected.columns, "a");

        assertThat(actual.columns).containsExactly("code", "settlement_period");
        assertThat(actual.lines()).containsExactly("CF_OUT_OF_RANGE,35", "BM_UNIT_DEFAULTED,0");
        assertThat(GoldenTable.diff(expected, actual)).isEmpty();
    }

    @Test
    void test_quoted_values_survive_projection_and_rendering() {
        GoldenTable t = GoldenTable.parse(ACTUAL, "a").project(List.of("code", "message"), "a");

        assertThat(t.render())
                .isEqualTo("code,message\n"
                        + "CF_OUT_OF_RANGE,SP35: legacy_gcf 1.158095238 is outside 0.9..1.1\n"
                        + "BM_UNIT_DEFAULTED,\"MPAN 1810000000024: BM unit 2__ASUPB001 not valid, default used\"\n");
    }

    @Test
    void test_diff_lists_missing_and_unexpected_rows_with_duplicates_counted() {
        GoldenTable expected = GoldenTable.parse("a,b\n1,x\n1,x\n2,y\n", "e");
        GoldenTable actual = GoldenTable.parse("a,b\n1,x\n3,z\n2,y\n", "a");

        assertThat(GoldenTable.diff(expected, actual))
                .isEqualTo("  columns: a,b\n"
                        + "  1 expected row(s) not produced:\n"
                        + "    - 1,x\n"
                        + "  1 produced row(s) not expected:\n"
                        + "    + 3,z\n");
    }

    @Test
    void test_a_column_the_table_lacks_is_named() {
        assertThatThrownBy(() -> GoldenTable.parse(ACTUAL, "calculation_issues.csv")
                        .project(List.of("code", "severity"), "calculation_issues.csv"))
                .hasMessage("calculation_issues.csv: the expected file has columns [severity] that the result table"
                        + " lacks; its columns are [code, mpan, settlement_period, message]");
    }
}
