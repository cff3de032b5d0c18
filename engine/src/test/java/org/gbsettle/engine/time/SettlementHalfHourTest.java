package org.gbsettle.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettlementHalfHourTest {

    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    /**
     * Every UTC half hour of a day, from its hand-worked UTC start (domain.md §2 table), must map to (date, index + 1)
     * and back; the half hour before the day belongs to the day before, the one at its end to the day after.
     */
    @ParameterizedTest(name = "{0} from {1}: {2} periods")
    @CsvSource({
        "2025-03-30, 2025-03-30T00:00:00Z, 46, 2025-03-29, 48",
        "2025-10-26, 2025-10-25T23:00:00Z, 50, 2025-10-25, 48",
        "2026-03-29, 2026-03-29T00:00:00Z, 46, 2026-03-28, 48",
        "2026-10-25, 2026-10-24T23:00:00Z, 50, 2026-10-24, 48",
        "2027-03-28, 2027-03-28T00:00:00Z, 46, 2027-03-27, 48",
        "2027-10-31, 2027-10-30T23:00:00Z, 50, 2027-10-30, 48",
        "2028-03-26, 2028-03-26T00:00:00Z, 46, 2028-03-25, 48",
        "2028-10-29, 2028-10-28T23:00:00Z, 50, 2028-10-28, 48",
        // BST day: SP1 starts 23:00Z the evening before (a real D0265 record).
        "2021-09-22, 2021-09-21T23:00:00Z, 48, 2021-09-21, 48",
        // GMT day.
        "2026-01-15, 2026-01-15T00:00:00Z, 48, 2026-01-14, 48",
    })
    void everyHalfHourOfTheDayMapsBothWays(
            String date, String firstStart, int periods, String dayBefore, int periodsDayBefore) {
        SettlementDate d = SettlementDate.parse(date);
        Instant t0 = Instant.parse(firstStart);

        for (int i = 0; i < periods; i++) {
            Instant t = t0.plus(HALF_HOUR.multipliedBy(i));
            SettlementHalfHour expected = new SettlementHalfHour(d, i + 1);

            assertThat(SettlementHalfHour.ofUtcStart(t))
                    .as("half hour from %s", t)
                    .isEqualTo(expected);
            assertThat(expected.utcStart()).isEqualTo(t);
            assertThat(expected.utcEnd()).isEqualTo(t.plus(HALF_HOUR));
        }
        assertThat(SettlementHalfHour.ofUtcStart(t0.minus(HALF_HOUR)))
                .isEqualTo(new SettlementHalfHour(SettlementDate.parse(dayBefore), periodsDayBefore));
        assertThat(SettlementHalfHour.ofUtcStart(t0.plus(HALF_HOUR.multipliedBy(periods))))
                .isEqualTo(new SettlementHalfHour(d.next(), 1));
    }

    @ParameterizedTest(name = "{0} -> {1} SP{2}")
    @CsvSource({
        // Long day 2026-10-25 (domain.md §2): SP4 ends at the change, SP5 is the repeated 01:00-01:30 GMT.
        "2026-10-24T23:00:00Z, 2026-10-25, 1",
        "2026-10-25T00:30:00Z, 2026-10-25, 4",
        "2026-10-25T01:00:00Z, 2026-10-25, 5",
        "2026-10-25T01:30:00Z, 2026-10-25, 6",
        "2026-10-25T02:00:00Z, 2026-10-25, 7",
        "2026-10-25T23:30:00Z, 2026-10-25, 50",
        // Short day 2026-03-29: SP3 is 02:00-02:30 BST.
        "2026-03-29T00:30:00Z, 2026-03-29, 2",
        "2026-03-29T01:00:00Z, 2026-03-29, 3",
        "2026-03-29T22:30:00Z, 2026-03-29, 46",
        "2026-03-29T23:00:00Z, 2026-03-30, 1",
        "2021-09-21T23:00:00Z, 2021-09-22, 1",
        "2021-09-22T22:30:00Z, 2021-09-22, 48",
    })
    void namedHalfHours(String utcStart, String date, int period) {
        assertThat(SettlementHalfHour.ofUtcStart(Instant.parse(utcStart)))
                .isEqualTo(new SettlementHalfHour(SettlementDate.parse(date), period));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-15T00:15:00Z",
                "2026-01-15T00:00:01Z",
                "2026-01-15T00:29:59Z",
                "2026-01-15T00:00:00.000000001Z",
                "2026-01-15T00:30:00.5Z",
                "1969-12-31T23:45:00Z",
            })
    void instantsOffAHalfHourBoundaryAreRejected(String text) {
        Instant t = Instant.parse(text);

        assertThatThrownBy(() -> SettlementHalfHour.ofUtcStart(t))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UTC period start " + t + " is not on a half-hour boundary");
    }

    @Test
    void instantsBefore1970OnABoundaryAreAccepted() {
        // British Standard Time (UTC+1 all year) ran from 1968-10-27 to 1971-10-31, so local midnight of 1970-01-01
        // is 1969-12-31T23:00Z, a negative epoch second.
        assertThat(SettlementHalfHour.ofUtcStart(Instant.parse("1969-12-31T23:00:00Z")))
                .isEqualTo(new SettlementHalfHour(SettlementDate.of(1970, 1, 1), 1));
    }

    @ParameterizedTest(name = "{0} SP{1}")
    @CsvSource({"2026-01-15, 0", "2026-01-15, 49", "2026-03-29, 47", "2026-10-25, 51"})
    void constructionChecksThePeriodAgainstTheDate(String date, int period) {
        SettlementDate d = SettlementDate.parse(date);

        assertThatThrownBy(() -> new SettlementHalfHour(d, period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Settlement period " + period + " does not exist on " + date);
    }

    @Test
    void toStringShowsDatePeriodAndUtcStart() {
        assertThat(new SettlementHalfHour(SettlementDate.of(2026, 10, 25), 5)).hasToString("2026-10-25 SP5 (01:00Z)");
    }

    /**
     * Round trip over random UTC half hours from 1997 to 2099 (seeded, so failures reproduce): the half hour lies
     * inside its date, its period exists, and its start maps back to the same instant; and the other way round from a
     * random (date, period).
     */
    @Test
    void roundTripOverRandomHalfHours() {
        Random random = new Random(20260115L);
        long from = Instant.parse("1997-01-01T00:00:00Z").getEpochSecond() / 1800;
        long to = Instant.parse("2099-12-31T00:00:00Z").getEpochSecond() / 1800;

        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(1800 * (from + (long) (random.nextDouble() * (to - from))));

            SettlementHalfHour hh = SettlementHalfHour.ofUtcStart(t);

            assertThat(hh.utcStart()).as("round trip of %s", t).isEqualTo(t);
            assertThat(t).isBetween(hh.date().startUtc(), hh.date().endUtc().minusSeconds(1));
            assertThat(hh.period()).isBetween(1, hh.date().periodCount());
        }

        long days = Duration.between(Instant.parse("1997-01-01T00:00:00Z"), Instant.parse("2099-12-31T00:00:00Z"))
                .toDays();
        for (int i = 0; i < 20_000; i++) {
            SettlementDate d = SettlementDate.of(LocalDate.of(1997, 1, 1).plusDays(random.nextInt((int) days)));
            int period = 1 + random.nextInt(d.periodCount());
            SettlementHalfHour hh = new SettlementHalfHour(d, period);

            assertThat(SettlementHalfHour.ofUtcStart(hh.utcStart())).isEqualTo(hh);
        }
    }
}
