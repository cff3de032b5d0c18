package org.gbsettle.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Run types and their rank for supersession (domain.md §3: II < SF < R1 < R2 < R3 < RF < DF). */
class RunTypeTest {

    @Test
    void test_rank_orders_the_runs_as_the_bsc_does() {
        List<RunType> byRank = Arrays.stream(new RunType[] {
                    RunType.DF, RunType.R2, RunType.II, RunType.RF, RunType.SF, RunType.R3, RunType.R1
                })
                .sorted(Comparator.comparingInt(RunType::rank))
                .toList();
        assertThat(byRank)
                .containsExactly(RunType.II, RunType.SF, RunType.R1, RunType.R2, RunType.R3, RunType.RF, RunType.DF);
    }

    @Test
    void test_ad_hoc_dispute_runs_rank_with_the_dispute_final() {
        assertThat(RunType.D.rank()).isEqualTo(RunType.DF.rank());
        assertThat(RunType.DR.rank()).isEqualTo(RunType.DF.rank());
        assertThat(RunType.D.rank()).isGreaterThan(RunType.RF.rank());
    }

    @ParameterizedTest
    @CsvSource({"SF, SF", "sf, SF", " r1 , R1", "DR, DR"})
    void test_parse(String text, RunType expected) {
        assertThat(RunType.parse(text)).isEqualTo(expected);
    }

    @Test
    void test_parse_names_the_known_codes() {
        assertThatThrownBy(() -> RunType.parse("R4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Run type 'R4' is not one of II, SF, R1, R2, R3, RF, DF, D, DR");
    }
}
