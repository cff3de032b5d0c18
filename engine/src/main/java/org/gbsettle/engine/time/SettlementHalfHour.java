package org.gbsettle.engine.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One settlement period of one settlement date: the key the engine uses for every half-hourly value, derived from a
 * UTC half-hour start where data arrives per UTC period (MHHS IF-021).
 */
public record SettlementHalfHour(SettlementDate date, int period) {

    public SettlementHalfHour {
        Objects.requireNonNull(date, "date");
        date.period(period);
    }

    /**
     * The settlement date and period of the UTC half hour starting at {@code utcStart}: the date is the local date of
     * the instant in Europe/London, the period {@code (t - start(D)) / 30 min + 1}.
     *
     * @throws IllegalArgumentException if the instant is not on a :00 or :30 boundary
     */
    public static SettlementHalfHour ofUtcStart(Instant utcStart) {
        Objects.requireNonNull(utcStart, "utcStart");
        long seconds = utcStart.getEpochSecond();
        if (utcStart.getNano() != 0 || Math.floorMod(seconds, 1800L) != 0) {
            throw new IllegalArgumentException("UTC period start " + utcStart + " is not on a half-hour boundary");
        }
        SettlementDate date =
                SettlementDate.of(utcStart.atZone(SettlementDate.UK).toLocalDate());
        long offset = seconds - date.startUtc().getEpochSecond();
        return new SettlementHalfHour(date, (int) (offset / 1800) + 1);
    }

    /** The UTC instant at which this half hour starts. */
    public Instant utcStart() {
        return date.periodStartUtc(period);
    }

    /** The UTC instant at which this half hour ends. */
    public Instant utcEnd() {
        return utcStart().plusSeconds(1800);
    }

    @Override
    public String toString() {
        return date + " SP" + period + " ("
                + utcStart().atOffset(ZoneOffset.UTC).toLocalTime() + "Z)";
    }
}
