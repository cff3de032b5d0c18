package org.gbsettle.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A settlement date: one local calendar day in Europe/London, 00:00 to 24:00 local time, split into half-hour
 * settlement periods: 48 normally, 46 on the spring clock change and 50 on the autumn one.
 *
 * <p>Settlement period k covers the UTC half hour {@code [start + 30(k-1) min, start + 30k min)} where start is local
 * midnight as a UTC instant. The engine never stores wall-clock times.
 */
public record SettlementDate(LocalDate date) implements Comparable<SettlementDate> {

    /** The settlement time zone. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    private static final long HALF_HOUR_SECONDS = 1800;

    public SettlementDate {
        Objects.requireNonNull(date, "date");
    }

    /** The settlement date of the given local date. */
    public static SettlementDate of(LocalDate date) {
        return new SettlementDate(date);
    }

    /** The settlement date of the given year, month and day. */
    public static SettlementDate of(int year, int month, int day) {
        return new SettlementDate(LocalDate.of(year, month, day));
    }

    /**
     * Parses an ISO date ({@code 2026-01-15}) or the compact industry form ({@code 20260115}).
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static SettlementDate parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        try {
            if (t.length() == 8 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return of(LocalDate.of(
                        Integer.parseInt(t.substring(0, 4)),
                        Integer.parseInt(t.substring(4, 6)),
                        Integer.parseInt(t.substring(6, 8))));
            }
            return of(LocalDate.parse(t));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Settlement date '" + text + "' is not a date (expected YYYY-MM-DD or YYYYMMDD)", e);
        }
    }

    /** Local midnight at the start of this date, as a UTC instant. */
    public Instant startUtc() {
        return date.atStartOfDay(UK).toInstant();
    }

    /** Local midnight at the end of this date (the start of the next), as a UTC instant. */
    public Instant endUtc() {
        return date.plusDays(1).atStartOfDay(UK).toInstant();
    }

    /** Number of settlement periods on this date: 46, 48 or 50. */
    public int periodCount() {
        return (int) (Duration.between(startUtc(), endUtc()).toSeconds() / HALF_HOUR_SECONDS);
    }

    /**
     * The period with the given number, checked against this date.
     *
     * @throws IllegalArgumentException if the number is not 1..{@link #periodCount()}
     */
    public SettlementPeriod period(int number) {
        int n = periodCount();
        if (number < 1 || number > n) {
            throw new IllegalArgumentException(
                    "Settlement period " + number + " does not exist on " + date + " (" + n + " periods)");
        }
        return SettlementPeriod.of(number);
    }

    /** The UTC instant at which the given period of this date starts. */
    public Instant periodStartUtc(int period) {
        period(period);
        return startUtc().plusSeconds(HALF_HOUR_SECONDS * (period - 1));
    }

    /**
     * The label of a period: its local end time {@code HH:mm}; on the long day the repeated hour's labels carry the
     * suffix {@code a} ({@code 01:30a}, {@code 02:00a}). Period 48 of a normal day is {@code 00:00}.
     */
    public String periodLabel(int period) {
        period(period);
        String label = plainLabel(period);
        for (int earlier = 1; earlier < period; earlier++) {
            if (plainLabel(earlier).equals(label)) {
                return label + "a";
            }
        }
        return label;
    }

    /** The local end time of a period, read in the UTC offset in force at the period's start. */
    private String plainLabel(int period) {
        var start = startUtc()
                .plusSeconds(HALF_HOUR_SECONDS * (period - 1))
                .atZone(UK)
                .toOffsetDateTime();
        var end = start.plusMinutes(30).toLocalTime();
        return String.format(Locale.ROOT, "%02d:%02d", end.getHour(), end.getMinute());
    }

    /** The settlement date after this one. */
    public SettlementDate next() {
        return of(date.plusDays(1));
    }

    /** The settlement date before this one. */
    public SettlementDate previous() {
        return of(date.minusDays(1));
    }

    /** Days since 1970-01-01, the compact key used in columnar data. */
    public int epochDay() {
        return Math.toIntExact(date.toEpochDay());
    }

    @Override
    public int compareTo(SettlementDate other) {
        return date.compareTo(other.date);
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
