package org.gbsettle.jobs.io.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.engine.time.SettlementHalfHour;
import org.gbsettle.jobs.io.parquet.ColumnDecoders.CodeConverter;
import org.gbsettle.jobs.io.parquet.ColumnDecoders.LongConverter;
import org.gbsettle.jobs.io.parquet.MeterDataSchema.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reader of one delivered meter-data Parquet file (architecture.md §4) for one settlement date into the engine's
 * {@link MeterReads}, column chunk by column chunk, with the rows it cannot use rejected to quarantine and the file's
 * statistics (row counts, SHA-256, layout).
 *
 * <p>A file of up to 1 GiB is read into memory once, hashed and decoded from those bytes (a larger one is hashed in a
 * streaming pass and its chunks read one at a time). Column chunks of the common kind (v1 or v2 data pages, PLAIN or
 * dictionary-encoded INT32, INT64 and code strings) are decoded whole into primitive arrays by {@link
 * FastChunkDecoder}; any other chunk, and any the fast decoder fails on, goes through parquet-java's column reader
 * ({@link ColumnDecoders}), with the same result either way.
 *
 * <p>Accepted: either layout ({@code settlement_date} + {@code settlement_period}, or {@code utc_period_start});
 * REQUIRED or OPTIONAL columns; any encoding and data page version parquet-java reads; UNCOMPRESSED, SNAPPY, ZSTD,
 * GZIP and LZ4_RAW pages; any number of row groups; {@code kwh} as a decimal of any scale in int32, int64,
 * fixed_len_byte_array or binary; timestamps in milli-, micro- or nanoseconds (with or without the UTC flag: both
 * read as UTC) or legacy INT96; strings as binary with or without the STRING/ENUM annotation; {@code
 * settlement_period} as int32 or int64. Extra columns are ignored.
 *
 * <p>Row rules, checked in this order as in the CSV reader (the first broken rule names the row's reason):
 *
 * <ul>
 *   <li>{@code BAD_MPAN}: MPAN null or not a number of at most 13 digits (a wrong check digit is the calculation's);
 *   <li>{@code WRONG_MQ}: measurement quantity null or not {@code AI}/{@code AE};
 *   <li>{@code BAD_PERIOD}: date, period or UTC start null; a date other than the one read for; a UTC start off a
 *       :00/:30 boundary or outside the date; a period beyond the int range (a period outside 1..N of the date is
 *       left to the calculation, same reason);
 *   <li>{@code BAD_VALUE}: quality null or not {@code A}/{@code E}; kWh null, with more than 3 significant decimal
 *       places or beyond 999,999,999.999; a receipt time finer than a microsecond or out of range. A null receipt
 *       time (or no column) means the delivery time.
 * </ul>
 *
 * <p>Negative kWh loads as negative Wh: the calculation quarantines it ({@code NEGATIVE}) and estimates.
 *
 * <p>Rows of another settlement date are rejected ({@code BAD_PERIOD}) and also listed by {@link
 * MeterDataFile#otherDates()} and {@link MeterDataFile#ofOtherDate(long)}, so that a caller can read a file holding
 * several dates once per date and tell a row's own rejection from "not this date".
 */
public final class MeterDataParquetReader {

    private static final String MAGIC = "PAR1";
    /** The first value that is not a 13-digit MPAN core: the reader rejects it with the placeholder MPAN 0. */
    public static final long MPAN_LIMIT = 10_000_000_000_000L;

    private static final long MAX_WH = 999_999_999_999L;
    private static final long HALF_HOUR_MICROS = 1_800_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private static final int MPAN_NULL = 1;
    private static final int MQ_NULL = 1 << 1;
    private static final int DATE_NULL = 1 << 2;
    private static final int PERIOD_NULL = 1 << 3;
    private static final int QUALITY_NULL = 1 << 4;
    private static final int KWH_NULL = 1 << 5;
    private static final int RECEIVED_NULL = 1 << 6;
    private static final int PERIOD_OVERFLOW = 1 << 7;
    private static final int KWH_OVERFLOW = 1 << 8;
    private static final int UTC_OVERFLOW = 1 << 9;
    private static final int RECEIVED_OVERFLOW = 1 << 10;

    /** Files up to this size are read into memory once, hashed and decoded from there; larger ones are streamed. */
    private static final long WHOLE_FILE_LIMIT = 1L << 30;

    /** How a read decodes its column chunks (a switch for tests and measurements). */
    enum Decoding {
        /**
         * Every chunk through parquet-java's column reader ({@link ColumnDecoders}), the file hashed in one pass and
         * its chunks read in another.
         */
        GENERAL,
        /**
         * Chunks {@link FastChunkDecoder} covers decoded by it, the rest (and any it fails on) through the general
         * path; a file of at most {@link #WHOLE_FILE_LIMIT} bytes read into memory once.
         */
        FAST,
        /** As {@link #FAST}, but a chunk the fast decoder does not cover fails the read (to prove it is used). */
        FAST_ONLY
    }

    private MeterDataParquetReader() {}

    /**
     * Reads a file for one settlement date; row ids are the 1-based row numbers.
     *
     * @param deliveredAt receipt time of rows without one (whole microseconds)
     * @throws MeterDataFileException if the file cannot be read, is not valid Parquet or breaks the schema
     */
    public static MeterDataFile read(Path file, SettlementDate date, Instant deliveredAt) {
        return read(file, date, deliveredAt, 0);
    }

    /**
     * Reads a file for one settlement date, with row ids {@code rowIdBase + row number} (so that reads of several
     * files can be combined with distinct ids).
     *
     * @param deliveredAt receipt time of rows without one (whole microseconds)
     * @throws MeterDataFileException if the file cannot be read, is not valid Parquet or breaks the schema
     * @throws IllegalArgumentException if {@code deliveredAt} is finer than a microsecond
     */
    public static MeterDataFile read(Path file, SettlementDate date, Instant deliveredAt, long rowIdBase) {
        return read(file, date, deliveredAt, rowIdBase, rowGroup -> true, true);
    }

    /**
     * Reads the chosen row groups of a file for one settlement date, with row ids {@code rowIdBase + row number} (row
     * numbers count the rows of the row groups left out too, so a row keeps its number however the file is read).
     * The statistics count the rows of the chosen row groups; their SHA-256 is empty unless {@code hash} (the whole
     * file is then hashed, as in a whole read).
     *
     * @param rowGroups which row groups to read, by 0-based index (see {@link #rowGroups(Path)})
     * @throws MeterDataFileException if the file cannot be read, is not valid Parquet or breaks the schema
     */
    public static MeterDataFile read(
            Path file,
            SettlementDate date,
            Instant deliveredAt,
            long rowIdBase,
            java.util.function.IntPredicate rowGroups,
            boolean hash) {
        return read(file, date, deliveredAt, rowIdBase, rowGroups, hash, Decoding.FAST);
    }

    /**
     * As {@link #read(Path, SettlementDate, Instant, long, java.util.function.IntPredicate, boolean)}, appending the
     * accepted rows to {@code into} (from its current size on) instead of new arrays; the read's {@link
     * MeterDataFile#reads()} are then all of {@code into}'s rows, those of earlier reads included.
     */
    public static MeterDataFile read(
            Path file,
            SettlementDate date,
            Instant deliveredAt,
            long rowIdBase,
            java.util.function.IntPredicate rowGroups,
            boolean hash,
            MeterReadColumns into) {
        return read(file, date, deliveredAt, rowIdBase, rowGroups, hash, Decoding.FAST, into);
    }

    /** {@link #read(Path, SettlementDate, Instant, long)} with the given decoding. */
    static MeterDataFile read(Path file, SettlementDate date, Instant deliveredAt, long rowIdBase, Decoding decoding) {
        return read(file, date, deliveredAt, rowIdBase, rowGroup -> true, true, decoding);
    }

    /**
     * {@link #read(Path, SettlementDate, Instant, long, java.util.function.IntPredicate, boolean)} with the given
     * decoding: a hashed file of at most {@link #WHOLE_FILE_LIMIT} bytes is read into memory once, hashed and decoded
     * from there; otherwise the chosen row groups' chunks are read from the file.
     */
    static MeterDataFile read(
            Path file,
            SettlementDate date,
            Instant deliveredAt,
            long rowIdBase,
            java.util.function.IntPredicate rowGroups,
            boolean hash,
            Decoding decoding) {
        return read(file, date, deliveredAt, rowIdBase, rowGroups, hash, decoding, null);
    }

    private static MeterDataFile read(
            Path file,
            SettlementDate date,
            Instant deliveredAt,
            long rowIdBase,
            java.util.function.IntPredicate rowGroups,
            boolean hash,
            Decoding decoding,
            @Nullable MeterReadColumns into) {
        long deliveredMicros = micros(deliveredAt);
        String name = String.valueOf(file.getFileName());
        long size;
        String sha256;
        byte @Nullable [] whole = null;
        try {
            size = java.nio.file.Files.size(file);
            if (hash && decoding != Decoding.GENERAL && size <= WHOLE_FILE_LIMIT) {
                whole = readAll(file, (int) size);
                sha256 = sha256(whole);
            } else {
                sha256 = hash ? sha256(file) : "";
            }
        } catch (IOException e) {
            throw new MeterDataFileException(name, null, "cannot be read (" + e + ")", e);
        }
        try (FileChannel channel = whole == null ? FileChannel.open(file, StandardOpenOption.READ) : null) {
            FileBytes bytes = bytesOf(whole, channel);
            ParquetMetadata footer = footer(name, bytes, size);
            return new FileRead(name, bytes, footer, date, deliveredMicros, rowIdBase, rowGroups, decoding, into)
                    .read(sha256, size);
        } catch (MeterDataFileException e) {
            throw e;
        } catch (java.io.UncheckedIOException e) {
            Throwable cause = java.util.Objects.requireNonNullElse(e.getCause(), e);
            throw new MeterDataFileException(
                    name, null, "is not a valid Parquet file or is corrupt (" + problem(cause) + ")", cause);
        } catch (IOException | RuntimeException e) {
            throw new MeterDataFileException(
                    name, null, "is not a valid Parquet file or is corrupt (" + problem(e) + ")", e);
        }
    }

    /**
     * A row group of a meter-data file as the footer describes it: where its rows start, how many it has, and the
     * range of its MPANs when the statistics prove every row has an MPAN in that range (no nulls).
     *
     * @param firstRow the number of rows before it in the file
     * @param mpanRangeKnown whether {@code [minMpan, maxMpan]} holds every row's MPAN; when false the range is the
     *     whole of {@code long}
     */
    public record RowGroup(int index, long firstRow, long rows, long minMpan, long maxMpan, boolean mpanRangeKnown) {

        /** Whether a row of this row group may have an MPAN in {@code [from, to]}. */
        public boolean mayHold(long from, long to) {
            return minMpan <= to && maxMpan >= from;
        }

        /** Whether a row of this row group may have one of the {@code ascending} MPANs. */
        public boolean mayHoldOneOf(long[] ascending) {
            int at = Arrays.binarySearch(ascending, minMpan);
            int first = at >= 0 ? at : -at - 1;
            return first < ascending.length && mayHold(ascending[first], ascending[first]);
        }
    }

    /**
     * The earliest settlement date the footer's statistics give for a date-and-period file ({@code settlement_date}'s
     * minimum over the row groups), or empty if the file has the UTC layout or no such statistics: a hint of the date
     * to read a file for first, from the footer alone.
     *
     * @throws MeterDataFileException if the file cannot be read, is not valid Parquet or breaks the schema
     */
    public static java.util.Optional<LocalDate> firstSettlementDate(Path file) {
        String name = String.valueOf(file.getFileName());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetMetadata footer = footer(name, bytesOf(null, channel), channel.size());
            MeterDataSchema schema =
                    MeterDataSchema.of(name, footer.getFileMetaData().getSchema());
            ColumnDescriptor date = schema.date;
            if (date == null) {
                return java.util.Optional.empty();
            }
            Integer min = null;
            for (BlockMetaData block : footer.getBlocks()) {
                for (ColumnChunkMetaData m : block.getColumns()) {
                    if (Arrays.equals(m.getPath().toArray(), date.getPath())
                            && m.getStatistics() instanceof org.apache.parquet.column.statistics.IntStatistics st
                            && !st.isEmpty()
                            && st.hasNonNullValue()) {
                        min = min == null ? st.getMin() : Math.min(min, st.getMin());
                    }
                }
            }
            return min == null ? java.util.Optional.empty() : java.util.Optional.of(LocalDate.ofEpochDay(min));
        } catch (MeterDataFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MeterDataFileException(
                    name, null, "is not a valid Parquet file or is corrupt (" + problem(e) + ")", e);
        }
    }

    /**
     * The row groups of a file, from its footer alone.
     *
     * @throws MeterDataFileException if the file cannot be read, is not valid Parquet or breaks the schema
     */
    public static List<RowGroup> rowGroups(Path file) {
        String name = String.valueOf(file.getFileName());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetMetadata footer = footer(name, bytesOf(null, channel), channel.size());
            MeterDataSchema schema =
                    MeterDataSchema.of(name, footer.getFileMetaData().getSchema());
            List<RowGroup> out = new ArrayList<>();
            long first = 0;
            for (BlockMetaData block : footer.getBlocks()) {
                long min = Long.MIN_VALUE;
                long max = Long.MAX_VALUE;
                boolean known = false;
                for (ColumnChunkMetaData m : block.getColumns()) {
                    if (Arrays.equals(m.getPath().toArray(), schema.mpan.getPath())) {
                        org.apache.parquet.column.statistics.Statistics<?> s = m.getStatistics();
                        if (s instanceof org.apache.parquet.column.statistics.LongStatistics l
                                && !l.isEmpty()
                                && l.hasNonNullValue()
                                && l.isNumNullsSet()
                                && l.getNumNulls() == 0
                                && l.getMin() <= l.getMax()) {
                            min = l.getMin();
                            max = l.getMax();
                            known = true;
                        }
                    }
                }
                out.add(new RowGroup(out.size(), first, block.getRowCount(), min, max, known));
                first += block.getRowCount();
            }
            return out;
        } catch (MeterDataFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MeterDataFileException(
                    name, null, "is not a valid Parquet file or is corrupt (" + problem(e) + ")", e);
        }
    }

    /**
     * What went wrong, for the message recorded with a rejected file: the exception as text without the object
     * identities some libraries append (Thrift's {@code Struct: ...PageHeaderStandardScheme@60739eca}), so the same
     * bytes always give the same message.
     */
    static String problem(Throwable e) {
        return String.valueOf(e).replaceAll("\\s*Struct: \\S+@\\p{XDigit}+", "").replaceAll("@\\p{XDigit}{6,}\\b", "");
    }

    /** Reads bytes of the file at a position. */
    @FunctionalInterface
    private interface FileBytes {
        /** Fills {@code buffer} from {@code position} on. */
        void read(ByteBuffer buffer, long position) throws IOException;

        /** The file's bytes in memory, or null if they are read from the file as needed. */
        default byte @Nullable [] whole() {
            return null;
        }
    }

    private static FileBytes bytesOf(byte @Nullable [] whole, @Nullable FileChannel channel) {
        if (whole == null) {
            FileChannel c = java.util.Objects.requireNonNull(channel);
            return (buffer, position) -> readFully(c, buffer, position);
        }
        return new FileBytes() {
            @Override
            public void read(ByteBuffer buffer, long position) throws IOException {
                int n = buffer.remaining();
                if (position < 0 || position + n > whole.length) {
                    throw new IOException("unexpected end of file at byte " + Math.max(position, whole.length));
                }
                buffer.put(whole, (int) position, n);
            }

            @Override
            public byte[] whole() {
                return whole;
            }
        };
    }

    /** Reads and parses the footer: {@code PAR1}, ..., Thrift file metadata, its length, {@code PAR1}. */
    private static ParquetMetadata footer(String name, FileBytes channel, long size) throws IOException {
        if (size < 12) {
            throw new MeterDataFileException(name, null, "is not a Parquet file: only " + size + " bytes", null);
        }
        ByteBuffer head = ByteBuffer.allocate(4);
        channel.read(head, 0);
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(tail, size - 8);
        String headMagic = new String(head.array(), StandardCharsets.US_ASCII);
        String tailMagic = new String(tail.array(), 4, 4, StandardCharsets.US_ASCII);
        if (tailMagic.equals("PARE")) {
            throw new MeterDataFileException(name, null, "is an encrypted Parquet file, which is not supported", null);
        }
        if (!headMagic.equals(MAGIC) || !tailMagic.equals(MAGIC)) {
            throw new MeterDataFileException(
                    name, null, "is not a Parquet file or is truncated (no PAR1 magic at its start and end)", null);
        }
        int length = tail.getInt(0);
        if (length <= 0 || length > size - 12) {
            throw new MeterDataFileException(
                    name, null, "is corrupt or truncated: footer length " + length + " in a file of " + size, null);
        }
        ByteBuffer footer = ByteBuffer.allocate(length);
        channel.read(footer, size - 8 - length);
        return new ParquetMetadataConverter()
                .readParquetMetadata(new ByteArrayInputStream(footer.array()), ParquetMetadataConverter.NO_FILTER);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    /** The reading of one file. */
    private static final class FileRead {
        private final String file;
        private final FileBytes bytes;
        private final Decoding decoding;
        private final FastChunkDecoder.Scratch scratch = new FastChunkDecoder.Scratch();
        private final ParquetMetadata footer;
        private final SettlementDate date;
        private final long deliveredMicros;
        private final long rowIdBase;
        private final java.util.function.IntPredicate rowGroups;
        private final MeterDataSchema schema;
        private final VersionParser.@Nullable ParsedVersion writer;
        private final String createdBy;
        private final long dateStartMicros;
        private final long dateEndMicros;
        private final List<RejectedRow> rejected = new ArrayList<>();
        private final TreeSet<LocalDate> otherDates = new TreeSet<>();
        private final BitSet otherDateRows = new BitSet();

        // output columns, for the whole file; a row group is decoded at the write position, then compacted
        private final MeterReadColumns out;
        private final int first;
        // the output columns, refreshed from out as it grows; a row group is decoded at the write position, then
        // compacted
        private long[] mpan;
        private byte[] mq;
        private int[] period;
        private long[] wh;
        private byte[] quality;
        private long[] receivedAt;
        private long[] rowId;
        private int written;

        // what is known of the row being checked, for its rejection
        private long rejRow;
        private long rejMpan;
        private int rejPeriod;
        private long rejWh;

        // per row group
        private int[] flags = new int[0];
        private int[] dateDays = new int[0];
        private long[] utcStart = new long[0];
        private final Map<Integer, String> mqText = new HashMap<>();
        private final Map<Integer, String> qualityText = new HashMap<>();
        private final Map<Integer, String> kwhText = new HashMap<>();
        private final Map<Integer, String> periodText = new HashMap<>();
        private final Map<Integer, String> utcText = new HashMap<>();
        private final Map<Integer, String> receivedText = new HashMap<>();

        FileRead(
                String file,
                FileBytes bytes,
                ParquetMetadata footer,
                SettlementDate date,
                long deliveredMicros,
                long rowIdBase,
                java.util.function.IntPredicate rowGroups,
                Decoding decoding,
                @Nullable MeterReadColumns into) {
            this.file = file;
            this.rowGroups = rowGroups;
            this.bytes = bytes;
            this.decoding = decoding;
            this.footer = footer;
            this.date = date;
            this.deliveredMicros = deliveredMicros;
            this.rowIdBase = rowIdBase;
            this.schema = MeterDataSchema.of(file, footer.getFileMetaData().getSchema());
            String by = footer.getFileMetaData().getCreatedBy();
            this.createdBy = by == null ? "" : by;
            this.writer = parseVersion(createdBy);
            this.dateStartMicros = micros(date.startUtc());
            this.dateEndMicros = micros(date.endUtc());
            long rows = 0;
            int index = 0;
            for (BlockMetaData block : footer.getBlocks()) {
                if (rowGroups.test(index++)) {
                    rows += block.getRowCount();
                }
            }
            if (rows > Integer.MAX_VALUE - 16) {
                throw new MeterDataFileException(
                        file, null, "has " + rows + " rows, more than one read can hold", null);
            }
            int n = (int) rows;
            this.out = into != null ? into : new MeterReadColumns(n);
            this.first = out.size;
            this.written = out.size;
            out.ensure((long) written + n);
            refresh();
        }

        private void refresh() {
            mpan = out.mpan;
            mq = out.mq;
            period = out.period;
            wh = out.wh;
            quality = out.quality;
            receivedAt = out.receivedAt;
            rowId = out.rowId;
        }

        MeterDataFile read(String sha256, long size) throws IOException {
            long rowsRead = 0;
            long rowsBefore = 0;
            int index = 0;
            for (BlockMetaData block : footer.getBlocks()) {
                int n = (int) block.getRowCount();
                if (n > 0 && rowGroups.test(index)) {
                    Map<ColumnDescriptor, Chunk> pages = pages(block, index, size);
                    decode(pages, n);
                    validate(n, rowsBefore);
                    rowsRead += n;
                }
                rowsBefore += n;
                index++;
            }
            out.size = written;
            MeterReads reads = out.reads();
            MeterDataStats stats = new MeterDataStats(
                    rowsRead, written - first, rejected.size(), sha256, schema.layout, index, size, createdBy);
            return new MeterDataFile(file, reads, rejected, stats, otherDates, otherDateRows);
        }

        /** The needed column chunks of one row group, each read from the file in one piece (or found in memory). */
        private Map<ColumnDescriptor, Chunk> pages(BlockMetaData block, int index, long size) throws IOException {
            Map<ColumnDescriptor, Chunk> pages = new HashMap<>();
            for (ColumnDescriptor c : schema.columns()) {
                ColumnChunkMetaData chunk = null;
                for (ColumnChunkMetaData m : block.getColumns()) {
                    if (Arrays.equals(m.getPath().toArray(), c.getPath())) {
                        chunk = m;
                    }
                }
                String column = c.getPath()[0];
                if (chunk == null) {
                    throw new MeterDataFileException(file, column, "row group " + index + " has no chunk", null);
                }
                if (chunk.getValueCount() != block.getRowCount()) {
                    throw new MeterDataFileException(
                            file,
                            column,
                            "row group " + index + " has " + chunk.getValueCount() + " values for "
                                    + block.getRowCount() + " rows",
                            null);
                }
                long start = chunk.getStartingPos();
                long length = chunk.getTotalSize();
                if (start < 4 || length < 0 || length > Integer.MAX_VALUE - 16 || start + length > size - 8) {
                    throw new MeterDataFileException(
                            file,
                            column,
                            "is corrupt or truncated: the chunk of row group " + index + " (bytes " + start + " to "
                                    + (start + length) + ") lies outside the file of " + size + " bytes",
                            null);
                }
                byte[] whole = bytes.whole();
                if (whole != null) {
                    pages.put(
                            c, new Chunk(c, whole, (int) start, (int) length, chunk.getCodec(), chunk.getValueCount()));
                } else {
                    ByteBuffer buffer = ByteBuffer.allocate((int) length);
                    bytes.read(buffer, start);
                    pages.put(
                            c, new Chunk(c, buffer.array(), 0, (int) length, chunk.getCodec(), chunk.getValueCount()));
                }
            }
            return pages;
        }

        private ColumnReader columnReader(
                Map<ColumnDescriptor, Chunk> pages, ColumnDescriptor c, PrimitiveConverter converter) {
            Chunk chunk = chunk(pages, c);
            try {
                PageReader p = new ChunkPageReader(
                        c, chunk.bytes(), chunk.offset(), chunk.length(), chunk.codec(), chunk.valueCount());
                return new ColumnReaderImpl(c, p, converter, writer);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static Chunk chunk(Map<ColumnDescriptor, Chunk> pages, ColumnDescriptor c) {
            Chunk chunk = pages.get(c);
            if (chunk == null) {
                throw new IllegalStateException(c.toString());
            }
            return chunk;
        }

        /**
         * Decodes a chunk with the fast decoder if it covers it; returns false (with the column's null and overflow
         * bits and texts of this row group cleared) if the general path must decode it.
         */
        private boolean fast(
                Map<ColumnDescriptor, Chunk> pages,
                ColumnDescriptor c,
                int n,
                int bits,
                @Nullable Map<Integer, String> text,
                FastDecode action) {
            if (decoding == Decoding.GENERAL) {
                return false;
            }
            Chunk chunk = chunk(pages, c);
            String failure;
            try {
                FastChunkDecoder d = FastChunkDecoder.of(
                        c, chunk.bytes(), chunk.offset(), chunk.length(), chunk.codec(), chunk.valueCount(), scratch);
                if (d != null) {
                    action.decode(d);
                    return true;
                }
                failure = "is not covered by the fast decoder";
            } catch (IOException | RuntimeException e) {
                // the general path reads the chunk again and reports what is wrong with it
                failure = "failed in the fast decoder (" + e + ")";
            }
            for (int i = 0; i < n; i++) {
                flags[i] &= ~bits;
            }
            if (text != null) {
                text.clear();
            }
            if (decoding == Decoding.FAST_ONLY) {
                throw new IllegalStateException("column " + c.getPath()[0] + " " + failure);
            }
            return false;
        }

        /** Decodes the row group's columns: raw values at {@code [written, written + n)}, nulls in flags. */
        private void decode(Map<ColumnDescriptor, Chunk> pages, int n) {
            if (flags.length < n) {
                flags = new int[n];
            } else {
                Arrays.fill(flags, 0, n, 0);
            }
            mqText.clear();
            qualityText.clear();
            kwhText.clear();
            periodText.clear();
            utcText.clear();
            receivedText.clear();
            PrimitiveConverter plain = new PrimitiveConverter() {};
            int off = written;

            if (!fast(pages, schema.mpan, n, MPAN_NULL, null, d -> d.longs(n, mpan, off, flags, MPAN_NULL))) {
                ColumnDecoders.longs(columnReader(pages, schema.mpan, plain), n, mpan, off, flags, MPAN_NULL);
            }

            if (!fast(pages, schema.mq, n, MQ_NULL, mqText, d -> d.codes(n, mq, off, flags, MQ_NULL, true, mqText))) {
                CodeConverter mqCodes = new CodeConverter(true, mqText);
                mqCodes.output(mq);
                ColumnDecoders.converted(columnReader(pages, schema.mq, mqCodes), n, mqCodes, off, flags, MQ_NULL);
            }

            if (!fast(
                    pages,
                    schema.quality,
                    n,
                    QUALITY_NULL,
                    qualityText,
                    d -> d.codes(n, quality, off, flags, QUALITY_NULL, false, qualityText))) {
                CodeConverter qualityCodes = new CodeConverter(false, qualityText);
                qualityCodes.output(quality);
                ColumnDecoders.converted(
                        columnReader(pages, schema.quality, qualityCodes), n, qualityCodes, off, flags, QUALITY_NULL);
            }

            PrimitiveTypeName kwhType = schema.kwh.getPrimitiveType().getPrimitiveTypeName();
            if (kwhType == PrimitiveTypeName.INT64) {
                if (!fast(pages, schema.kwh, n, KWH_NULL, null, d -> d.longs(n, wh, off, flags, KWH_NULL))) {
                    ColumnDecoders.longs(columnReader(pages, schema.kwh, plain), n, wh, off, flags, KWH_NULL);
                }
            } else if (kwhType == PrimitiveTypeName.INT32) {
                if (!fast(pages, schema.kwh, n, KWH_NULL, null, d -> d.longs(n, wh, off, flags, KWH_NULL))) {
                    ColumnDecoders.intsToLongs(columnReader(pages, schema.kwh, plain), n, wh, off, flags, KWH_NULL);
                }
            } else {
                LongConverter decimals = new LongConverter(false, schema.kwhScale, KWH_OVERFLOW, kwhText);
                decimals.output(wh);
                ColumnDecoders.converted(columnReader(pages, schema.kwh, decimals), n, decimals, off, flags, KWH_NULL);
            }

            ColumnDescriptor dateColumn = schema.date;
            ColumnDescriptor periodColumn = schema.period;
            ColumnDescriptor utcColumn = schema.utcStart;
            if (dateColumn != null && periodColumn != null) {
                if (dateDays.length < n) {
                    dateDays = new int[n];
                }
                int[] days = dateDays;
                if (!fast(pages, dateColumn, n, DATE_NULL, null, d -> d.ints(n, days, 0, flags, DATE_NULL))) {
                    ColumnDecoders.ints(columnReader(pages, dateColumn, plain), n, dateDays, 0, flags, DATE_NULL);
                }
                boolean int64 = periodColumn.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
                boolean fastPeriod = !int64
                        && !schema.periodUnsigned
                        && fast(
                                pages,
                                periodColumn,
                                n,
                                PERIOD_NULL | PERIOD_OVERFLOW,
                                periodText,
                                d -> d.ints(n, period, off, flags, PERIOD_NULL));
                if (!fastPeriod) {
                    ColumnDecoders.narrowInts(
                            columnReader(pages, periodColumn, plain),
                            int64,
                            schema.periodUnsigned,
                            n,
                            period,
                            off,
                            flags,
                            PERIOD_NULL,
                            PERIOD_OVERFLOW,
                            periodText);
                }
            } else if (utcColumn != null) {
                if (utcStart.length < n) {
                    utcStart = new long[n];
                }
                timestamps(pages, utcColumn, schema.utcStartUnit, n, utcStart, 0, PERIOD_NULL, UTC_OVERFLOW, utcText);
            }
            ColumnDescriptor receivedColumn = schema.receivedAt;
            if (receivedColumn == null) {
                for (int i = 0; i < n; i++) {
                    flags[i] |= RECEIVED_NULL;
                }
            } else {
                timestamps(
                        pages,
                        receivedColumn,
                        schema.receivedAtUnit,
                        n,
                        receivedAt,
                        off,
                        RECEIVED_NULL,
                        RECEIVED_OVERFLOW,
                        receivedText);
            }
        }

        private void timestamps(
                Map<ColumnDescriptor, Chunk> pages,
                ColumnDescriptor c,
                TimeUnit unit,
                int n,
                long[] out,
                int off,
                int nullBit,
                int overflowBit,
                Map<Integer, String> text) {
            if (unit == TimeUnit.INT96) {
                LongConverter int96 = new LongConverter(true, 0, overflowBit, text);
                int96.output(out);
                ColumnDecoders.converted(columnReader(pages, c, int96), n, int96, off, flags, nullBit);
            } else if (!fast(pages, c, n, nullBit, null, d -> d.longs(n, out, off, flags, nullBit))) {
                ColumnDecoders.longs(columnReader(pages, c, new PrimitiveConverter() {}), n, out, off, flags, nullBit);
            }
        }

        /** Checks the decoded rows, keeping the good ones (compacted to the write position) and rejecting the rest. */
        private void validate(int n, long rowsBefore) {
            int w = written;
            int base = written;
            int kwhScale = schema.kwhScale;
            boolean byUtc = schema.layout == MeterDataLayout.UTC_PERIOD_START;
            TimeUnit utcUnit = schema.utcStartUnit;
            TimeUnit receivedUnit = schema.receivedAtUnit;
            int epochDay = date.epochDay();
            // the common row (date-and-period layout, nothing null or out of range but perhaps the receipt time) is
            // accepted in one test; any other row takes the checks below in their order, to name its rule
            boolean common = !byUtc && kwhScale <= 3;
            long kwhFactor = common ? POW10[3 - kwhScale] : 1;
            long kwhLimit = MAX_WH / kwhFactor;
            for (int i = 0; i < n; i++) {
                int src = base + i;
                int f = flags[i];
                long row = rowsBefore + i + 1;
                if (common && (f & ~RECEIVED_NULL) == 0) {
                    long m = mpan[src];
                    long rawKwh = wh[src];
                    long received =
                            (f & RECEIVED_NULL) != 0 ? deliveredMicros : toMicros(receivedAt[src], receivedUnit);
                    if (m >= 0
                            && m < MPAN_LIMIT
                            && mq[src] != ColumnDecoders.UNKNOWN
                            && quality[src] != ColumnDecoders.UNKNOWN
                            && dateDays[i] == epochDay
                            && rawKwh <= kwhLimit
                            && rawKwh >= -kwhLimit
                            && received != Long.MIN_VALUE) {
                        mpan[w] = m;
                        mq[w] = mq[src];
                        period[w] = period[src];
                        wh[w] = rawKwh * kwhFactor;
                        quality[w] = quality[src];
                        receivedAt[w] = received;
                        rowId[w] = rowIdBase + row;
                        w++;
                        continue;
                    }
                }
                rejRow = row;
                rejMpan = 0;
                rejPeriod = 0;
                rejWh = 0;

                // kWh first, so that a row rejected for another field still carries its value
                long rawKwh = wh[src];
                long valueWh = 0;
                String kwhProblem = null;
                if ((f & KWH_NULL) != 0) {
                    kwhProblem = "is null";
                } else if ((f & KWH_OVERFLOW) != 0) {
                    kwhProblem = "'" + kwhText.get(i) + "' is too large for a half-hourly value";
                } else if (kwhScale <= 3) {
                    long factor = POW10[3 - kwhScale];
                    if (rawKwh > MAX_WH / factor || rawKwh < -(MAX_WH / factor)) {
                        kwhProblem = "'" + kwhText(rawKwh) + "' is too large for a half-hourly value";
                    } else {
                        valueWh = rawKwh * factor;
                    }
                } else {
                    long divisor = POW10[kwhScale - 3];
                    if (rawKwh % divisor != 0) {
                        kwhProblem = "'" + kwhText(rawKwh) + "' has more than 3 decimal places";
                    } else if (Math.abs(rawKwh / divisor) > MAX_WH) {
                        kwhProblem = "'" + kwhText(rawKwh) + "' is too large for a half-hourly value";
                    } else {
                        valueWh = rawKwh / divisor;
                    }
                }
                if (kwhProblem == null) {
                    rejWh = valueWh;
                }

                long m = mpan[src];
                if ((f & MPAN_NULL) != 0) {
                    reject(MeterDataSchema.MPAN, "", QuarantineReason.BAD_MPAN, "is null");
                    continue;
                }
                if (m < 0 || m >= MPAN_LIMIT) {
                    reject(
                            MeterDataSchema.MPAN,
                            Long.toString(m),
                            QuarantineReason.BAD_MPAN,
                            "'" + m + "' is not 13 digits");
                    continue;
                }
                rejMpan = m;

                byte q = mq[src];
                if ((f & MQ_NULL) != 0) {
                    reject(MeterDataSchema.MQ, "", QuarantineReason.WRONG_MQ, "is null");
                    continue;
                }
                if (q == ColumnDecoders.UNKNOWN) {
                    String t = String.valueOf(mqText.get(i));
                    reject(MeterDataSchema.MQ, t, QuarantineReason.WRONG_MQ, "'" + t + "' is not AI or AE");
                    continue;
                }

                int p;
                if (byUtc) {
                    p = utcPeriod(i, f, utcUnit);
                } else {
                    p = datePeriod(i, src, f, epochDay);
                }
                if (p == Integer.MIN_VALUE) {
                    continue;
                }
                rejPeriod = p;

                byte qc = quality[src];
                if ((f & QUALITY_NULL) != 0) {
                    reject(MeterDataSchema.QUALITY, "", QuarantineReason.BAD_VALUE, "is null");
                    continue;
                }
                if (qc == ColumnDecoders.UNKNOWN) {
                    String t = String.valueOf(qualityText.get(i));
                    reject(MeterDataSchema.QUALITY, t, QuarantineReason.BAD_VALUE, "Quality '" + t + "' is not A or E");
                    continue;
                }

                if (kwhProblem != null) {
                    String value = (f & KWH_NULL) != 0
                            ? ""
                            : (f & KWH_OVERFLOW) != 0 ? String.valueOf(kwhText.get(i)) : kwhText(rawKwh);
                    reject(MeterDataSchema.KWH, value, QuarantineReason.BAD_VALUE, kwhProblem);
                    continue;
                }

                long received = deliveredMicros;
                if ((f & RECEIVED_NULL) == 0) {
                    long raw = receivedAt[src];
                    String problem = null;
                    if ((f & RECEIVED_OVERFLOW) != 0) {
                        problem = "'" + receivedText.get(i) + "' is out of range";
                    } else {
                        received = toMicros(raw, receivedUnit);
                        if (received == Long.MIN_VALUE) {
                            problem = receivedUnit == TimeUnit.MILLIS
                                    ? "'" + raw + "' milliseconds is out of range"
                                    : "'" + instantText(raw, receivedUnit) + "' is finer than a microsecond";
                        }
                    }
                    if (problem != null) {
                        String value = (f & RECEIVED_OVERFLOW) != 0
                                ? String.valueOf(receivedText.get(i))
                                : instantText(raw, receivedUnit);
                        reject(MeterDataSchema.RECEIVED_AT, value, QuarantineReason.BAD_VALUE, problem);
                        continue;
                    }
                }

                mpan[w] = m;
                mq[w] = q;
                period[w] = p;
                wh[w] = valueWh;
                quality[w] = qc;
                receivedAt[w] = received;
                rowId[w] = rowIdBase + row;
                w++;
            }
            written = w;
        }

        /** The period of a date-and-period row, or {@link Integer#MIN_VALUE} if the row was rejected. */
        private int datePeriod(int i, int src, int f, int epochDay) {
            if ((f & DATE_NULL) != 0) {
                reject(MeterDataSchema.DATE, "", QuarantineReason.BAD_PERIOD, "is null");
                return Integer.MIN_VALUE;
            }
            if ((f & PERIOD_NULL) != 0) {
                reject(MeterDataSchema.PERIOD, "", QuarantineReason.BAD_PERIOD, "is null");
                return Integer.MIN_VALUE;
            }
            if ((f & PERIOD_OVERFLOW) != 0) {
                String t = String.valueOf(periodText.get(i));
                reject(MeterDataSchema.PERIOD, t, QuarantineReason.BAD_PERIOD, "'" + t + "' is out of range");
                return Integer.MIN_VALUE;
            }
            int d = dateDays[i];
            if (d != epochDay) {
                LocalDate other = LocalDate.ofEpochDay(d);
                otherDates.add(other);
                otherDateRows.set((int) rejRow);
                String t = other.toString();
                reject(
                        MeterDataSchema.DATE,
                        t,
                        QuarantineReason.BAD_PERIOD,
                        "'" + t + "' is not the settlement date " + date + " being read");
                return Integer.MIN_VALUE;
            }
            return period[src];
        }

        /** The period of a UTC-layout row, or {@link Integer#MIN_VALUE} if the row was rejected. */
        private int utcPeriod(int i, int f, TimeUnit unit) {
            String field = MeterDataSchema.UTC_START;
            if ((f & PERIOD_NULL) != 0) {
                reject(field, "", QuarantineReason.BAD_PERIOD, "is null");
                return Integer.MIN_VALUE;
            }
            if ((f & UTC_OVERFLOW) != 0) {
                String t = String.valueOf(utcText.get(i));
                reject(field, t, QuarantineReason.BAD_PERIOD, "'" + t + "' is out of range");
                return Integer.MIN_VALUE;
            }
            long raw = utcStart[i];
            long t = toMicros(raw, unit);
            if (t == Long.MIN_VALUE || Math.floorMod(t, HALF_HOUR_MICROS) != 0) {
                String text = instantText(raw, unit);
                reject(field, text, QuarantineReason.BAD_PERIOD, "'" + text + "' is not on a half-hour boundary");
                return Integer.MIN_VALUE;
            }
            if (t < dateStartMicros || t >= dateEndMicros) {
                String text = instantText(raw, unit);
                String starts;
                try {
                    SettlementHalfHour halfHour = SettlementHalfHour.ofUtcStart(instant(t));
                    otherDates.add(halfHour.date().date());
                    otherDateRows.set((int) rejRow);
                    starts = "starts " + halfHour;
                } catch (RuntimeException e) {
                    starts = "is outside every settlement date";
                }
                reject(
                        field,
                        text,
                        QuarantineReason.BAD_PERIOD,
                        "'" + text + "' " + starts + ", not a period of " + date);
                return Integer.MIN_VALUE;
            }
            return (int) ((t - dateStartMicros) / HALF_HOUR_MICROS) + 1;
        }

        private void reject(String field, String value, QuarantineReason reason, String message) {
            rejected.add(new RejectedRow(
                    file, rejRow, rowIdBase + rejRow, rejMpan, rejPeriod, field, value, reason, message, rejWh));
        }

        private String kwhText(long unscaled) {
            return BigDecimal.valueOf(unscaled, schema.kwhScale).toPlainString();
        }
    }

    /** The bytes of one column chunk, at {@code bytes[offset, offset + length)}. */
    private record Chunk(
            ColumnDescriptor column,
            byte[] bytes,
            int offset,
            int length,
            CompressionCodecName codec,
            long valueCount) {}

    /** A decoding of one chunk by the fast decoder. */
    @FunctionalInterface
    private interface FastDecode {
        void decode(FastChunkDecoder decoder) throws IOException;
    }

    /** A timestamp in microseconds, or {@link Long#MIN_VALUE} if it is finer than a microsecond or out of range. */
    private static long toMicros(long raw, TimeUnit unit) {
        return switch (unit) {
            case MICROS -> raw;
            case MILLIS -> raw > Long.MAX_VALUE / 1000 || raw < -Long.MAX_VALUE / 1000 ? Long.MIN_VALUE : raw * 1000;
            case NANOS, INT96 -> raw % 1000 != 0 ? Long.MIN_VALUE : raw / 1000;
        };
    }

    private static String instantText(long raw, TimeUnit unit) {
        return switch (unit) {
            case MICROS -> instant(raw).toString();
            case MILLIS -> Instant.ofEpochMilli(raw).toString();
            case NANOS, INT96 ->
                Instant.ofEpochSecond(Math.floorDiv(raw, 1_000_000_000L), Math.floorMod(raw, 1_000_000_000L))
                        .toString();
        };
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static long micros(Instant t) {
        if (t.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("'" + t + "' is finer than a microsecond");
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static VersionParser.@Nullable ParsedVersion parseVersion(String createdBy) {
        try {
            return VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] readAll(Path file, int size) throws IOException {
        byte[] bytes = new byte[size];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(channel, ByteBuffer.wrap(bytes), 0);
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** The SHA-256 of a file's bytes, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
