package org.gbsettle.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettlementDateTest {

    /**
     * The clock changes of domain.md §2. The Sundays follow from "last Sunday of March / October" with the doomsday
     * rule (doomsday 2025 Fri, 2026 Sat, 2027 Sun, 2028 Tue): e.g. 2026: 14 Mar and 10 Oct are Saturdays, so the last
     * Sundays are 29 Mar and 25 Oct. Clocks change at 01:00 UTC: a spring day runs 00:00Z to 23:00Z (23 h, 46
     * periods), an autumn day from 23:00Z the day before to 00:00Z the day after (25 h, 50 periods).
     */
    @Nested
    class ClockChanges {

        @ParameterizedTest(name = "{0}: {1} .. {2}, {3} periods")
        @CsvSource({
            "2025-03-30, 2025-03-30T00:00:00Z, 2025-03-30T23:00:00Z, 46",
            "2025-10-26, 2025-10-25T23:00:00Z, 2025-10-27T00:00:00Z, 50",
            "2026-03-29, 2026-03-29T00:00:00Z, 2026-03-29T23:00:00Z, 46",
            "2026-10-25, 2026-10-24T23:00:00Z, 2026-10-26T00:00:00Z, 50",
            "2027-03-28, 2027-03-28T00:00:00Z, 2027-03-28T23:00:00Z, 46",
            "2027-10-31, 2027-10-30T23:00:00Z, 2027-11-01T00:00:00Z, 50",
            "2028-03-26, 2028-03-26T00:00:00Z, 2028-03-26T23:00:00Z, 46",
            "2028-10-29, 2028-10-28T23:00:00Z, 2028-10-30T00:00:00Z, 50",
        })
        void clockChangeDays(String date, String startUtc, String endUtc, int periods) {
            SettlementDate d = SettlementDate.parse(date);

            assertThat(d.startUtc()).isEqualTo(Instant.parse(startUtc));
            assertThat(d.endUtc()).isEqualTo(Instant.parse(endUtc));
            assertThat(d.periodCount()).isEqualTo(periods);
            assertThat(d.date().getDayOfWeek()).hasToString("SUNDAY");
        }

        @Test
        void everyOtherDayOf2025To2028Has48Periods() {
            Map<LocalDate, Integer> changes = new TreeMap<>();
            for (String d : new String[] {"2025-03-30", "2026-03-29", "2027-03-28", "2028-03-26"}) {
                changes.put(LocalDate.parse(d), 46);
            }
            for (String d : new String[] {"2025-10-26", "2026-10-25", "2027-10-31", "2028-10-29"}) {
                changes.put(LocalDate.parse(d), 50);
            }
            int days = 0;
            for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() <= 2028; d = d.plusDays(1)) {
                assertThat(SettlementDate.of(d).periodCount())
                        .as("periods on %s", d)
                        .isEqualTo(changes.getOrDefault(d, 48));
                days++;
            }
            // 2025, 2026, 2027 have 365 days, 2028 is a leap year.
            assertThat(days).isEqualTo(365 * 3 + 366);
        }

        @Test
        void aNormalWinterDayStartsAtMidnightUtc() {
            SettlementDate d = SettlementDate.of(2026, 1, 15);

            assertThat(d.startUtc()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
            assertThat(d.endUtc()).isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
            assertThat(d.periodCount()).isEqualTo(48);
        }

        @Test
        void aNormalSummerDayStartsAt2300UtcTheDayBefore() {
            // The BST day of the real D0265 record in domain.md §2.
            SettlementDate d = SettlementDate.of(2021, 9, 22);

            assertThat(d.startUtc()).isEqualTo(Instant.parse("2021-09-21T23:00:00Z"));
            assertThat(d.endUtc()).isEqualTo(Instant.parse("2021-09-22T23:00:00Z"));
            assertThat(d.periodCount()).isEqualTo(48);
        }

        /**
         * Far from today, from the rule alone. 1996 (doomsday Thu): 28 Mar and 24 Oct are Thursdays, so the last
         * Sundays are 31 Mar and 27 Oct (1996 is the first year of the EU autumn rule in the UK). 2099 (doomsday
         * Sat): 28 Mar and 24 Oct are Saturdays, so the last Sundays are 29 Mar and 25 Oct.
         */
        @ParameterizedTest(name = "{0}: {3} periods")
        @CsvSource({
            "1996-03-31, 1996-03-31T00:00:00Z, 1996-03-31T23:00:00Z, 46",
            "1996-10-27, 1996-10-26T23:00:00Z, 1996-10-28T00:00:00Z, 50",
            "2099-03-29, 2099-03-29T00:00:00Z, 2099-03-29T23:00:00Z, 46",
            "2099-10-25, 2099-10-24T23:00:00Z, 2099-10-26T00:00:00Z, 50",
            "2099-03-22, 2099-03-22T00:00:00Z, 2099-03-23T00:00:00Z, 48",
            "2099-10-18, 2099-10-17T23:00:00Z, 2099-10-18T23:00:00Z, 48",
            "2099-12-31, 2099-12-31T00:00:00Z, 2100-01-01T00:00:00Z, 48",
        })
        void farPastAndFuture(String date, String startUtc, String endUtc, int periods) {
            SettlementDate d = SettlementDate.parse(date);

            assertThat(d.startUtc()).isEqualTo(Instant.parse(startUtc));
            assertThat(d.endUtc()).isEqualTo(Instant.parse(endUtc));
            assertThat(d.periodCount()).isEqualTo(periods);
        }
    }

    @Nested
    class Labels {

        @ParameterizedTest(name = "{0} SP{1} = {2}")
        @CsvSource({
            // Normal day: label = local end time; SP48 ends at midnight.
            "2026-01-15, 1, 00:30",
            "2026-01-15, 2, 01:00",
            "2026-01-15, 24, 12:00",
            "2026-01-15, 47, 23:30",
            "2026-01-15, 48, 00:00",
            // Long day: 01:00-02:00 BST then 01:00-02:00 GMT again; the repeats get 'a'.
            "2026-10-25, 1, 00:30",
            "2026-10-25, 2, 01:00",
            "2026-10-25, 3, 01:30",
            "2026-10-25, 4, 02:00",
            "2026-10-25, 5, 01:30a",
            "2026-10-25, 6, 02:00a",
            "2026-10-25, 7, 02:30",
            "2026-10-25, 8, 03:00",
            "2026-10-25, 49, 23:30",
            "2026-10-25, 50, 00:00",
            // Short day: 01:00 GMT jumps to 02:00 BST at the end of SP2.
            "2026-03-29, 1, 00:30",
            "2026-03-29, 2, 01:00",
            "2026-03-29, 3, 02:30",
            "2026-03-29, 4, 03:00",
            "2026-03-29, 45, 23:30",
            "2026-03-29, 46, 00:00",
        })
        void periodLabels(String date, int period, String label) {
            assertThat(SettlementDate.parse(date).periodLabel(period)).isEqualTo(label);
        }

        @Test
        void labelsOfTheLongDayAreUnique() {
            SettlementDate d = SettlementDate.of(2026, 10, 25);
            Set<String> labels = new HashSet<>();
            for (int k = 1; k <= 50; k++) {
                labels.add(d.periodLabel(k));
            }
            assertThat(labels).hasSize(50);
        }

        @Test
        void labelsUseAsciiDigitsWhateverTheDefaultLocale() {
            // String.format without a locale writes Eastern Arabic digits under ar-EG.
            Locale before = Locale.getDefault(Locale.Category.FORMAT);
            try {
                Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("ar-EG"));
                assertThat(SettlementDate.of(2026, 10, 25).periodLabel(5)).isEqualTo("01:30a");
            } finally {
                Locale.setDefault(Locale.Category.FORMAT, before);
            }
        }

        @Test
        void labelOfAMissingPeriodIsRejected() {
            assertThatThrownBy(() -> SettlementDate.of(2026, 3, 29).periodLabel(47))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("47")
                    .hasMessageContaining("2026-03-29")
                    .hasMessageContaining("46 periods");
        }
    }

    @Nested
    class Periods {

        @Test
        void periodStartsOnTheLongDay() {
            SettlementDate d = SettlementDate.of(2026, 10, 25);

            assertThat(d.periodStartUtc(1)).isEqualTo(Instant.parse("2026-10-24T23:00:00Z"));
            assertThat(d.periodStartUtc(4)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
            assertThat(d.periodStartUtc(5)).isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
            assertThat(d.periodStartUtc(50)).isEqualTo(Instant.parse("2026-10-25T23:30:00Z"));
        }

        @Test
        void periodChecksTheNumberAgainstTheDate() {
            assertThat(SettlementDate.of(2026, 3, 29).period(46)).isEqualTo(SettlementPeriod.of(46));
            assertThat(SettlementDate.of(2026, 10, 25).period(50)).isEqualTo(SettlementPeriod.of(50));
        }

        @ParameterizedTest(name = "{0} SP{1}")
        @CsvSource({
            "2026-01-15, 0, 48",
            "2026-01-15, -1, 48",
            "2026-01-15, 49, 48",
            "2026-03-29, 47, 46",
            "2026-03-29, 48, 46",
            "2026-10-25, 51, 50",
        })
        void nonexistentPeriodsAreRejectedNamingDateAndCount(String date, int period, int count) {
            SettlementDate d = SettlementDate.parse(date);

            assertThatThrownBy(() -> d.period(period))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "Settlement period " + period + " does not exist on " + date + " (" + count + " periods)");
            assertThatThrownBy(() -> d.periodStartUtc(period)).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 51, 100})
        void periodNumbersOutside1To50AreRejected(int number) {
            assertThatThrownBy(() -> SettlementPeriod.of(number))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Settlement period " + number + " is outside 1..50");
        }

        @Test
        void periodsOrderByNumber() {
            assertThat(SettlementPeriod.of(3)).isLessThan(SettlementPeriod.of(10));
            assertThat(SettlementPeriod.of(48)).hasToString("48");
        }
    }

    @Nested
    class Parsing {

        @ParameterizedTest
        @ValueSource(strings = {"2026-01-15", "20260115", " 2026-01-15 ", "20260115\n"})
        void isoAndCompactForms(String text) {
            assertThat(SettlementDate.parse(text)).isEqualTo(SettlementDate.of(2026, 1, 15));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "2026-02-30",
                    "20260230",
                    "2026-13-01",
                    "2026/01/15",
                    "15-01-2026",
                    "2026-1-15",
                    "2026115",
                    "202601150",
                    "2026-01-15T00:00",
                    "abcdefgh",
                    // Non-ASCII digits (Arabic-Indic 20260115) are not an industry date.
                    "\u0662\u0660\u0662\u0666\u0660\u0661\u0661\u0665",
                })
        void badTextIsRejectedWithTheFormsExpected(String text) {
            assertThatThrownBy(() -> SettlementDate.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Settlement date '" + text + "' is not a date (expected YYYY-MM-DD or YYYYMMDD)");
        }

        @Test
        void toStringIsIso() {
            assertThat(SettlementDate.of(2026, 1, 5)).hasToString("2026-01-05");
        }
    }

    @Nested
    class Navigation {

        @Test
        void nextAndPreviousCrossMonthAndYear() {
            assertThat(SettlementDate.of(2026, 12, 31).next()).isEqualTo(SettlementDate.of(2027, 1, 1));
            assertThat(SettlementDate.of(2028, 3, 1).previous()).isEqualTo(SettlementDate.of(2028, 2, 29));
        }

        @Test
        void epochDay() {
            assertThat(SettlementDate.of(1970, 1, 1).epochDay()).isZero();
            // 2026-01-15: 56 years of which 14 are leap (1972..2024) = 56*365 + 14 = 20454, plus 14 days.
            assertThat(SettlementDate.of(2026, 1, 15).epochDay()).isEqualTo(20_454 + 14);
        }

        @Test
        void orderByDate() {
            assertThat(SettlementDate.of(2026, 1, 15)).isLessThan(SettlementDate.of(2026, 1, 16));
        }
    }
}
