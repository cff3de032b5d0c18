package org.gbsettle.jobs.io.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;

/**
 * Decoder of one flat column chunk straight from its page bytes into the meter-data reader's primitive arrays, for
 * the common case: data pages v1 and v2, definition levels in the RLE / bit-packed hybrid encoding, values PLAIN or
 * dictionary ids (PLAIN_DICTIONARY / RLE_DICTIONARY, with a PLAIN dictionary page), of INT32, INT64 or BYTE_ARRAY
 * code strings. Nulls set a bit in the row's flags, as {@link ColumnDecoders} does. {@link #of} returns null for a
 * chunk this decoder does not cover (another encoding or physical type); the caller then reads it through the general
 * path, and also when decoding throws (so that a corrupt chunk fails with the general path's message).
 *
 * <p>Values are decoded compactly (non-null values at consecutive rows) and then spread in place from the back to
 * their rows, so a page without nulls costs no second pass.
 */
final class FastChunkDecoder {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Reusable scratch arrays (levels, dictionary ids) of one file's read. */
    static final class Scratch {
        private int[] levels = new int[0];
        private int[] ids = new int[0];

        int[] levels(int n) {
            if (levels.length < n) {
                levels = new int[Math.max(n, levels.length * 3 / 2)];
            }
            return levels;
        }

        int[] ids(int n) {
            if (ids.length < n) {
                ids = new int[Math.max(n, ids.length * 3 / 2)];
            }
            return ids;
        }
    }

    private final byte[] bytes;
    private final CompressionCodecName codec;
    private final PrimitiveTypeName type;
    private final int maxDef;
    private final List<PageHeader> headers;
    private final int[] bodyStarts;
    private final Scratch scratch;

    private FastChunkDecoder(
            byte[] bytes,
            CompressionCodecName codec,
            PrimitiveTypeName type,
            int maxDef,
            List<PageHeader> headers,
            int[] bodyStarts,
            Scratch scratch) {
        this.bytes = bytes;
        this.codec = codec;
        this.type = type;
        this.maxDef = maxDef;
        this.headers = headers;
        this.bodyStarts = bodyStarts;
        this.scratch = scratch;
    }

    /**
     * The decoder of a chunk, from its page headers (read until they hold {@code valueCount} values, checksums
     * verified), or null if a page's encoding, the definition level encoding or the column's type is not covered.
     *
     * @throws IOException if a page header is unreadable, a page runs past the chunk or fails its checksum
     */
    static @Nullable FastChunkDecoder of(
            ColumnDescriptor column,
            byte[] bytes,
            int offset,
            int length,
            CompressionCodecName codec,
            long valueCount,
            Scratch scratch)
            throws IOException {
        if (column.getMaxRepetitionLevel() != 0 || column.getMaxDefinitionLevel() > 1) {
            return null;
        }
        PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        if (type != PrimitiveTypeName.INT32 && type != PrimitiveTypeName.INT64 && type != PrimitiveTypeName.BINARY) {
            return null;
        }
        int maxDef = column.getMaxDefinitionLevel();
        List<PageHeader> headers = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int end = offset + length;
        int pos = offset;
        long values = 0;
        while (pos < end && values < valueCount) {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes, pos, end - pos);
            PageHeader header = Util.readPageHeader(in);
            int start = end - in.available();
            int size = header.getCompressed_page_size();
            if (size < 0 || header.getUncompressed_page_size() < 0 || size > end - start) {
                throw new IOException("a page of " + size + " bytes runs past the end of its column chunk");
            }
            if (header.isSetCrc()) {
                CRC32 crc = new CRC32();
                crc.update(bytes, start, size);
                if ((int) crc.getValue() != header.getCrc()) {
                    throw new IOException("page checksum mismatch (the file is corrupt)");
                }
            }
            pos = start + size;
            PageType pageType = header.getType();
            if (pageType == PageType.DICTIONARY_PAGE) {
                Encoding e = header.getDictionary_page_header().getEncoding();
                if (!headers.isEmpty() || (e != Encoding.PLAIN && e != Encoding.PLAIN_DICTIONARY)) {
                    return null;
                }
            } else if (pageType == PageType.DATA_PAGE) {
                var h = header.getData_page_header();
                if (!valueEncoding(h.getEncoding())
                        || (maxDef > 0 && h.getDefinition_level_encoding() != Encoding.RLE)) {
                    return null;
                }
                values += h.getNum_values();
            } else if (pageType == PageType.DATA_PAGE_V2) {
                DataPageHeaderV2 h = header.getData_page_header_v2();
                if (!valueEncoding(h.getEncoding())) {
                    return null;
                }
                values += h.getNum_values();
            } else {
                continue;
            }
            headers.add(header);
            starts.add(start);
        }
        if (values != valueCount) {
            throw new IOException("the chunk's pages hold " + values + " values, not " + valueCount);
        }
        int[] bodyStarts = new int[starts.size()];
        for (int k = 0; k < bodyStarts.length; k++) {
            bodyStarts[k] = starts.get(k);
        }
        return new FastChunkDecoder(bytes, codec, type, maxDef, headers, bodyStarts, scratch);
    }

    private static boolean valueEncoding(Encoding e) {
        return e == Encoding.PLAIN || e == Encoding.PLAIN_DICTIONARY || e == Encoding.RLE_DICTIONARY;
    }

    /** Decodes int64 (or int32, widened) values into {@code out[off..off+n)}. */
    void longs(int n, long[] out, int off, int[] flags, int nullBit) throws IOException {
        decode(new LongSink(type == PrimitiveTypeName.INT32, out, off), n, flags, nullBit);
    }

    /** Decodes int32 values into {@code out[off..off+n)}. */
    void ints(int n, int[] out, int off, int[] flags, int nullBit) throws IOException {
        if (type != PrimitiveTypeName.INT32) {
            throw new IllegalStateException("not an int32 column: " + type);
        }
        decode(new IntSink(out, off), n, flags, nullBit);
    }

    /**
     * Decodes code strings into {@code out[off..off+n)} as {@link ColumnDecoders#code} maps them, each dictionary
     * entry once; the text of an unknown value goes to {@code text} under its row.
     */
    void codes(int n, byte[] out, int off, int[] flags, int nullBit, boolean quantity, Map<Integer, String> text)
            throws IOException {
        if (type != PrimitiveTypeName.BINARY) {
            throw new IllegalStateException("not a binary column: " + type);
        }
        decode(new CodeSink(quantity, out, off, text), n, flags, nullBit);
    }

    private void decode(Sink sink, int n, int[] flags, int nullBit) throws IOException {
        int row = 0;
        boolean haveDictionary = false;
        for (int k = 0; k < headers.size(); k++) {
            PageHeader header = headers.get(k);
            int start = bodyStarts[k];
            int size = header.getCompressed_page_size();
            int uncompressed = header.getUncompressed_page_size();
            if (header.getType() == PageType.DICTIONARY_PAGE) {
                byte[] body = body(start, size, uncompressed);
                int from = body == bytes ? start : 0;
                int to = body == bytes ? start + size : body.length;
                sink.dictionary(
                        body, from, to, header.getDictionary_page_header().getNum_values());
                haveDictionary = true;
                continue;
            }
            int count;
            Encoding encoding;
            byte[] data;
            int p;
            int dataEnd;
            int[] levels = null;
            if (header.getType() == PageType.DATA_PAGE) {
                var h = header.getData_page_header();
                count = h.getNum_values();
                encoding = h.getEncoding();
                data = body(start, size, uncompressed);
                p = data == bytes ? start : 0;
                dataEnd = data == bytes ? start + size : data.length;
                if (maxDef > 0 && count > 0) {
                    if (p + 4 > dataEnd) {
                        throw new IOException("definition levels run past the page");
                    }
                    int length = (int) INT_LE.get(data, p);
                    p += 4;
                    if (length < 0 || length > dataEnd - p) {
                        throw new IOException("definition levels run past the page");
                    }
                    levels = scratch.levels(count);
                    RleBitPackedDecoder.decode(data, p, p + length, bitWidth(maxDef), levels, 0, count);
                    p += length;
                }
            } else {
                DataPageHeaderV2 h = header.getData_page_header_v2();
                count = h.getNum_values();
                encoding = h.getEncoding();
                int rl = h.getRepetition_levels_byte_length();
                int dl = h.getDefinition_levels_byte_length();
                if (rl < 0 || dl < 0 || rl + dl > size) {
                    throw new IOException("level lengths " + rl + " + " + dl + " exceed the page's " + size + " bytes");
                }
                if (maxDef > 0 && count > 0) {
                    levels = scratch.levels(count);
                    RleBitPackedDecoder.decode(bytes, start + rl, start + rl + dl, bitWidth(maxDef), levels, 0, count);
                }
                int dataStart = start + rl + dl;
                int dataLength = size - rl - dl;
                boolean compressed = !h.isSetIs_compressed() || h.isIs_compressed();
                if (compressed && codec != CompressionCodecName.UNCOMPRESSED) {
                    data = ParquetCodecs.decompress(codec, bytes, dataStart, dataLength, uncompressed - rl - dl);
                    p = 0;
                    dataEnd = data.length;
                } else {
                    data = bytes;
                    p = dataStart;
                    dataEnd = dataStart + dataLength;
                }
            }
            if (count < 0 || count > n - row) {
                throw new IOException("pages hold more values than the chunk's " + n);
            }
            int nonNull = count;
            if (levels != null) {
                nonNull = 0;
                for (int i = 0; i < count; i++) {
                    nonNull += levels[i] == maxDef ? 1 : 0;
                }
            }
            if (nonNull > 0) {
                if (encoding == Encoding.PLAIN) {
                    sink.plain(data, p, dataEnd, row, nonNull);
                } else {
                    if (!haveDictionary) {
                        throw new IOException("dictionary-encoded page without a dictionary page");
                    }
                    if (p >= dataEnd) {
                        throw new IOException("dictionary-encoded page without a bit width");
                    }
                    int width = data[p] & 0xFF;
                    int[] ids = scratch.ids(nonNull);
                    RleBitPackedDecoder.decode(data, p + 1, dataEnd, width, ids, 0, nonNull);
                    sink.ids(ids, row, nonNull);
                }
            }
            if (levels != null && nonNull < count) {
                sink.spread(row, count, nonNull, levels, maxDef);
                for (int i = 0; i < count; i++) {
                    if (levels[i] != maxDef) {
                        flags[row + i] |= nullBit;
                    }
                }
            }
            row += count;
        }
        if (row != n) {
            throw new IOException("the chunk's pages hold " + row + " values, not " + n);
        }
    }

    /** The page body, decompressed ({@link #bytes} itself when stored uncompressed). */
    private byte[] body(int start, int size, int uncompressed) throws IOException {
        if (codec == CompressionCodecName.UNCOMPRESSED) {
            if (size != uncompressed) {
                throw new IOException("an uncompressed page of " + size + " bytes claims " + uncompressed);
            }
            return bytes;
        }
        return ParquetCodecs.decompress(codec, bytes, start, size, uncompressed);
    }

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    /** Where a column's values go: compactly at a page's first row, then spread over its rows. */
    private abstract static class Sink {
        abstract void dictionary(byte[] in, int pos, int end, int count) throws IOException;

        abstract void plain(byte[] in, int pos, int end, int row, int count) throws IOException;

        abstract void ids(int[] ids, int row, int count);

        /** Moves the {@code nonNull} values at {@code row..} to the rows of {@code levels} that are defined. */
        abstract void spread(int row, int count, int nonNull, int[] levels, int maxDef);
    }

    private static final class LongSink extends Sink {
        private final boolean int32;
        private final long[] out;
        private final int off;
        private long[] dict = new long[0];

        LongSink(boolean int32, long[] out, int off) {
            this.int32 = int32;
            this.out = out;
            this.off = off;
        }

        @Override
        void dictionary(byte[] in, int pos, int end, int count) throws IOException {
            dict = new long[count];
            read(in, pos, end, dict, 0, count);
        }

        @Override
        void plain(byte[] in, int pos, int end, int row, int count) throws IOException {
            read(in, pos, end, out, off + row, count);
        }

        private void read(byte[] in, int pos, int end, long[] to, int at, int count) throws IOException {
            int width = int32 ? 4 : 8;
            if (count > (end - pos) / width) {
                throw new IOException("PLAIN values run past the page");
            }
            if (int32) {
                for (int i = 0; i < count; i++) {
                    to[at + i] = (int) INT_LE.get(in, pos + 4 * i);
                }
            } else {
                for (int i = 0; i < count; i++) {
                    to[at + i] = (long) LONG_LE.get(in, pos + 8 * i);
                }
            }
        }

        @Override
        void ids(int[] ids, int row, int count) {
            long[] d = dict;
            int o = off + row;
            for (int i = 0; i < count; i++) {
                out[o + i] = d[ids[i]];
            }
        }

        @Override
        void spread(int row, int count, int nonNull, int[] levels, int maxDef) {
            int base = off + row;
            int j = nonNull - 1;
            for (int i = count - 1; i >= 0 && j >= 0; i--) {
                if (levels[i] == maxDef) {
                    out[base + i] = out[base + j];
                    j--;
                }
            }
        }
    }

    private static final class IntSink extends Sink {
        private final int[] out;
        private final int off;
        private int[] dict = new int[0];

        IntSink(int[] out, int off) {
            this.out = out;
            this.off = off;
        }

        @Override
        void dictionary(byte[] in, int pos, int end, int count) throws IOException {
            dict = new int[count];
            read(in, pos, end, dict, 0, count);
        }

        @Override
        void plain(byte[] in, int pos, int end, int row, int count) throws IOException {
            read(in, pos, end, out, off + row, count);
        }

        private static void read(byte[] in, int pos, int end, int[] to, int at, int count) throws IOException {
            if (count > (end - pos) / 4) {
                throw new IOException("PLAIN values run past the page");
            }
            for (int i = 0; i < count; i++) {
                to[at + i] = (int) INT_LE.get(in, pos + 4 * i);
            }
        }

        @Override
        void ids(int[] ids, int row, int count) {
            int[] d = dict;
            int o = off + row;
            for (int i = 0; i < count; i++) {
                out[o + i] = d[ids[i]];
            }
        }

        @Override
        void spread(int row, int count, int nonNull, int[] levels, int maxDef) {
            int base = off + row;
            int j = nonNull - 1;
            for (int i = count - 1; i >= 0 && j >= 0; i--) {
                if (levels[i] == maxDef) {
                    out[base + i] = out[base + j];
                    j--;
                }
            }
        }
    }

    /** Code strings to byte codes; the text of an unknown value kept under its row (the row group's row index). */
    private static final class CodeSink extends Sink {
        private final boolean quantity;
        private final byte[] out;
        private final int off;
        private final Map<Integer, String> text;
        private byte[] dictCodes = new byte[0];
        private @Nullable String[] dictText = new String[0];

        CodeSink(boolean quantity, byte[] out, int off, Map<Integer, String> text) {
            this.quantity = quantity;
            this.out = out;
            this.off = off;
            this.text = text;
        }

        @Override
        void dictionary(byte[] in, int pos, int end, int count) throws IOException {
            dictCodes = new byte[count];
            dictText = new String[count];
            int p = pos;
            for (int id = 0; id < count; id++) {
                int length = checkedLength(in, p, end);
                Binary b = Binary.fromConstantByteArray(in, p + 4, length);
                byte c = ColumnDecoders.code(b, quantity);
                dictCodes[id] = c;
                if (c == ColumnDecoders.UNKNOWN) {
                    dictText[id] = b.toStringUsingUTF8();
                }
                p += 4 + length;
            }
        }

        @Override
        void plain(byte[] in, int pos, int end, int row, int count) throws IOException {
            int p = pos;
            int o = off + row;
            for (int i = 0; i < count; i++) {
                int length = checkedLength(in, p, end);
                int v = p + 4;
                byte c;
                if (quantity) {
                    c = length == 2 && in[v] == 'A' && in[v + 1] == 'I'
                            ? 0
                            : length == 2 && in[v] == 'A' && in[v + 1] == 'E' ? 1 : ColumnDecoders.UNKNOWN;
                } else if (length == 1) {
                    byte q = in[v];
                    c = q == 'A' || q == 'E' ? q : ColumnDecoders.UNKNOWN;
                } else {
                    c = ColumnDecoders.code(Binary.fromConstantByteArray(in, v, length), false);
                }
                out[o + i] = c;
                if (c == ColumnDecoders.UNKNOWN) {
                    text.put(
                            row + i, Binary.fromConstantByteArray(in, v, length).toStringUsingUTF8());
                }
                p = v + length;
            }
        }

        private static int checkedLength(byte[] in, int p, int end) throws IOException {
            if (p + 4 > end) {
                throw new IOException("PLAIN byte array runs past the page");
            }
            int length = (int) INT_LE.get(in, p);
            if (length < 0 || length > end - p - 4) {
                throw new IOException("PLAIN byte array runs past the page");
            }
            return length;
        }

        @Override
        void ids(int[] ids, int row, int count) {
            byte[] d = dictCodes;
            int o = off + row;
            for (int i = 0; i < count; i++) {
                int id = ids[i];
                byte c = d[id];
                out[o + i] = c;
                if (c == ColumnDecoders.UNKNOWN) {
                    text.put(row + i, String.valueOf(dictText[id]));
                }
            }
        }

        @Override
        void spread(int row, int count, int nonNull, int[] levels, int maxDef) {
            int j = nonNull - 1;
            for (int i = count - 1; i >= 0 && j >= 0; i--) {
                if (levels[i] == maxDef) {
                    byte c = out[off + row + j];
                    out[off + row + i] = c;
                    if (c == ColumnDecoders.UNKNOWN && i != j) {
                        text.put(row + i, String.valueOf(text.remove(row + j)));
                    }
                    j--;
                }
            }
        }
    }
}
