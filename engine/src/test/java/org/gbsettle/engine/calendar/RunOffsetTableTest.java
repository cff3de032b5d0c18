package org.gbsettle.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gbsettle.engine.calendar.TestCalendars.OFFSETS;
import static org.gbsettle.engine.calendar.TimetableRegime.LEGACY;
import static org.gbsettle.engine.calendar.TimetableRegime.MHHS;

import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOffsetTableTest {

    @ParameterizedTest(name = "{0} {1} = WD+{2}")
    @CsvSource({
        "LEGACY, II, 5",
        "LEGACY, SF, 16",
        "LEGACY, R1, 39",
        "LEGACY, R2, 84",
        "LEGACY, R3, 154",
        "LEGACY, RF, 292",
        "MHHS, II, 4",
        "MHHS, SF, 7",
        "MHHS, R1, 30",
        "MHHS, RF, 84",
    })
    void offsetsOfDomainTable(TimetableRegime regime, RunType runType, int workingDays) {
        assertThat(OFFSETS.offset(regime, runType)).contains(RunOffset.of(regime, runType, workingDays));
    }

    @Test
    void runsWithoutAnOffsetAreNotPlanned() {
        assertThat(OFFSETS.offset(MHHS, RunType.R2)).isEmpty();
        assertThat(OFFSETS.offset(MHHS, RunType.R3)).isEmpty();
        assertThat(OFFSETS.offset(LEGACY, RunType.DF)).isEmpty();
        assertThat(OFFSETS.offset(MHHS, RunType.DF)).isEmpty();
    }

    @Test
    void offsetsAreInRankOrderWhateverTheInputOrder() {
        RunOffsetTable table = RunOffsetTable.of(List.of(
                RunOffset.of(MHHS, RunType.RF, 84),
                RunOffset.of(MHHS, RunType.II, 4),
                RunOffset.of(MHHS, RunType.SF, 7)));

        assertThat(table.offsets(MHHS))
                .extracting(RunOffset::runType)
                .containsExactly(RunType.II, RunType.SF, RunType.RF);
        assertThat(table.firstRun(MHHS)).isEqualTo(RunOffset.of(MHHS, RunType.II, 4));
        assertThat(table.offsets(LEGACY)).isEmpty();
        assertThat(table.regimes()).containsExactly(MHHS);
        assertThatThrownBy(() -> table.firstRun(LEGACY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Run offset table has no offsets for LEGACY");
    }

    @Test
    void allListsByRegimeThenRank() {
        assertThat(OFFSETS.all())
                .extracting(RunOffset::toString)
                .containsExactly(
                        "LEGACY II WD+5",
                        "LEGACY SF WD+16",
                        "LEGACY R1 WD+39",
                        "LEGACY R2 WD+84",
                        "LEGACY R3 WD+154",
                        "LEGACY RF WD+292",
                        "MHHS II WD+4",
                        "MHHS SF WD+7",
                        "MHHS R1 WD+30",
                        "MHHS RF WD+84");
    }

    @Test
    void aRepeatedRunIsRejected() {
        assertThatThrownBy(() -> RunOffsetTable.of(
                        List.of(RunOffset.of(LEGACY, RunType.II, 5), RunOffset.of(LEGACY, RunType.II, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Run offset of LEGACY II given twice: LEGACY II WD+5 and LEGACY II WD+4");
    }

    @Test
    void offsetsMustIncreaseWithRank() {
        assertThatThrownBy(() -> RunOffsetTable.of(
                        List.of(RunOffset.of(MHHS, RunType.SF, 7), RunOffset.of(MHHS, RunType.R1, 7))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Run offsets of MHHS must increase with run type: R1 WD+7 is not after SF WD+7");
    }

    @Test
    void badOffsetsAreRejected() {
        assertThatThrownBy(() -> RunOffset.of(LEGACY, RunType.SF, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("working_days 0 of LEGACY SF must be at least 1");
        assertThatThrownBy(() -> RunOffset.of(LEGACY, RunType.DR, 600))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run_type DR is an ad-hoc dispute run and has no timetable offset");
    }

    @Test
    void valueSemantics() {
        RunOffsetTable again = RunOffsetTable.of(OFFSETS.all());

        assertThat(again).isEqualTo(OFFSETS).hasSameHashCodeAs(OFFSETS);
        assertThatThrownBy(() -> again.regimes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
