package org.gbsettle.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The value and row rules of the comparison with expected outputs. */
class ExpectedOutputsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // value        | compared as
                "1.50           | 1.5",
                "0.000          | 0",
                "-0.0           | 0",
                "12             | 12",
                "1E+3           | 1E+3", // not plain notation: text
                "0.190213219538 | 0.190213219538",
                "-0.000000000048021845 | -0.000000000048021845",
                "legacy_gcf     | legacy_gcf",
                "BAD_MPAN       | BAD_MPAN"
            })
    void numbers_compare_by_value_and_text_as_it_is(String value, String compared) {
        assertThat(ExpectedOutputs.normal(value)).isEqualTo(compared);
    }

    @Test
    void null_compares_as_empty() {
        assertThat(ExpectedOutputs.normal(null)).isEmpty();
        assertThat(ExpectedOutputs.row(java.util.Arrays.asList("1.0", null, "x")))
                .isEqualTo("1,,x");
    }

    @Test
    void differences_are_rows_short_or_over_as_often_as_they_are() {
        List<String> expected = List.of("1,a", "2,b", "2,b", "3,c");
        List<String> written = List.of("3,c", "2,b", "1,z", "4,d", "4,d");

        assertThat(ExpectedOutputs.differences("t", expected, written))
                .containsExactly(
                        "t: expected, not written: 1,a",
                        "t: written, not expected: 1,z",
                        "t: expected, not written: 2,b",
                        "t: written, not expected: 4,d",
                        "t: written, not expected: 4,d");
        assertThat(ExpectedOutputs.differences("t", expected, List.of("2,b", "3,c", "1,a", "2,b")))
                .isEmpty();
    }
}
