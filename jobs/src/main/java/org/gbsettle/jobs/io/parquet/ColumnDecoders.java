package org.gbsettle.jobs.io.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.jspecify.annotations.Nullable;

/**
 * Decoders of one column chunk into primitive arrays through parquet-java's {@link ColumnReader} (which handles
 * every encoding, dictionary and page version): a null sets a bit in the row's flags instead of a value, and values
 * that do not fit set an overflow bit and keep their text for the rejection message. Dictionary-encoded strings and
 * binary decimals are converted once per dictionary entry.
 */
final class ColumnDecoders {

    /** Code of a measurement quantity or quality other than the known ones. */
    static final byte UNKNOWN = -1;

    private ColumnDecoders() {}

    /**
     * The code of a measurement quantity ({@code AI} to {@code MeterReads.AI}, {@code AE} to {@code MeterReads.AE})
     * or of a quality ({@code A}/{@code E}, surrounding spaces ignored, to its ASCII code); anything else {@link
     * #UNKNOWN}.
     */
    static byte code(Binary b, boolean quantity) {
        int length = b.length();
        if (quantity) {
            if (length == 2) {
                byte[] bytes = b.getBytesUnsafe();
                if (bytes[0] == 'A' && bytes[1] == 'I') {
                    return 0;
                }
                if (bytes[0] == 'A' && bytes[1] == 'E') {
                    return 1;
                }
            }
            return UNKNOWN;
        }
        String s = length == 1 ? null : b.toStringUsingUTF8().strip();
        int c = s == null ? b.getBytesUnsafe()[0] : s.length() == 1 ? s.charAt(0) : 0;
        return c == 'A' || c == 'E' ? (byte) c : UNKNOWN;
    }

    /** Reads {@code n} int64 values into {@code out[off..off+n)}. */
    static void longs(ColumnReader r, int n, long[] out, int off, int[] flags, int nullBit) {
        int maxDef = r.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < n; i++) {
            if (r.getCurrentDefinitionLevel() == maxDef) {
                out[off + i] = r.getLong();
            } else {
                flags[i] |= nullBit;
            }
            r.consume();
        }
    }

    /** Reads {@code n} int32 values, widened, into {@code out[off..off+n)}. */
    static void intsToLongs(ColumnReader r, int n, long[] out, int off, int[] flags, int nullBit) {
        int maxDef = r.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < n; i++) {
            if (r.getCurrentDefinitionLevel() == maxDef) {
                out[off + i] = r.getInteger();
            } else {
                flags[i] |= nullBit;
            }
            r.consume();
        }
    }

    /** Reads {@code n} int32 values into {@code out[off..off+n)}. */
    static void ints(ColumnReader r, int n, int[] out, int off, int[] flags, int nullBit) {
        int maxDef = r.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < n; i++) {
            if (r.getCurrentDefinitionLevel() == maxDef) {
                out[off + i] = r.getInteger();
            } else {
                flags[i] |= nullBit;
            }
            r.consume();
        }
    }

    /**
     * Reads {@code n} integers (int32 or int64, signed or unsigned) into {@code out[off..off+n)}; a value outside the
     * int range sets {@code overflowBit} and keeps its text in {@code text}.
     */
    static void narrowInts(
            ColumnReader r,
            boolean int64,
            boolean unsigned,
            int n,
            int[] out,
            int off,
            int[] flags,
            int nullBit,
            int overflowBit,
            Map<Integer, String> text) {
        int maxDef = r.getDescriptor().getMaxDefinitionLevel();
        for (int i = 0; i < n; i++) {
            if (r.getCurrentDefinitionLevel() != maxDef) {
                flags[i] |= nullBit;
            } else if (!int64 && !unsigned) {
                out[off + i] = r.getInteger();
            } else {
                long v = int64 ? r.getLong() : r.getInteger();
                boolean negativeUnsigned = unsigned && v < 0;
                if (negativeUnsigned || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    flags[i] |= overflowBit;
                    text.put(i, negativeUnsigned && int64 ? Long.toUnsignedString(v) : unsignedText(v, unsigned));
                } else {
                    out[off + i] = (int) v;
                }
            }
            r.consume();
        }
    }

    private static String unsignedText(long v, boolean unsigned) {
        return unsigned && v < 0 ? Integer.toUnsignedString((int) v) : Long.toString(v);
    }

    /** Reads {@code n} values through {@code converter} (which writes them) at rows {@code off..off+n)}. */
    static void converted(ColumnReader r, int n, RowConverter converter, int off, int[] flags, int nullBit) {
        int maxDef = r.getDescriptor().getMaxDefinitionLevel();
        converter.flags = flags;
        for (int i = 0; i < n; i++) {
            if (r.getCurrentDefinitionLevel() == maxDef) {
                converter.row = i;
                converter.pos = off + i;
                r.writeCurrentValueToConverter();
            } else {
                flags[i] |= nullBit;
            }
            r.consume();
        }
    }

    /** A converter that writes the value of row {@link #row} to position {@link #pos} of its output. */
    abstract static class RowConverter extends PrimitiveConverter {
        int row;
        int pos;
        int[] flags = new int[0];

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }
    }

    /**
     * Strings to byte codes: {@code AI}/{@code AE} to {@code MeterReads.AI}/{@code AE}, or quality {@code A}/{@code
     * E} (surrounding spaces ignored, as in the CSV reader) to its ASCII code; anything else to {@link #UNKNOWN} with
     * its text kept per row.
     */
    static final class CodeConverter extends RowConverter {
        private final boolean quantity;
        private byte[] out = new byte[0];
        private final Map<Integer, String> text;
        private byte[] dictCodes = new byte[0];
        private @Nullable String[] dictText = new String[0];

        CodeConverter(boolean quantity, Map<Integer, String> text) {
            this.quantity = quantity;
            this.text = text;
        }

        void output(byte[] target) {
            out = target;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            int size = dictionary.getMaxId() + 1;
            dictCodes = new byte[size];
            dictText = new String[size];
            for (int id = 0; id < size; id++) {
                Binary b = dictionary.decodeToBinary(id);
                dictCodes[id] = code(b);
                if (dictCodes[id] == UNKNOWN) {
                    dictText[id] = b.toStringUsingUTF8();
                }
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            byte c = dictCodes[dictionaryId];
            out[pos] = c;
            if (c == UNKNOWN) {
                text.put(row, String.valueOf(dictText[dictionaryId]));
            }
        }

        @Override
        public void addBinary(Binary value) {
            byte c = code(value);
            out[pos] = c;
            if (c == UNKNOWN) {
                text.put(row, value.toStringUsingUTF8());
            }
        }

        private byte code(Binary b) {
            return ColumnDecoders.code(b, quantity);
        }
    }

    /**
     * Binary values to {@code long}: a big-endian two's-complement decimal's unscaled value (fixed_len_byte_array or
     * binary), or an INT96 timestamp as nanoseconds since the epoch. A value beyond 64 bits sets the overflow bit and
     * keeps its text.
     */
    static final class LongConverter extends RowConverter {
        private static final long JULIAN_EPOCH_DAY = 2_440_588L;
        private static final long NANOS_PER_DAY = 86_400_000_000_000L;

        private final boolean int96;
        private final int scale;
        private final int overflowBit;
        private final Map<Integer, String> text;
        private long[] out = new long[0];
        private long[] dictValues = new long[0];
        private @Nullable String[] dictOverflow = new String[0];
        private @Nullable String overflow;

        LongConverter(boolean int96, int scale, int overflowBit, Map<Integer, String> text) {
            this.int96 = int96;
            this.scale = scale;
            this.overflowBit = overflowBit;
            this.text = text;
        }

        void output(long[] target) {
            out = target;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            int size = dictionary.getMaxId() + 1;
            dictValues = new long[size];
            dictOverflow = new String[size];
            for (int id = 0; id < size; id++) {
                dictValues[id] = decode(dictionary.decodeToBinary(id));
                dictOverflow[id] = overflow;
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            String o = dictOverflow[dictionaryId];
            if (o == null) {
                out[pos] = dictValues[dictionaryId];
            } else {
                flags[row] |= overflowBit;
                text.put(row, o);
            }
        }

        @Override
        public void addBinary(Binary value) {
            long v = decode(value);
            String o = overflow;
            if (o == null) {
                out[pos] = v;
            } else {
                flags[row] |= overflowBit;
                text.put(row, o);
            }
        }

        /** The value, or 0 with {@link #overflow} set to its text. */
        private long decode(Binary b) {
            overflow = null;
            byte[] bytes = b.getBytesUnsafe();
            if (int96) {
                return int96(bytes);
            }
            int n = bytes.length;
            if (n == 0) {
                return 0;
            }
            int first = Math.max(0, n - 8);
            long v = bytes[first]; // sign-extended
            for (int i = first + 1; i < n; i++) {
                v = (v << 8) | (bytes[i] & 0xFF);
            }
            byte sign = (byte) (v < 0 ? -1 : 0);
            for (int i = 0; i < first; i++) {
                if (bytes[i] != sign) {
                    overflow = new BigDecimal(new BigInteger(bytes), scale).toPlainString();
                    return 0;
                }
            }
            return v;
        }

        private long int96(byte[] bytes) {
            if (bytes.length != 12) {
                overflow = "INT96 of " + bytes.length + " bytes";
                return 0;
            }
            long nanosOfDay = 0;
            for (int i = 7; i >= 0; i--) {
                nanosOfDay = (nanosOfDay << 8) | (bytes[i] & 0xFF);
            }
            long julianDay = 0;
            for (int i = 11; i >= 8; i--) {
                julianDay = (julianDay << 8) | (bytes[i] & 0xFF);
            }
            try {
                return Math.addExact(Math.multiplyExact(julianDay - JULIAN_EPOCH_DAY, NANOS_PER_DAY), nanosOfDay);
            } catch (ArithmeticException e) {
                overflow = "INT96 " + Arrays.toString(bytes);
                return 0;
            }
        }
    }
}
