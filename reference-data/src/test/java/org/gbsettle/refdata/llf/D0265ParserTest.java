package org.gbsettle.refdata.llf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class D0265ParserTest {

    private static final String SAMPLE = "LLFEELC20260401.D0265";
    private static final LineLossFactorClass LV = LineLossFactorClass.of("EELC", "210");
    private static final LineLossFactorClass HV = LineLossFactorClass.of("EELC", "500");

    static String sample() throws IOException {
        try (InputStream in = D0265ParserTest.class.getResourceAsStream(SAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A small file: header, DIS, then the given body lines, then a trailer. */
    static String file(String... body) {
        List<String> lines = new ArrayList<>();
        lines.add("ZHD||D0265001|R|EELC|G|CAPG|20260310093000||||OPER");
        lines.add("DIS|EELC");
        lines.addAll(List.of(body));
        lines.add("ZPT|" + (body.length + 1) + "|0");
        return String.join("\n", lines) + "\n";
    }

    /** An SDT block: the date and {@code n} SPL records of value {@code llf}. */
    static String[] block(String date, int n, String llf) {
        String[] out = new String[n + 1];
        out[0] = "SDT|" + date;
        for (int sp = 1; sp <= n; sp++) {
            out[sp] = "SPL|" + sp + "|" + llf;
        }
        return out;
    }

    static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }

    /** {@code text} with the first occurrence of {@code a} replaced by {@code b}. */
    static String once(String text, String a, String b) {
        int i = text.indexOf(a);
        return text.substring(0, i) + b + text.substring(i + a.length());
    }

    static LlfFile parse(String text) {
        return D0265Parser.parse(new StringReader(text), "test.D0265");
    }

    @Test
    void test_sample_file() throws IOException {
        LlfFile f = D0265Parser.parse(new StringReader(sample()), SAMPLE);

        assertThat(f.distributor().code()).isEqualTo("EELC");
        assertThat(f.flowVersion()).isEqualTo("D0265001");
        assertThat(f.created()).contains(LocalDateTime.of(2026, 3, 10, 9, 30, 0));
        assertThat(f.testFlag()).isEqualTo("OPER");
        assertThat(f.classes()).containsExactly(LV, HV);
        assertThat(f.dates())
                .containsExactly(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 10, 25), LocalDate.of(2027, 3, 28));
        assertThat(f.firstDate()).contains(LocalDate.of(2026, 4, 1));
        // ZHD, DIS, 2 x LLF, 6 x SDT, 2 x (48 + 50 + 46) SPL, ZPT: the body is 1 + 2 + 6 + 288 = 297 records
        assertThat(f.bodyRecordCount()).isEqualTo(297);
        assertThat(f.trailerRecordCount()).isEqualTo(297);
        assertThat(f.trailerChecksum()).isZero();

        // LLFC 210 is 1.050 + SP/1000: SP1 1.051, SP48 1.098, on the long day SP50 1.100; LLFC 500 1.030 then 1.035
        long[] normal = f.millionths(LV, LocalDate.of(2026, 4, 1));
        long[] longDay = f.millionths(LV, LocalDate.of(2026, 10, 25));
        long[] shortDay = f.millionths(HV, LocalDate.of(2027, 3, 28));
        assertThat(normal).hasSize(48);
        assertThat(normal[0]).isEqualTo(1_051_000L);
        assertThat(normal[47]).isEqualTo(1_098_000L);
        assertThat(longDay).hasSize(50);
        assertThat(longDay[49]).isEqualTo(1_100_000L);
        assertThat(shortDay).hasSize(46);
        assertThat(shortDay[31]).isEqualTo(1_030_000L);
        assertThat(shortDay[32]).isEqualTo(1_035_000L);
        assertThat(f.millionths(LV, LocalDate.of(2026, 4, 2))).isNull();

        LineLossFactors table = f.lineLossFactors();
        assertThat(table.classes()).containsExactlyInAnyOrder(LV, HV);
        assertThat(table.forDate(HV, LocalDate.of(2026, 10, 25))).hasSize(50);
    }

    @Test
    void test_spl_value_error_names_file_line_record_and_field() throws IOException {
        String text = once(sample(), "SPL|3|1.053\n", "SPL|3|1.07x\n");

        assertThatThrownBy(() -> D0265Parser.parse(new StringReader(text), SAMPLE))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage("LLFEELC20260401.D0265 line 7 (SPL), field LLF value: '1.07x' is not a decimal");
    }

    @Test
    void test_every_value_problem_is_listed() throws IOException {
        String text = once(once(sample(), "SPL|3|1.053\n", "SPL|3|1.07x\n"), "SPL|4|1.054\n", "SPL|4|-1\n");

        assertThatThrownBy(() -> D0265Parser.parse(new StringReader(text), SAMPLE))
                .isInstanceOfSatisfying(
                        ReferenceFileException.class,
                        e -> assertThat(e.problems())
                                .extracting(ReferenceFileException.Problem::text)
                                .containsExactly(
                                        "LLFEELC20260401.D0265 line 7 (SPL), field LLF value: '1.07x' is not a decimal",
                                        "LLFEELC20260401.D0265 line 8 (SPL), field LLF value: '-1' is outside [0, 9]"));
    }

    @Test
    void test_trailing_pipe_crlf_and_blank_lines_are_accepted() {
        StringBuilder text = new StringBuilder(
                "ZHD||D0265001|R|EELC|G|CAPG|20260310093000||||OPER|\r\nDIS|EELC|\r\n\r\nLLF|210|\r\nSDT|20260401|\r\n");
        for (int sp = 1; sp <= 48; sp++) {
            text.append("SPL|").append(sp).append("|1.074|\r\n");
        }
        text.append("ZPT|51|0|\r\n\r\n");

        LlfFile f = parse(text.toString());

        assertThat(f.millionths(LV, LocalDate.of(2026, 4, 1))).hasSize(48).containsOnly(1_074_000L);
        assertThat(f.bodyRecordCount()).isEqualTo(51);
    }

    @Test
    void test_six_decimal_places_are_exact() {
        LlfFile f = parse(file(concat(new String[] {"LLF|210"}, block("20260401", 48, "1.074125"))));

        assertThat(f.millionths(LV, LocalDate.of(2026, 4, 1))[0]).isEqualTo(1_074_125L);
    }

    static Stream<Arguments> malformed() {
        String[] ok48 = block("20260401", 48, "1.074");
        return Stream.of(
                Arguments.of(
                        "value with 7 dp",
                        file(concat(new String[] {"LLF|210", "SDT|20260401", "SPL|1|1.0745678"}, tail(ok48, 2))),
                        "test.D0265 line 5 (SPL), field LLF value: '1.0745678' has more than 6 decimal places"),
                Arguments.of(
                        "value above 9",
                        file(concat(new String[] {"LLF|210", "SDT|20260401", "SPL|1|9.001"}, tail(ok48, 2))),
                        "test.D0265 line 5 (SPL), field LLF value: '9.001' is outside [0, 9]"),
                Arguments.of(
                        "value in exponent form",
                        file(concat(new String[] {"LLF|210", "SDT|20260401", "SPL|1|1.07E0"}, tail(ok48, 2))),
                        "test.D0265 line 5 (SPL), field LLF value: '1.07E0' is not a decimal"),
                Arguments.of(
                        "47 SPL records on a 48-period date",
                        file(concat(new String[] {"LLF|210"}, block("20260401", 47, "1.074"))),
                        "test.D0265 line 4 (SDT), field settlement date: 2026-04-01 has 47 SPL records; the date has"
                                + " 48 settlement periods"),
                Arguments.of(
                        "48 SPL records on the 46-period spring day",
                        file(concat(new String[] {"LLF|210"}, block("20270328", 48, "1.074"))),
                        "test.D0265 line 4 (SDT), field settlement date: 2027-03-28 has 48 SPL records; the date has"
                                + " 46 settlement periods"),
                Arguments.of(
                        "48 SPL records on the 50-period autumn day",
                        file(concat(new String[] {"LLF|210"}, block("20261025", 48, "1.074"))),
                        "test.D0265 line 4 (SDT), field settlement date: 2026-10-25 has 48 SPL records; the date has"
                                + " 50 settlement periods"),
                Arguments.of(
                        "a gap in SP ids",
                        file(concat(
                                new String[] {"LLF|210", "SDT|20260401", "SPL|1|1.074", "SPL|3|1.074"}, tail(ok48, 4))),
                        "test.D0265 line 6 (SPL), field SP id: '3' is out of sequence: expected 2 (a gap); ids run"
                                + " 1..N in order"),
                Arguments.of(
                        "a duplicate SP id",
                        file(concat(
                                new String[] {"LLF|210", "SDT|20260401", "SPL|1|1.074", "SPL|1|1.074"}, tail(ok48, 2))),
                        "test.D0265 line 6 (SPL), field SP id: '1' is out of sequence: expected 2 (a duplicate or out of"
                                + " order); ids run 1..N in order"),
                Arguments.of(
                        "SP id not a number",
                        file(concat(new String[] {"LLF|210", "SDT|20260401", "SPL|x|1.074"}, tail(ok48, 2))),
                        "test.D0265 line 5 (SPL), field SP id: 'x' is not a whole number"),
                Arguments.of(
                        "SPL with two fields",
                        file(concat(new String[] {"LLF|210", "SDT|20260401", "SPL|1"}, tail(ok48, 2))),
                        "test.D0265 line 5 (SPL): has 2 fields, expected 3 (SPL|SP id|LLF value)"),
                Arguments.of(
                        "a bad settlement date",
                        file(concat(new String[] {"LLF|210"}, block("20261399", 48, "1.074"))),
                        "test.D0265 line 4 (SDT), field settlement date: '20261399' is not a date (YYYYMMDD)"),
                Arguments.of(
                        "one LLFC and date twice",
                        file(concat(new String[] {"LLF|210"}, ok48, ok48)),
                        "test.D0265 line 53 (SDT), field settlement date: LLFC 210 has 2026-04-01 twice (first at"
                                + " line 4)"),
                Arguments.of(
                        "a bad LLFC id",
                        file(concat(new String[] {"LLF|2100"}, ok48)),
                        "test.D0265 line 3 (LLF), field LLFC: '2100' is not an LLFC id (1-3 letters or digits)"),
                Arguments.of(
                        "no header",
                        "DIS|EELC\nLLF|210\n",
                        "test.D0265 line 1 (DIS): record out of order after the start of the file: expected once,"
                                + " right after ZHD"),
                Arguments.of(
                        "header of another flow",
                        "ZHD||D0036001|R|EELC|G|CAPG|20260310093000||||OPER\n",
                        "test.D0265 line 1 (ZHD), field flow: 'D0036001' is not the D0265 flow"),
                Arguments.of(
                        "header created not a timestamp",
                        file(concat(new String[] {"LLF|210"}, ok48)).replace("20260310093000", "2026-03-10"),
                        "test.D0265 line 1 (ZHD), field created: '2026-03-10' is not a timestamp (YYYYMMDDHHMMSS)"),
                Arguments.of(
                        "SDT before any LLF",
                        file(ok48),
                        "test.D0265 line 3 (SDT): record out of order after DIS: expected after LLF or after an SDT"
                                + " block"),
                Arguments.of(
                        "LLF without SDT",
                        file("LLF|210", "LLF|500"),
                        "test.D0265 line 4 (LLF): record out of order after LLF: expected after DIS or after an SDT"
                                + " block"),
                Arguments.of(
                        "a second DIS",
                        file(concat(new String[] {"DIS|EELC", "LLF|210"}, ok48)),
                        "test.D0265 line 3 (DIS): record out of order after DIS: expected once, right after ZHD"),
                Arguments.of(
                        "an unknown record type",
                        file(concat(new String[] {"LLF|210"}, ok48, new String[] {"XYZ|1"})),
                        "test.D0265 line 53 (XYZ): unknown record type (expected ZHD, DIS, LLF, SDT, SPL or ZPT)"),
                Arguments.of(
                        "no trailer",
                        "ZHD||D0265001|R|EELC|G|CAPG|20260310093000||||OPER\nDIS|EELC\nLLF|210\n"
                                + String.join("\n", block("20260401", 48, "1.074")) + "\n",
                        "test.D0265 line 52: ends without a ZPT trailer"),
                Arguments.of(
                        "a record after the trailer",
                        file(concat(new String[] {"LLF|210"}, ok48)) + "LLF|500\n",
                        "test.D0265 line 54 (LLF): record after the ZPT trailer"),
                Arguments.of(
                        "trailer numbers not numbers",
                        file(concat(new String[] {"LLF|210"}, ok48)).replaceAll("ZPT\\|\\d+\\|0", "ZPT|fifty|0"),
                        "test.D0265 line 53 (ZPT), field record count: 'fifty' is not a whole number"),
                Arguments.of("an empty file", "\n\n", "test.D0265: is empty: no ZHD header"),
                Arguments.of(
                        "a bad distributor id",
                        "ZHD||D0265001|R|EELC|G|CAPG|20260310093000||||OPER\nDIS|EE-LC\n",
                        "test.D0265 line 2 (DIS), field distributor: 'EE-LC' is not a market participant id (1-4"
                                + " letters or digits)"));
    }

    private static String[] tail(String[] block, int fromSp) {
        String[] out = new String[block.length - fromSp];
        System.arraycopy(block, fromSp, out, 0, out.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void test_malformed_files_fail_naming_line_record_and_rule(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage(message);
    }
}
