package org.gbsettle.refdata.take;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Stream;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CdcaI029ParserTest {

    private static TakeFile parse(String text) {
        return CdcaI029Parser.parse(new StringReader(text), "take.I029");
    }

    @Test
    void test_domain_example_record() {
        // domain.md §6.4: group _A, 28 Nov 2016, DF run, CDCA run 19, aggregated 16 Jan 2018, SP1 actual import
        TakeFile f = parse("AGV|_A|20161128|DF|19|20180116|\nAGP|1|F|I|1545.2218|\n");

        assertThat(f.blocks()).hasSize(1);
        TakeFile.Block b = f.blocks().get(0);
        assertThat(b.group()).isEqualTo(GspGroup.of("_A"));
        assertThat(b.date()).isEqualTo(SettlementDate.of(2016, 11, 28));
        assertThat(b.runType()).isEqualTo(RunType.DF);
        assertThat(b.cdcaRunNumber()).isEqualTo(19);
        assertThat(b.aggregationDate()).isEqualTo(LocalDate.of(2018, 1, 16));
        assertThat(b.line()).isEqualTo(1);
        assertThat(b.take().mwh(1)).isEqualByComparingTo("1545.2218");
        assertThat(b.take().estimated(1)).isFalse();
        assertThat(b.take().mwh(2)).isNull();
        assertThat(b.take().cdcaRunNumber()).isEqualTo(19);
    }

    @Test
    void test_several_blocks_signs_flags_and_scale() {
        // _N on the 50-period day with SP50 present; _A: an export period is negative; an estimate flag is kept;
        // values are normalised to 4 dp (0.5 -> 0.5000)
        String text = "AGV|_A|20260115|SF|3|20260126|\n"
                + "AGP|1|F|I|0.5|\n"
                + "AGP|2|T|E|12.0100|\n"
                + "AGV|_N|20261025|R1|7|20261201|\n"
                + "AGP|50|F|I|381.1000|\n";

        TakeFile f = parse(text);

        assertThat(f.blocks()).extracting(TakeFile.Block::group).containsExactly(GspGroup.of("_A"), GspGroup.of("_N"));
        GspGroupTake a =
                f.take(GspGroup.of("_A"), SettlementDate.of(2026, 1, 15)).orElseThrow();
        assertThat(a.mwh(1)).isEqualTo(new BigDecimal("0.5000"));
        assertThat(a.mwh(2)).isEqualTo(new BigDecimal("-12.0100"));
        assertThat(a.estimated(2)).isTrue();
        GspGroupTake n =
                f.take(GspGroup.of("_N"), SettlementDate.of(2026, 10, 25)).orElseThrow();
        assertThat(n.mwh(50)).isEqualTo(new BigDecimal("381.1000"));
        assertThat(f.take(GspGroup.of("_B"), SettlementDate.of(2026, 1, 15))).isEmpty();
    }

    @Test
    void test_envelope_records_are_skipped() {
        TakeFile f = parse("ZHD|x|C0291001|\nAGV|_A|20260115|SF|3|20260126|\nAGP|1|F|I|1.0|\nZPT|2|\n");

        assertThat(f.blocks()).hasSize(1);
    }

    @Test
    void test_known_groups_are_the_callers() {
        Problems problems = new Problems();

        CdcaI029Parser.read(
                new StringReader("AGV|_B|20260115|SF|3|20260126|\n"), "t.I029", Set.of(GspGroup.of("_A")), problems);

        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .containsExactly("t.I029 line 1 (AGV), field GSP group: REFDATA_CONFLICT: unknown GSP group '_B'"
                        + " (known: _A)");
    }

    static Stream<Arguments> malformed() {
        String agv = "AGV|_A|20260115|SF|3|20260126|\n";
        return Stream.of(
                Arguments.of(
                        "unknown GSP group",
                        "AGV|_Q|20260115|SF|3|20260126|\n",
                        "take.I029 line 1 (AGV), field GSP group: REFDATA_CONFLICT: unknown GSP group '_Q' (known: _A"
                                + " _B _C _D _E _F _G _H _J _K _L _M _N _P)"),
                Arguments.of(
                        "malformed GSP group",
                        "AGV|A|20260115|SF|3|20260126|\n",
                        "take.I029 line 1 (AGV), field GSP group: GSP group 'A' is not an underscore and a capital letter other than I and O (_A.._P)"),
                Arguments.of(
                        "bad settlement date",
                        "AGV|_A|2026-01-15|SF|3|20260126|\n",
                        "take.I029 line 1 (AGV), field settlement date: '2026-01-15' is not a date (YYYYMMDD)"),
                Arguments.of(
                        "bad run type",
                        "AGV|_A|20260115|XX|3|20260126|\n",
                        "take.I029 line 1 (AGV), field run type: Run type 'XX' is not one of II, SF, R1, R2, R3, RF,"
                                + " DF, D, DR"),
                Arguments.of(
                        "run number zero",
                        "AGV|_A|20260115|SF|0|20260126|\n",
                        "take.I029 line 1 (AGV), field CDCA run number: '0' is outside 1..9999999"),
                Arguments.of(
                        "AGV with a field missing",
                        "AGV|_A|20260115|SF|3|\n",
                        "take.I029 line 1 (AGV): has 5 fields, expected 6 (AGV|group|date|run type|run number"
                                + "|aggregation date|)"),
                Arguments.of(
                        "SP 49 on a 48-period day",
                        agv + "AGP|49|F|I|1.0|\n",
                        "take.I029 line 2 (AGP), field settlement period: '49' is outside 1..48"),
                Arguments.of(
                        "SP 47 on the 46-period day",
                        "AGV|_A|20270328|SF|3|20270405|\nAGP|47|F|I|1.0|\n",
                        "take.I029 line 2 (AGP), field settlement period: '47' is outside 1..46"),
                Arguments.of(
                        "SP 0",
                        agv + "AGP|0|F|I|1.0|\n",
                        "take.I029 line 2 (AGP), field settlement period: '0' is outside 1..48"),
                Arguments.of(
                        "duplicate SP",
                        agv + "AGP|1|F|I|1.0|\nAGP|1|F|I|2.0|\n",
                        "take.I029 line 3 (AGP), field settlement period: SP 1 appears twice in the block of _A"
                                + " 2026-01-15 (first at line 2)"),
                Arguments.of(
                        "bad estimate flag",
                        agv + "AGP|1|Y|I|1.0|\n",
                        "take.I029 line 2 (AGP), field estimate flag: 'Y' is not T (estimate) or F (actual)"),
                Arguments.of(
                        "bad direction",
                        agv + "AGP|1|F|X|1.0|\n",
                        "take.I029 line 2 (AGP), field import/export flag: 'X' is not I (import) or E (export)"),
                Arguments.of(
                        "5 decimal places",
                        agv + "AGP|1|F|I|1.00001|\n",
                        "take.I029 line 2 (AGP), field GSP group take: '1.00001' has more than 4 decimal places"),
                Arguments.of(
                        "not a decimal",
                        agv + "AGP|1|F|I|1,5|\n",
                        "take.I029 line 2 (AGP), field GSP group take: '1,5' is not a decimal"),
                Arguments.of(
                        "negative magnitude",
                        agv + "AGP|1|F|I|-1.5|\n",
                        "take.I029 line 2 (AGP), field GSP group take: '-1.5' is negative"),
                Arguments.of(
                        "more than 10 integer digits",
                        agv + "AGP|1|F|I|12345678901.0|\n",
                        "take.I029 line 2 (AGP), field GSP group take: '12345678901.0' has more than 10 integer digits"
                                + " (decimal(14,4))"),
                Arguments.of(
                        "AGP before AGV",
                        "AGP|1|F|I|1.0|\n",
                        "take.I029 line 1 (AGP): record before any AGV block header"),
                Arguments.of(
                        "two blocks for one group and date",
                        agv + "AGP|1|F|I|1.0|\n" + agv,
                        "take.I029 line 3 (AGV): a second block for _A 2026-01-15 (first at line 1)"),
                Arguments.of(
                        "unknown record type",
                        agv + "AGX|1|F|I|1.0|\n",
                        "take.I029 line 2 (AGX): unknown record type (expected AGV or AGP)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void test_malformed_files_fail_naming_line_record_and_rule(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage(message);
    }

    @Test
    void test_all_problems_are_collected() {
        String text = "AGV|_A|20260115|SF|3|20260126|\nAGP|1|Y|I|1.0|\nAGP|2|F|I|x|\n";

        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(
                        ReferenceFileException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }
}
