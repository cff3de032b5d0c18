package org.gbsettle.engine.slice;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementQuantity;

/**
 * The load-shape sample of some metering systems of a GSP group: per load-shape category and period, the sum (Wh) and
 * number of the chosen actual values. Computed load shapes are the group's sample's means, so every slice of a group
 * must default missing values against the sample of the whole group: the sum of its slices' samples (exact integers,
 * in any order). Categories without any actual value are left out, so equal samples are equal objects.
 */
public final class ShapeSample {

    private static final byte[] MAGIC = "GBSS".getBytes(StandardCharsets.US_ASCII);

    /** The format version of {@link #toBytes()}. */
    public static final int FORMAT_VERSION = 1;

    private static final Comparator<LoadShapeCategory> ORDER = Comparator.comparing(LoadShapeCategory::toString);

    private final int periods;
    private final TreeMap<LoadShapeCategory, long[]> sumWh;
    private final TreeMap<LoadShapeCategory, long[]> count;

    private ShapeSample(
            int periods, TreeMap<LoadShapeCategory, long[]> sumWh, TreeMap<LoadShapeCategory, long[]> count) {
        this.periods = periods;
        this.sumWh = sumWh;
        this.count = count;
    }

    /** No values, for a date of {@code periods} settlement periods. */
    public static ShapeSample empty(int periods) {
        if (periods < 1) {
            throw new IllegalArgumentException("periods " + periods + " is not 1 or more");
        }
        return new ShapeSample(periods, new TreeMap<>(ORDER), new TreeMap<>(ORDER));
    }

    /**
     * A sample from sums and counts per category, each an array of {@code periods} values (index {@code period - 1});
     * the arrays are copied and categories without any value dropped.
     */
    public static ShapeSample of(
            int periods, Map<LoadShapeCategory, long[]> sumWh, Map<LoadShapeCategory, long[]> count) {
        ShapeSample s = empty(periods);
        for (Map.Entry<LoadShapeCategory, long[]> e : count.entrySet()) {
            long[] c = e.getValue();
            long[] w = sumWh.get(e.getKey());
            if (c.length != periods || w == null || w.length != periods) {
                throw new IllegalArgumentException("category " + e.getKey() + " has not " + periods + " periods");
            }
            s.add(e.getKey(), w, c);
        }
        return s;
    }

    private void add(LoadShapeCategory category, long[] w, long[] c) {
        boolean any = false;
        for (long v : c) {
            if (v < 0) {
                throw new IllegalArgumentException("negative count in " + category);
            }
            any |= v != 0;
        }
        if (!any) {
            return;
        }
        long[] sw = sumWh.computeIfAbsent(category, k -> new long[periods]);
        long[] sc = count.computeIfAbsent(category, k -> new long[periods]);
        for (int p = 0; p < periods; p++) {
            sw[p] = Math.addExact(sw[p], w[p]);
            sc[p] = Math.addExact(sc[p], c[p]);
        }
    }

    /** The sum of samples (of disjoint metering systems of one group and date); exact, in any order. */
    public static ShapeSample sum(int periods, Collection<ShapeSample> samples) {
        ShapeSample s = empty(periods);
        for (ShapeSample x : samples) {
            if (x.periods != periods) {
                throw new IllegalArgumentException("a sample of " + x.periods + " periods, expected " + periods);
            }
            for (LoadShapeCategory c : x.count.keySet()) {
                s.add(c, Objects.requireNonNull(x.sumWh.get(c)), Objects.requireNonNull(x.count.get(c)));
            }
        }
        return s;
    }

    /** Number of settlement periods. */
    public int periods() {
        return periods;
    }

    /** The categories with at least one actual value, in a fixed order. */
    public List<LoadShapeCategory> categories() {
        return List.copyOf(count.keySet());
    }

    /** Sum of actual values of a category in a period (1-based), Wh; 0 if none. */
    public long sumWh(LoadShapeCategory category, int period) {
        long[] w = sumWh.get(category);
        return w == null ? 0 : w[period - 1];
    }

    /** Number of actual values of a category in a period (1-based); 0 if none. */
    public long count(LoadShapeCategory category, int period) {
        long[] c = count.get(category);
        return c == null ? 0 : c[period - 1];
    }

    /** The stored form: magic {@code GBSS}, {@link #FORMAT_VERSION}, deflated payload, CRC-32C. */
    public byte[] toBytes() {
        return Codec.frame(MAGIC, FORMAT_VERSION, payload());
    }

    private byte[] payload() {
        Codec.Writer w = new Codec.Writer();
        write(w);
        return w.bytes();
    }

    void write(Codec.Writer w) {
        w.varInt(periods).varInt(count.size());
        for (LoadShapeCategory c : count.keySet()) {
            MarketSegment segment = c.marketSegment();
            w.string(c.connectionType().name())
                    .string(segment == null ? "" : segment.name())
                    .bool(c.domestic())
                    .string(c.measurementQuantity().name());
            long[] sw = Objects.requireNonNull(sumWh.get(c));
            long[] sc = Objects.requireNonNull(count.get(c));
            for (int p = 0; p < periods; p++) {
                w.varLong(sw[p]).varLong(sc[p]);
            }
        }
    }

    static ShapeSample read(Codec.Reader r) {
        int periods = r.varInt();
        ShapeSample s = empty(periods);
        int n = r.count();
        for (int k = 0; k < n; k++) {
            ConnectionType type = ConnectionType.valueOf(r.string());
            String segment = r.string();
            LoadShapeCategory c = new LoadShapeCategory(
                    type,
                    segment.isEmpty() ? null : MarketSegment.valueOf(segment),
                    r.bool(),
                    MeasurementQuantity.valueOf(r.string()));
            long[] sw = new long[periods];
            long[] sc = new long[periods];
            for (int p = 0; p < periods; p++) {
                sw[p] = r.varLong();
                sc[p] = r.varLong();
            }
            if (s.count.containsKey(c)) {
                throw new IllegalArgumentException("category " + c + " twice");
            }
            s.add(c, sw, sc);
        }
        return s;
    }

    /**
     * Reads {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are corrupt, truncated or of another format version
     */
    public static ShapeSample parse(byte[] bytes) {
        Codec.Reader r = new Codec.Reader(Codec.unframe(MAGIC, FORMAT_VERSION, bytes, "shape sample"));
        ShapeSample s = read(r);
        r.end();
        return s;
    }

    /** SHA-256 (hex) of the canonical content: equal samples, equal digests. */
    public String digest() {
        return Codec.sha256(payload());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShapeSample s && periods == s.periods && Arrays.equals(payload(), s.payload());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload());
    }

    @Override
    public String toString() {
        return "ShapeSample[" + periods + " periods, " + count.size() + " categories]";
    }
}
