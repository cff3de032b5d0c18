package org.gbsettle.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Effective ranges: inclusive at both ends, open-ended without an end date (domain.md §6). */
class EffectiveRangeTest {

    private static EffectiveRange range(String from, String to) {
        return EffectiveRange.of(LocalDate.parse(from), to.isEmpty() ? null : LocalDate.parse(to));
    }

    @ParameterizedTest(name = "{0}..{1} contains {2}: {3}")
    @CsvSource({
        "2026-01-01, 2026-01-31, 2026-01-01, true", // from is inclusive
        "2026-01-01, 2026-01-31, 2026-01-31, true", // to is inclusive
        "2026-01-01, 2026-01-31, 2026-02-01, false",
        "2026-01-01, 2026-01-31, 2025-12-31, false",
        "2026-01-01, '', 2099-12-31, true", // open end
    })
    void test_contains(String from, String to, String date, boolean expected) {
        assertThat(range(from, to).contains(LocalDate.parse(date))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}..{1} and {2}..{3} overlap: {4}")
    @CsvSource({
        "2026-01-01, 2026-01-31, 2026-01-31, 2026-02-28, true", // share the 31st
        "2026-01-01, 2026-01-31, 2026-02-01, 2026-02-28, false", // a change of supplier at a date boundary
        "2026-01-01, '', 2030-01-01, 2030-01-01, true",
        "2026-02-01, '', 2026-01-01, 2026-01-31, false",
        "2026-01-01, '', 2025-01-01, '', true",
    })
    void test_overlaps_both_ways(String f1, String t1, String f2, String t2, boolean expected) {
        assertThat(range(f1, t1).overlaps(range(f2, t2))).isEqualTo(expected);
        assertThat(range(f2, t2).overlaps(range(f1, t1))).isEqualTo(expected);
    }

    @Test
    void test_end_before_start_is_rejected() {
        assertThatThrownBy(() -> range("2026-02-01", "2026-01-31"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("effective_to 2026-01-31 is before effective_from 2026-02-01");
    }
}
