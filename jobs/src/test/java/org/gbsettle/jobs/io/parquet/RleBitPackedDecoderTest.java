package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The RLE / bit-packed hybrid decoder against runs written by hand and by parquet-java's encoder. */
class RleBitPackedDecoderTest {

    static IntStream widths() {
        return IntStream.rangeClosed(0, 32);
    }

    /** Values of {@code width} bits: runs of equal values (RLE) mixed with stretches of random ones (bit-packed). */
    static int[] values(int width, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long bound = 1L << width; // 2^width values, 0..2^width - 1
        int[] v = new int[n];
        int i = 0;
        while (i < n) {
            int length = Math.min(n - i, 1 + random.nextInt(40));
            boolean repeated = random.nextInt(3) == 0;
            int value = (int) random.nextLong(bound);
            for (int k = 0; k < length; k++) {
                v[i + k] = repeated ? value : (int) random.nextLong(bound);
            }
            i += length;
        }
        if (width > 0 && n > 2) {
            v[0] = (int) (bound - 1); // the largest value, all bits set (-1 as an int at width 32)
            v[1] = 0;
        }
        return v;
    }

    static byte[] encode(int width, int[] values) throws Exception {
        try (RunLengthBitPackingHybridEncoder e =
                new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20, new HeapByteBufferAllocator())) {
            for (int v : values) {
                e.writeInt(v);
            }
            return e.toBytes().toByteArray();
        }
    }

    @ParameterizedTest(name = "width {0}")
    @MethodSource("widths")
    void test_decodes_what_parquet_java_encodes(int width) throws Exception {
        for (int n : new int[] {1, 7, 8, 9, 100, 1003}) {
            int[] expected = values(width, n, 31L * width + n);
            byte[] encoded = encode(width, expected);

            int[] out = new int[n + 3];
            int end = RleBitPackedDecoder.decode(encoded, 0, encoded.length, width, out, 3, n);

            assertThat(Arrays.copyOfRange(out, 3, n + 3))
                    .as("width %d, %d values", width, n)
                    .containsExactly(expected);
            assertThat(end).isEqualTo(encoded.length);
        }
    }

    @ParameterizedTest(name = "width {0}")
    @MethodSource("widths")
    void test_decodes_from_the_middle_of_an_array_and_stops_at_the_count(int width) throws Exception {
        int[] expected = values(width, 500, width);
        byte[] encoded = encode(width, expected);
        byte[] padded = new byte[encoded.length + 10];
        System.arraycopy(encoded, 0, padded, 5, encoded.length);

        int[] out = new int[300];
        RleBitPackedDecoder.decode(padded, 5, 5 + encoded.length, width, out, 0, 300);

        assertThat(out).containsExactly(Arrays.copyOf(expected, 300));
    }

    @Test
    void test_a_bit_packed_run_by_hand() {
        // the format spec's example: values 0..7 at width 3, LSB first = bytes 10001000 11000110 11111010;
        // header: 1 group of 8 values = (1 << 1) | 1 = 3
        byte[] in = {3, (byte) 0b10001000, (byte) 0b11000110, (byte) 0b11111010};
        int[] out = new int[8];

        RleBitPackedDecoder.decode(in, 0, in.length, 3, out, 0, 8);

        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void test_repeated_runs_by_hand() {
        // 5 x 7 at width 3: header 5 << 1 = 10, value in 1 byte; then 300 x 0x1234 at width 13: header 600 as
        // ULEB128 = 0xD8 0x04 (600 = 0b100_1011000), value in 2 bytes little-endian 0x34 0x12
        byte[] in = {10, 7, (byte) 0xD8, 0x04, 0x34, 0x12};
        int[] out5 = new int[5];
        RleBitPackedDecoder.decode(in, 0, 2, 3, out5, 0, 5);
        assertThat(out5).containsOnly(7);

        int[] out300 = new int[300];
        int end = RleBitPackedDecoder.decode(in, 2, in.length, 13, out300, 0, 300);
        assertThat(out300).containsOnly(0x1234);
        assertThat(end).isEqualTo(in.length);
    }

    @Test
    void test_the_last_group_padding_is_ignored_and_missing_bytes_read_as_zero() {
        // width 8: 1 group, header 3, but only 3 of its 8 bytes present; 2 values asked for
        byte[] in = {3, 9, 8, 7};
        int[] out = new int[2];
        RleBitPackedDecoder.decode(in, 0, in.length, 8, out, 0, 2);
        assertThat(out).containsExactly(9, 8);

        int[] five = new int[5];
        RleBitPackedDecoder.decode(in, 0, in.length, 8, five, 0, 5);
        assertThat(five).containsExactly(9, 8, 7, 0, 0);
    }

    @Test
    void test_malformed_runs_fail() {
        int[] out = new int[10];
        // a repeated run of 2 where 10 values are needed, then nothing
        assertThatThrownBy(() -> RleBitPackedDecoder.decode(new byte[] {4, 1}, 0, 2, 1, out, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the end");
        assertThatThrownBy(() -> RleBitPackedDecoder.decode(new byte[] {0, 1}, 0, 2, 1, out, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty repeated run");
        assertThatThrownBy(() -> RleBitPackedDecoder.decode(new byte[] {2}, 0, 1, 33, out, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bit width 33");
    }
}
