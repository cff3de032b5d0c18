package org.gbsettle.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The aggregates the benchmark's approaches must agree on: the exact sum of signed kWh x LLF (energy at the
 * transmission boundary, uncorrected, before GSP group correction) of the half-hourly values settled on their
 * submitted actual value, in MWh, per supplier, BM unit and settlement period.
 *
 * @param mwh exact MWh by key {@code supplier,bm_unit,period}
 */
public record Aggregates(Map<String, BigDecimal> mwh) {

    /** The scale of the published volumes (rounding step R3): 4 decimal places of MWh. */
    public static final int PUBLISHED_SCALE = 4;

    private static final String HEADER = "supplier,bm_unit,settlement_period,mwh";

    public Aggregates {
        mwh = Collections.unmodifiableMap(new TreeMap<>(mwh));
    }

    /** The key of a supplier, BM unit and period. */
    public static String key(String supplier, String bmUnit, int period) {
        return supplier + "," + bmUnit + "," + period;
    }

    /** The total over every key, MWh. */
    public BigDecimal total() {
        return mwh.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Writes the aggregates as CSV, keys in order, exact values in plain notation. */
    public void write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        mwh.forEach((k, v) -> lines.add(k + "," + v.stripTrailingZeros().toPlainString()));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #write(Path)} wrote. */
    public static Aggregates read(Path file) {
        Map<String, BigDecimal> m = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.equals(HEADER)) {
                    continue;
                }
                int cut = line.lastIndexOf(',');
                m.put(line.substring(0, cut), new BigDecimal(line.substring(cut + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Aggregates(m);
    }

    /**
     * The keys on which two sets of aggregates differ once rounded to the published 4 decimal places of MWh (HALF_UP),
     * a key missing on one side counting as zero there; each as {@code key: this vs other}. Empty when they agree.
     */
    public List<String> differences(Aggregates other) {
        Set<String> keys = new TreeSet<>(mwh.keySet());
        keys.addAll(other.mwh.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            BigDecimal a = published(mwh.getOrDefault(k, BigDecimal.ZERO));
            BigDecimal b = published(other.mwh.getOrDefault(k, BigDecimal.ZERO));
            if (a.compareTo(b) != 0) {
                out.add(k + ": " + a.toPlainString() + " vs " + b.toPlainString());
            }
        }
        return out;
    }

    /** Whether two sets of aggregates are equal exactly, not only to the published rounding. */
    public boolean exactlyEqual(Aggregates other) {
        Set<String> keys = new TreeSet<>(mwh.keySet());
        keys.addAll(other.mwh.keySet());
        for (String k : keys) {
            if (mwh.getOrDefault(k, BigDecimal.ZERO).compareTo(other.mwh.getOrDefault(k, BigDecimal.ZERO)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal published(BigDecimal v) {
        return v.setScale(PUBLISHED_SCALE, RoundingMode.HALF_UP);
    }
}
