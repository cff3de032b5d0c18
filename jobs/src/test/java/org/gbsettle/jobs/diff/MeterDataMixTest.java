package org.gbsettle.jobs.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gbsettle.engine.input.MeterReads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link MeterDataMix} classifies one value key (MPAN, quantity, period) from the rows of the earlier run (B)
 * and the later run (A), and which rows each state takes. A row is {@code quality:kWh:day received} ({@code 2}: by
 * B's cut-off, {@code 20}: between the cut-offs, {@code 40}: after both); rows are shuffled among other keys' rows.
 */
class MeterDataMixTest {

    private static final long MPAN = 1010000000019L;
    private static final long CUTOFF_B = day(10);
    private static final long CUTOFF_A = day(30);

    @ParameterizedTest(name = "B [{0}] A [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            E:80:2          | E:80:2          | unchanged
            A:100:2         | A:100:2 A:90:40 | unchanged
            -               | A:150:20        | METER_LATE
            -               | E:150:20        | METER_LATE
            A:100:40        | A:150:20        | METER_LATE
            E:80:2          | E:80:2 A:100:20 | METER_ACTUAL
            E:80:2 E:70:3   | E:80:2 A:100:20 | METER_ACTUAL
            E:80:2          | E:80:2 E:90:20  | METER_OTHER
            A:100:2         | A:100:2 A:90:20 | METER_OTHER
            A:100:2         | A:100:2 E:90:20 | METER_OTHER
            E:80:2          | -               | METER_OTHER
            """)
    void a_key_is_classified_by_how_its_rows_changed(
            @org.jspecify.annotations.Nullable String before,
            @org.jspecify.annotations.Nullable String after,
            String expected) {
        Random random = new Random(java.util.Objects.hashCode(before) * 31L + java.util.Objects.hashCode(after));
        MeterReads b = reads(before, random);
        MeterReads a = reads(after, random);
        MeterDataMix mix = MeterDataMix.of(b, CUTOFF_B, a, CUTOFF_A);

        Map<Cause, Integer> changed = mix.changedKeys();
        for (Cause c : List.of(Cause.METER_ACTUAL, Cause.METER_LATE, Cause.METER_OTHER)) {
            assertThat(changed.get(c)).as(c.name()).isEqualTo(c.name().equals(expected) ? 1 : 0);
        }
        // the other keys' rows (unchanged) are in every state; the key's rows are B's until its class is swapped
        List<String> ofB = rowsOfKey(before, CUTOFF_B);
        List<String> ofA = rowsOfKey(after, CUTOFF_A);
        assertThat(rowsOfKey(mix.state(EnumSet.noneOf(Cause.class))))
                .containsExactlyInAnyOrderElementsOf(expected.equals("unchanged") ? ofA : ofB);
        assertThat(rowsOfKey(mix.state(EnumSet.copyOf(Cause.STEPS)))).containsExactlyInAnyOrderElementsOf(ofA);
        assertThat(mix.state(EnumSet.noneOf(Cause.class)).size())
                .isEqualTo(keyRowsAtStart(expected, ofA, ofB) + 2 * 48);
    }

    private static int keyRowsAtStart(String expected, List<String> ofA, List<String> ofB) {
        return expected.equals("unchanged") ? ofA.size() : ofB.size();
    }

    /** The rows given for the key, plus an unchanged actual in each of 48 periods of two other MPANs, shuffled. */
    private static MeterReads reads(@org.jspecify.annotations.Nullable String rows, Random random) {
        record Row(long mpan, int period, long wh, byte quality, long receivedAt) {}
        List<Row> all = new ArrayList<>();
        for (long other : List.of(1010000000028L, 1010000000037L)) {
            for (int p = 1; p <= 48; p++) {
                all.add(new Row(other, p, 100_000, (byte) 'A', day(2)));
            }
        }
        if (rows != null) {
            for (String r : rows.trim().split("\\s+")) {
                String[] f = r.split(":");
                all.add(new Row(
                        MPAN, 7, Long.parseLong(f[1]) * 1000, (byte) f[0].charAt(0), day(Integer.parseInt(f[2]))));
            }
        }
        Collections.shuffle(all, random);
        MeterReads.Builder b = MeterReads.builder();
        long id = 0;
        for (Row r : all) {
            b.add(r.mpan(), MeterReads.AI, r.period(), r.wh(), r.quality(), r.receivedAt(), ++id);
        }
        return b.build();
    }

    /** The key's rows of a cell received by a cut-off, as {@code quality:kWh:day}. */
    private static List<String> rowsOfKey(@org.jspecify.annotations.Nullable String rows, long cutoff) {
        List<String> out = new ArrayList<>();
        if (rows != null) {
            for (String r : rows.trim().split("\\s+")) {
                if (day(Integer.parseInt(r.split(":")[2])) <= cutoff) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** A state's rows of the key, as {@code quality:kWh:day}. */
    private static List<String> rowsOfKey(MeterReads reads) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < reads.size(); r++) {
            if (reads.mpan(r) == MPAN && reads.period(r) == 7) {
                out.add((char) reads.quality(r) + ":" + reads.wh(r) / 1000 + ":" + reads.receivedAt(r) / day(1));
            }
        }
        return out;
    }

    private static long day(int d) {
        return d * 86_400_000_000L;
    }
}
