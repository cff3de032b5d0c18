package org.gbsettle.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "abc                  | `\"abc\"`",
                "`say \"hi\"`         | `\"say \\\"hi\\\"\"`",
                "a\\b                 | `\"a\\\\b\"`",
                "</script>            | `\"\\u003c/script\\u003e\"`",
                "<!--                 | `\"\\u003c!--\"`",
                "a & b                | `\"a \\u0026 b\"`",
                "£                    | `\"£\"`"
            })
    void strings_are_escaped_for_a_script_element(String text, String json) {
        assertThat(Json.write(text)).isEqualTo(json);
    }

    @Test
    void control_characters_and_line_separators_are_escaped() {
        assertThat(Json.write("a\nb\tc\r\u0001\u2028\u2029")).isEqualTo("\"a\\nb\\tc\\r\\u0001\\u2028\\u2029\"");
    }

    @ParameterizedTest
    @CsvSource({"1.0850, 1.085", "0.0000, 0", "-0.0145, -0.0145", "1E+3, 1000", "2.1845, 2.1845", "1.000000000, 1"})
    void decimals_are_plain_numbers(String decimal, String json) {
        assertThat(Json.write(new BigDecimal(decimal))).isEqualTo(json);
    }

    @Test
    void maps_keep_their_order_and_lists_may_hold_null() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", List.of(2L, true, "x"));
        m.put("n", Arrays.asList(new BigDecimal("1.5"), null));
        assertThat(Json.write(m)).isEqualTo("{\"z\":1,\"a\":[2,true,\"x\"],\"n\":[1.5,null]}");
        assertThat(Json.write(null)).isEqualTo("null");
    }

    @Test
    void other_types_are_refused() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
