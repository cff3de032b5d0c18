package org.gbsettle.jobs.io.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ParquetDecodingException;
import org.jspecify.annotations.Nullable;

/**
 * The pages of one column chunk held in memory as stored in the file: page headers parsed with parquet-format's Thrift
 * structures, page checksums verified where the writer wrote them, pages decompressed one at a time with {@link
 * ParquetCodecs}, and handed to parquet-column's {@code ColumnReaderImpl} (which decodes levels and values in every
 * encoding). This stands in for parquet-hadoop's {@code ParquetFileReader}, whose read options load Hadoop classes.
 */
final class ChunkPageReader implements PageReader {

    private final ColumnDescriptor column;
    private final byte[] bytes;
    private final int end;
    private final CompressionCodecName codec;
    private final long valueCount;
    private final Statistics<?> noStatistics;
    private final @Nullable DictionaryPage dictionary;
    private int position;

    /**
     * @param bytes holds the column chunk's bytes, from its first page to its end, at {@code [offset, offset +
     *     length)}
     * @param valueCount the number of values (with nulls) in the chunk, from the footer
     */
    ChunkPageReader(
            ColumnDescriptor column, byte[] bytes, int offset, int length, CompressionCodecName codec, long valueCount)
            throws IOException {
        this.column = column;
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
        this.codec = codec;
        this.valueCount = valueCount;
        this.noStatistics = Statistics.createStats(column.getPrimitiveType());
        DictionaryPage dict = null;
        if (length > 0) {
            int start = position;
            PageHeader header = header();
            if (header.getType() == PageType.DICTIONARY_PAGE) {
                dict = new DictionaryPage(
                        body(header),
                        header.getDictionary_page_header().getNum_values(),
                        encoding(header.getDictionary_page_header().getEncoding()));
            } else {
                position = start;
            }
        }
        this.dictionary = dict;
    }

    @Override
    public @Nullable DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return valueCount;
    }

    @Override
    public DataPage readPage() {
        try {
            while (position < end) {
                PageHeader header = header();
                PageType type = header.getType();
                if (type == PageType.DATA_PAGE) {
                    DataPageHeader h = header.getData_page_header();
                    return new DataPageV1(
                            body(header),
                            h.getNum_values(),
                            header.getUncompressed_page_size(),
                            noStatistics,
                            encoding(h.getRepetition_level_encoding()),
                            encoding(h.getDefinition_level_encoding()),
                            encoding(h.getEncoding()));
                }
                if (type == PageType.DATA_PAGE_V2) {
                    return pageV2(header);
                }
                // index pages and anything else a reader may skip
                skip(header);
            }
        } catch (IOException e) {
            throw new ParquetDecodingException(
                    "cannot read a page of column " + column.getPrimitiveType().getName() + ": " + e.getMessage(), e);
        }
        throw new ParquetDecodingException("column " + column.getPrimitiveType().getName()
                + " has fewer pages than its " + valueCount + " values need");
    }

    private DataPage pageV2(PageHeader header) throws IOException {
        DataPageHeaderV2 h = header.getData_page_header_v2();
        int compressedSize = header.getCompressed_page_size();
        int rl = h.getRepetition_levels_byte_length();
        int dl = h.getDefinition_levels_byte_length();
        int start = checkedBody(header);
        if (rl < 0 || dl < 0 || rl + dl > compressedSize) {
            throw new IOException(
                    "level lengths " + rl + " + " + dl + " exceed the page's " + compressedSize + " bytes");
        }
        int dataStart = start + rl + dl;
        int dataLength = compressedSize - rl - dl;
        int dataSize = header.getUncompressed_page_size() - rl - dl;
        boolean compressed = !h.isSetIs_compressed() || h.isIs_compressed();
        BytesInput data = compressed && codec != CompressionCodecName.UNCOMPRESSED
                ? BytesInput.from(ParquetCodecs.decompress(codec, bytes, dataStart, dataLength, dataSize))
                : BytesInput.from(bytes, dataStart, dataLength);
        return DataPageV2.uncompressed(
                h.getNum_rows(),
                h.getNum_nulls(),
                h.getNum_values(),
                BytesInput.from(bytes, start, rl),
                BytesInput.from(bytes, start + rl, dl),
                encoding(h.getEncoding()),
                data,
                noStatistics);
    }

    private PageHeader header() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, position, end - position);
        PageHeader header = Util.readPageHeader(in);
        position = end - in.available();
        return header;
    }

    /** The page's body, decompressed; moves past it. */
    private BytesInput body(PageHeader header) throws IOException {
        int start = checkedBody(header);
        int length = header.getCompressed_page_size();
        int size = header.getUncompressed_page_size();
        if (codec == CompressionCodecName.UNCOMPRESSED) {
            if (length != size) {
                throw new IOException("an uncompressed page of " + length + " bytes claims " + size);
            }
            return BytesInput.from(bytes, start, length);
        }
        return BytesInput.from(ParquetCodecs.decompress(codec, bytes, start, length, size));
    }

    private void skip(PageHeader header) throws IOException {
        checkedBody(header);
    }

    /** Checks the page's extent and checksum; returns where its body starts and moves past it. */
    private int checkedBody(PageHeader header) throws IOException {
        int start = position;
        int length = header.getCompressed_page_size();
        if (length < 0 || header.getUncompressed_page_size() < 0 || length > end - start) {
            throw new IOException("a page of " + length + " bytes runs past the end of its column chunk");
        }
        if (header.isSetCrc()) {
            CRC32 crc = new CRC32();
            crc.update(bytes, start, length);
            if ((int) crc.getValue() != header.getCrc()) {
                throw new IOException("page checksum mismatch (the file is corrupt)");
            }
        }
        position = start + length;
        return start;
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding encoding) {
        return Encoding.valueOf(encoding.name());
    }
}
