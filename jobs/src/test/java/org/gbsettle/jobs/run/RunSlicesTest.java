package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gbsettle.engine.slice.MpanRange;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class RunSlicesTest {

    private static QuarantineOutput row(long file, long row, String value) {
        return new QuarantineOutput(
                file,
                "/data/hh-" + file + ".parquet",
                row,
                1_200_000_000_001L + row,
                17,
                "kwh",
                value,
                "BAD_VALUE",
                "not a number: '" + value + "' (row " + row + ")");
    }

    private static RunSlices.ReaderRows rows() {
        List<RunMeterData.Rejection> rejected = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            rejected.add(new RunMeterData.Rejection(row(i % 3 + 1, i, "x".repeat(i % 7) + "é€"), -i * 1_000L));
        }
        // a value longer than DataOutputStream.writeUTF's 64 KiB
        rejected.add(new RunMeterData.Rejection(row(9, 1, "9".repeat(70_000)), 0));
        return new RunSlices.ReaderRows(rejected, List.of(row(4, 2, "0"), row(5, 1, "")));
    }

    @Test
    void reader_rows_round_trip() {
        RunSlices.ReaderRows rows = rows();
        byte[] bytes = rows.toBytes();
        assertThat(RunSlices.ReaderRows.parse(bytes)).isEqualTo(rows);
        assertThat(RunSlices.ReaderRows.parse(new RunSlices.ReaderRows(List.of(), List.of()).toBytes()))
                .isEqualTo(new RunSlices.ReaderRows(List.of(), List.of()));
    }

    @Test
    void corrupt_truncated_and_other_version_reader_rows_are_refused() {
        byte[] bytes = rows().toBytes();
        for (int at : new int[] {0, 5, 9, bytes.length / 2, bytes.length - 1}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x10;
            assertThatThrownBy(() -> RunSlices.ReaderRows.parse(flipped))
                    .as("byte %d flipped", at)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RunSlices.ReaderRows.parse(java.util.Arrays.copyOf(bytes, bytes.length - 9)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] future = bytes.clone();
        future[7] = 2;
        assertThatThrownBy(() -> RunSlices.ReaderRows.parse(future))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void each_slice_is_a_partition_named_by_its_group_and_piece() {
        Map<String, List<RunSlices.Slice>> plan = Map.of(
                "_A",
                List.of(
                        new RunSlices.Slice("_A", 1, 2, MpanRange.of(Long.MIN_VALUE, 500), 3, null, null, null, 0),
                        new RunSlices.Slice("_A", 2, 2, MpanRange.of(500, Long.MAX_VALUE), 2, null, null, null, 0)));
        Map<String, ExecutionContext> partitions =
                SettlementRunJob.slicePartitions(plan, SettlementRunJob.PHASE_SAMPLE);
        assertThat(partitions).containsOnlyKeys("_A#1of2", "_A#2of2");
        ExecutionContext second = partitions.get("_A#2of2");
        assertThat(second.getString(SettlementRunJob.GROUPS)).isEqualTo("_A");
        assertThat(second.getString(SettlementRunJob.PHASE)).isEqualTo("sample");
        assertThat(second.getInt(SettlementRunJob.PIECE)).isEqualTo(2);
    }
}
