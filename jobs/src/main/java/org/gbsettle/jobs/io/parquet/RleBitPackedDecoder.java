package org.gbsettle.jobs.io.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decoder of Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary ids) of unsigned values of 0 to
 * 32 bits into an {@code int[]} in one call: a run is a ULEB128 header whose low bit tells a repeated run ({@code
 * count << 1}, then the value in {@code ceil(width / 8)} little-endian bytes) from a bit-packed run ({@code groups << 1
 * | 1}, then {@code groups} groups of 8 values packed LSB first in {@code width} bytes each). Bit-packed groups are
 * unpacked 8 values at a time by unaligned 64-bit reads. Values past the requested count (the padding of the last
 * group) are ignored; missing bytes at the end of a last bit-packed run read as zero, as parquet-java reads them.
 */
final class RleBitPackedDecoder {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private RleBitPackedDecoder() {}

    /**
     * Decodes {@code count} values of {@code width} bits from {@code in[start..end)} into {@code out[outOff..outOff +
     * count)}.
     *
     * @return the position after the last run read
     * @throws IllegalArgumentException if the runs are malformed or end before {@code count} values
     */
    static int decode(byte[] in, int start, int end, int width, int[] out, int outOff, int count) {
        if (width < 0 || width > 32) {
            throw new IllegalArgumentException("bit width " + width + " is not 0..32");
        }
        int pos = start;
        int done = 0;
        int valueBytes = (width + 7) >>> 3;
        long mask = width == 32 ? 0xFFFF_FFFFL : (1L << width) - 1;
        while (done < count) {
            // ULEB128 run header
            int header = 0;
            int shift = 0;
            int b;
            do {
                if (pos >= end || shift > 28) {
                    throw new IllegalArgumentException("run header runs past the end of the data at byte " + pos);
                }
                b = in[pos++];
                header |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if ((header & 1) == 0) {
                int length = header >>> 1;
                if (length == 0) {
                    throw new IllegalArgumentException("empty repeated run at byte " + pos);
                }
                if (pos + valueBytes > end) {
                    throw new IllegalArgumentException("repeated run value runs past the end of the data");
                }
                int value = 0;
                for (int k = 0; k < valueBytes; k++) {
                    value |= (in[pos + k] & 0xFF) << (8 * k);
                }
                pos += valueBytes;
                int n = Math.min(length, count - done);
                Arrays.fill(out, outOff + done, outOff + done + n, value);
                done += n;
            } else {
                int groups = header >>> 1;
                if (groups == 0) {
                    throw new IllegalArgumentException("empty bit-packed run at byte " + pos);
                }
                for (int g = 0; g < groups && done < count; g++) {
                    int left = count - done;
                    if (left >= 8 && pos + width + 8 <= in.length && pos + width <= end) {
                        unpack8(in, pos, width, mask, out, outOff + done);
                        done += 8;
                    } else {
                        int n = Math.min(8, left);
                        slowUnpack(in, pos, end, width, mask, out, outOff + done, n);
                        done += n;
                    }
                    pos += width;
                }
                if (pos > end) {
                    pos = end;
                }
            }
        }
        return pos;
    }

    /** Unpacks one group of 8 values; needs 8 readable bytes past the group's last byte it starts a read at. */
    private static void unpack8(byte[] in, int pos, int width, long mask, int[] out, int o) {
        if (width == 0) {
            Arrays.fill(out, o, o + 8, 0);
            return;
        }
        if (width <= 7) {
            // the whole group lies in one 64-bit word
            long word = (long) LONG_LE.get(in, pos);
            out[o] = (int) (word & mask);
            out[o + 1] = (int) ((word >>> width) & mask);
            out[o + 2] = (int) ((word >>> (2 * width)) & mask);
            out[o + 3] = (int) ((word >>> (3 * width)) & mask);
            out[o + 4] = (int) ((word >>> (4 * width)) & mask);
            out[o + 5] = (int) ((word >>> (5 * width)) & mask);
            out[o + 6] = (int) ((word >>> (6 * width)) & mask);
            out[o + 7] = (int) ((word >>> (7 * width)) & mask);
            return;
        }
        for (int k = 0; k < 8; k++) {
            int bit = k * width;
            long word = (long) LONG_LE.get(in, pos + (bit >>> 3));
            out[o + k] = (int) ((word >>> (bit & 7)) & mask);
        }
    }

    /** Unpacks the first {@code n} values of a group bit by bit, reading bytes at or past {@code end} as zero. */
    private static void slowUnpack(byte[] in, int pos, int end, int width, long mask, int[] out, int o, int n) {
        long buffer = 0;
        int bits = 0;
        int p = pos;
        for (int k = 0; k < n; k++) {
            while (bits < width) {
                long next = p < end ? in[p] & 0xFFL : 0;
                p++;
                buffer |= next << bits;
                bits += 8;
            }
            out[o + k] = (int) (buffer & mask);
            buffer >>>= width;
            bits -= width;
        }
    }
}
