package org.gbsettle.engine.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.testing.Scenario;
import org.gbsettle.engine.testing.ScenarioGenerator;
import org.gbsettle.engine.testing.Slicing;
import org.junit.jupiter.api.Test;

/** The stored form of slices and samples, and what the combine refuses. */
class GroupSliceTest {

    /** A random scenario that calculates, has computed load shapes and actual values in at least two slices. */
    private static Scenario computedScenario() {
        for (long seed = 1; ; seed++) {
            Scenario s = ScenarioGenerator.random(seed);
            if (!SettlementCalculator.slicesNeedGroupSample(s.inputs().config())) {
                continue;
            }
            try {
                SettlementCalculator.calculate(s.inputs(), s.reference());
            } catch (MissingReferenceDataException e) {
                continue;
            }
            List<GroupSlice> slices = Slicing.slices(s.inputs(), s.reference(), thirds(s));
            if (slices.stream().filter(x -> !x.sample().categories().isEmpty()).count() >= 2) {
                return s;
            }
        }
    }

    /** Three ranges, cut at the registered MPANs a third and two thirds of the way. */
    private static List<MpanRange> thirds(Scenario s) {
        long[] mpans = s.inputs().meteringSystems().all().stream()
                .mapToLong(Registration::mpan)
                .distinct()
                .sorted()
                .toArray();
        return Slicing.rangesAt(mpans[mpans.length / 3], mpans[2 * mpans.length / 3]);
    }

    @Test
    void test_the_configuration_digest_does_not_depend_on_the_jvm() {
        // Map.copyOf's iteration order follows a hash salted per JVM: workers in other JVMs computed other digests
        // when the caps were kept that way; the configuration keeps them in measurement class order
        CalculationConfig config = CalculationConfig.defaults();
        for (MeasurementClass m : MeasurementClass.values()) {
            config = config.withOutOfRangeCapWh(m, 1_000_000L + m.ordinal());
        }
        String text = config.toString();
        String caps = text.substring(text.indexOf("outOfRangeCapWh={") + "outOfRangeCapWh={".length());
        caps = caps.substring(0, caps.indexOf('}'));
        List<String> expected = new ArrayList<>();
        for (MeasurementClass m : MeasurementClass.values()) {
            expected.add(m + "=" + (1_000_000L + m.ordinal()));
        }
        assertThat(List.of(caps.split(", "))).containsExactlyElementsOf(expected);
        CalculationConfig reversed = CalculationConfig.defaults();
        for (int i = MeasurementClass.values().length - 1; i >= 0; i--) {
            MeasurementClass m = MeasurementClass.values()[i];
            reversed = reversed.withOutOfRangeCapWh(m, 1_000_000L + m.ordinal());
        }
        assertThat(GroupSlice.configDigest(reversed)).isEqualTo(GroupSlice.configDigest(config));
    }

    @Test
    void test_slices_and_samples_round_trip_byte_for_byte_with_a_crc32c() {
        Scenario s = computedScenario();
        for (MpanRange r : thirds(s)) {
            ShapeSample sample = SettlementCalculator.sampleSlice(s.inputs(), s.reference(), r);
            byte[] sb = sample.toBytes();
            assertThat(ShapeSample.parse(sb)).isEqualTo(sample);
            assertThat(ShapeSample.parse(sb).toBytes()).isEqualTo(sb);
        }
        List<GroupSlice> slices = Slicing.slices(s.inputs(), s.reference(), thirds(s));
        for (GroupSlice slice : slices) {
            byte[] b = slice.toBytes();
            GroupSlice back = GroupSlice.parse(b);
            assertThat(back).isEqualTo(slice);
            assertThat(back.toBytes()).isEqualTo(b);
            // magic GBSL, version 1, then the CRC-32C of everything before the last 4 bytes
            assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("GBSL");
            assertThat(b[4] << 8 | b[5]).isEqualTo(1);
            CRC32C crc = new CRC32C();
            crc.update(b, 0, b.length - 4);
            assertThat(GroupSlice.checksum(b)).isEqualTo(crc.getValue());
        }
    }

    @Test
    void test_corrupt_truncated_foreign_and_future_bytes_are_refused() {
        Scenario s = computedScenario();
        GroupSlice slice = Slicing.slices(s.inputs(), s.reference(), thirds(s)).get(0);
        byte[] b = slice.toBytes();
        Random rnd = new Random(8);
        for (int k = 0; k < 50; k++) {
            byte[] bad = b.clone();
            int at = rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
            assertThatThrownBy(() -> GroupSlice.parse(bad))
                    .as("bit flipped at %d", at)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> GroupSlice.parse(java.util.Arrays.copyOf(b, b.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupSlice.parse(new byte[3])).hasMessageContaining("too short");
        assertThatThrownBy(() -> GroupSlice.parse(slice.sample().toBytes())).hasMessageContaining("not a group slice");
        byte[] future = b.clone();
        future[5] = 2;
        CRC32C crc = new CRC32C();
        crc.update(future, 0, future.length - 4);
        java.nio.ByteBuffer.wrap(future, future.length - 4, 4).putInt((int) crc.getValue());
        assertThatThrownBy(() -> GroupSlice.parse(future)).hasMessageContaining("format version 2");
    }

    @Test
    void test_the_combine_refuses_slices_that_do_not_fit() {
        Scenario s = computedScenario();
        RunInputs in = s.inputs();
        List<GroupSlice> slices = Slicing.slices(in, s.reference(), thirds(s));

        List<GroupSlice> gap = List.of(slices.get(0), slices.get(2));
        assertThatThrownBy(() -> Slicing.combine(in, s.reference(), gap, null)).hasMessageContaining("do not tile");
        List<GroupSlice> twice = new ArrayList<>(slices);
        twice.add(slices.get(1));
        assertThatThrownBy(() -> Slicing.combine(in, s.reference(), twice, null))
                .hasMessageContaining("do not tile");
        assertThatThrownBy(() -> Slicing.combine(in, s.reference(), slices.subList(0, 2), null))
                .hasMessageContaining("do not reach the end");
        assertThatThrownBy(() -> Slicing.combine(in, s.reference(), List.of(), null))
                .hasMessageContaining("no slices");

        GroupSlice first = slices.get(0);
        List<GroupSlice> otherRun = new ArrayList<>(slices);
        otherRun.set(0, copy(first, "2020-01-01/SF/1/_A/0", first.configDigest(), first.groupSampleDigest()));
        assertThatThrownBy(() -> Slicing.combine(in, s.reference(), otherRun, null))
                .hasMessageContaining("is of run 2020-01-01/SF/1/_A/0");
        List<GroupSlice> otherConfig = new ArrayList<>(slices);
        otherConfig.set(0, copy(first, first.context(), "0", first.groupSampleDigest()));
        assertThatThrownBy(() -> Slicing.combine(in, s.reference(), otherConfig, null))
                .hasMessageContaining("another configuration");

        // a slice that defaulted against its own sample instead of the group's
        GroupSlice alone = SettlementCalculator.calculateSlice(in, s.reference(), first.range(), first.sample());
        List<GroupSlice> ownSample = new ArrayList<>(slices);
        ownSample.set(0, alone);
        assertThatThrownBy(() -> Slicing.combine(in, s.reference(), ownSample, null))
                .hasMessageContaining("another load-shape sample");

        // the manager's registrations lack a metering system the slices hold
        List<Registration> fewer = new ArrayList<>(in.meteringSystems().all());
        long dropped = fewer.stream()
                .filter(r -> r.gspGroup().equals(in.context().gspGroup())
                        && r.effective().contains(in.context().settlementDate().date()))
                .findFirst()
                .orElseThrow()
                .mpan();
        fewer.removeIf(r -> r.mpan() == dropped);
        RunInputs lacking = in.withMeteringSystems(MeteringSystems.of(fewer));
        assertThatThrownBy(() -> Slicing.combine(lacking, s.reference(), slices, null))
                .hasMessageContaining("metering systems");

        assertThatThrownBy(() -> SettlementCalculator.calculateSlice(in, s.reference(), first.range(), null))
                .hasMessageContaining("needs the group's sample");
        // the whole group as one slice needs no sample: its own is the group's
        GroupSlice all = SettlementCalculator.calculateSlice(in, s.reference(), MpanRange.ALL, null);
        assertThat(Slicing.combine(in, s.reference(), List.of(all), null))
                .isEqualTo(SettlementCalculator.calculate(in, s.reference()));
    }

    private static GroupSlice copy(GroupSlice g, String context, String config, String sampleDigest) {
        return new GroupSlice(
                context,
                config,
                g.range(),
                g.periods(),
                g.meteringSystems(),
                g.readRows(),
                g.rows(),
                g.dataQuality(),
                g.issues(),
                g.quarantine(),
                g.sample(),
                sampleDigest);
    }

    @Test
    void test_samples_add_up_in_any_order_and_drop_empty_categories() {
        Scenario s = computedScenario();
        int periods = s.periods();
        List<ShapeSample> parts = new ArrayList<>();
        for (MpanRange r : thirds(s)) {
            parts.add(SettlementCalculator.sampleSlice(s.inputs(), s.reference(), r));
        }
        ShapeSample whole = SettlementCalculator.sampleSlice(s.inputs(), s.reference(), MpanRange.ALL);
        assertThat(ShapeSample.sum(periods, parts)).isEqualTo(whole);
        assertThat(ShapeSample.sum(
                        periods, List.of(parts.get(2), parts.get(0), parts.get(1), ShapeSample.empty(periods))))
                .isEqualTo(whole);
        assertThat(ShapeSample.sum(periods, List.of(whole)).digest()).isEqualTo(whole.digest());
        assertThat(ShapeSample.empty(periods).categories()).isEmpty();
    }

    @Test
    void test_mpan_ranges() {
        MpanRange r = MpanRange.of(10, 20);
        assertThat(r.contains(9)).isFalse();
        assertThat(r.contains(10)).isTrue();
        assertThat(r.contains(19)).isTrue();
        assertThat(r.contains(20)).isFalse();
        assertThat(MpanRange.ALL.contains(Long.MAX_VALUE)).isTrue();
        assertThat(MpanRange.ALL.contains(Long.MIN_VALUE)).isTrue();
        assertThat(MpanRange.of(5, 5).contains(5)).isFalse();
        assertThat(MpanRange.ALL).hasToString("[-inf, +inf)");
        assertThatThrownBy(() -> MpanRange.of(2, 1)).hasMessageContaining("ends before it starts");
    }
}
