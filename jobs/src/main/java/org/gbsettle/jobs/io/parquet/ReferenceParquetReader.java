package org.gbsettle.jobs.io.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.csv.TextTable;
import org.jspecify.annotations.Nullable;

/**
 * Reader of a reference table delivered as a flat Parquet file (registrations, profile coefficients: the CSV's columns
 * with Parquet types) into a {@link TextTable}: every value rendered as the text it would have in the CSV (a null as
 * empty), so that the CSV parser's row rules check it. Row numbers are 1-based across row groups.
 *
 * <p>The file is read from memory through the same page reader as the meter data (no Hadoop): any encoding
 * (dictionary or plain), v1 or v2 data pages, the codecs of {@link ParquetCodecs}, REQUIRED or OPTIONAL columns. A
 * column missing, of a type its {@link ColumnType} does not accept, nested or repeated, or a column not in the table,
 * is a problem of the file naming the column and the type expected; so is a file that is not Parquet or is corrupt.
 * Reference data is not the per-reading hot path: a value is a {@code String}.
 */
public final class ReferenceParquetReader {

    private static final String MAGIC = "PAR1";

    /** The Parquet types a column accepts and how a value of each becomes the CSV's text. */
    public enum ColumnType {
        /** A UTF-8 string (binary, with or without the STRING or ENUM annotation). */
        STRING("string"),
        /** An MPAN core: int64 (rendered in decimal), or a string of 13 digits. */
        MPAN("int64 or string (13 digits)"),
        /** A whole number: int32 or int64 (signed or unsigned), or a string. */
        INTEGER("int32, int64 or string"),
        /**
         * A decimal number: decimal (any physical type, rendered in plain notation at its scale), double or float
         * (rendered as the shortest decimal that reads back to the same value), int32, int64, or a string.
         */
        NUMBER("decimal, double, int32, int64 or string"),
        /** A date: the DATE annotation on int32 (rendered {@code YYYY-MM-DD}), or a string {@code YYYY-MM-DD}. */
        DATE("date or string (YYYY-MM-DD)"),
        /** A flag: boolean (rendered {@code true}/{@code false}) or a string. */
        FLAG("boolean or string");

        private final String expected;

        ColumnType(String expected) {
            this.expected = expected;
        }

        /** The types accepted, as a message says them. */
        public String expected() {
            return expected;
        }
    }

    /**
     * The bytes of a Parquet file, read by position: held in memory, or read from disk a column chunk at a time so that
     * a file of hundreds of megabytes never lies in memory whole.
     */
    public interface Source {
        /** The file's size in bytes. */
        long size();

        /** {@code length} bytes from {@code position}. */
        byte[] read(long position, int length) throws IOException;

        /** Bytes in memory, not copied. */
        static Source of(byte[] bytes) {
            return new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public byte[] read(long position, int length) {
                    return Arrays.copyOfRange(bytes, (int) position, (int) position + length);
                }
            };
        }

        /** A file on disk of the given size, opened for each read. */
        static Source of(Path file, long size) {
            return new Source() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public byte[] read(long position, int length) throws IOException {
                    ByteBuffer buffer = ByteBuffer.allocate(length);
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                        while (buffer.hasRemaining()) {
                            if (channel.read(buffer, position + buffer.position()) < 0) {
                                throw new IOException("ends at " + (position + buffer.position()) + " bytes, not "
                                        + size + " (was it changed while being read?)");
                            }
                        }
                    }
                    return buffer.array();
                }
            };
        }
    }

    private ReferenceParquetReader() {}

    /**
     * The top-level column names of a Parquet file, for telling what it holds.
     *
     * @throws IllegalArgumentException if the bytes are not a readable Parquet file (the message says why)
     */
    public static List<String> columnNames(byte[] bytes) {
        return columnNames(Source.of(bytes));
    }

    /**
     * The top-level column names of a Parquet file, for telling what it holds.
     *
     * @throws IllegalArgumentException if the bytes are not a readable Parquet file (the message says why)
     */
    public static List<String> columnNames(Source bytes) {
        MessageType schema;
        try {
            schema = footer(bytes).getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(notParquet(e), e);
        }
        List<String> names = new ArrayList<>();
        for (Type t : schema.getFields()) {
            names.add(t.getName());
        }
        return names;
    }

    /**
     * Reads a file; every problem (of the file, its schema) is added to {@code problems}.
     *
     * @param file the file name for messages (a {@code .parquet} name, so that positions read as rows)
     * @param columns the table's columns in order, each with the types it accepts
     * @return the table, its columns in the order of {@code columns}; null if the file or its schema has a problem
     */
    public static @Nullable TextTable read(
            String file, byte[] bytes, Map<String, ColumnType> columns, Problems problems) {
        List<TextTable.Row> rows = new ArrayList<>();
        boolean read = read(file, Source.of(bytes), columns, problems, Integer.MAX_VALUE, t -> rows.addAll(t.rows()));
        return read ? new TextTable(file, List.copyOf(columns.keySet()), rows) : null;
    }

    /**
     * Reads a file a chunk of rows at a time, so that a file of millions of rows never lies in memory as text; every
     * problem (of the file, its schema) is added to {@code problems}. A file that turns out corrupt part way may have
     * handed on some chunks before its problem is added.
     *
     * @param file the file name for messages (a {@code .parquet} name, so that positions read as rows)
     * @param columns the table's columns in order, each with the types it accepts
     * @param chunkRows the most rows of a chunk (a chunk never spans two row groups)
     * @param chunk takes each chunk, in file order, its columns in the order of {@code columns}
     * @return whether the file was read to its end without a problem of the file or its schema
     */
    public static boolean read(
            String file,
            Source bytes,
            Map<String, ColumnType> columns,
            Problems problems,
            int chunkRows,
            Consumer<TextTable> chunk) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("A chunk holds at least one row, not " + chunkRows);
        }
        ParquetMetadata footer;
        try {
            footer = footer(bytes);
        } catch (IOException | RuntimeException e) {
            problems.add(file, 0, null, null, notParquet(e));
            return false;
        }
        MessageType schema = footer.getFileMetaData().getSchema();
        Map<String, ColumnDescriptor> descriptors = schema(file, schema, columns, problems);
        if (descriptors == null) {
            return false;
        }
        try {
            rows(file, bytes, footer, descriptors, columns, chunkRows, chunk);
            return true;
        } catch (IOException | RuntimeException e) {
            problems.add(file, 0, null, null, "is not a valid Parquet file or is corrupt (" + e + ")");
            return false;
        }
    }

    private static String notParquet(Exception e) {
        return e instanceof NotParquetException
                ? String.valueOf(e.getMessage())
                : "is not a valid Parquet file or is corrupt (" + e + ")";
    }

    /** The descriptors of the columns, checked; null after adding the problems if any column is wrong. */
    private static @Nullable Map<String, ColumnDescriptor> schema(
            String file, MessageType schema, Map<String, ColumnType> columns, Problems problems) {
        Map<String, ColumnDescriptor> out = new LinkedHashMap<>();
        int before = problems.size();
        List<String> present = new ArrayList<>();
        for (Type t : schema.getFields()) {
            present.add(t.getName());
            if (!columns.containsKey(t.getName())) {
                problems.add(
                        file,
                        0,
                        null,
                        t.getName(),
                        "unknown column; the columns are " + String.join(",", columns.keySet()));
            }
        }
        for (Map.Entry<String, ColumnType> e : columns.entrySet()) {
            String name = e.getKey();
            ColumnType type = e.getValue();
            if (!schema.containsField(name)) {
                problems.add(
                        file,
                        0,
                        null,
                        name,
                        "required column is missing (expected " + type.expected() + "); the file has columns "
                                + String.join(",", present));
                continue;
            }
            Type t = schema.getType(name);
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                problems.add(
                        file,
                        0,
                        null,
                        name,
                        "is " + (t.isPrimitive() ? "repeated" : "a group") + "; expected a flat " + type.expected()
                                + " column");
                continue;
            }
            PrimitiveType p = t.asPrimitiveType();
            if (!accepts(type, p)) {
                problems.add(file, 0, null, name, "has type " + describe(p) + "; expected " + type.expected());
                continue;
            }
            out.put(name, schema.getColumnDescription(new String[] {name}));
        }
        return problems.size() == before ? out : null;
    }

    private static boolean accepts(ColumnType type, PrimitiveType p) {
        PrimitiveTypeName physical = p.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (isString(p)) {
            return true;
        }
        boolean plainInteger = logical == null || logical instanceof IntLogicalTypeAnnotation;
        return switch (type) {
            case STRING -> false;
            case MPAN ->
                physical == PrimitiveTypeName.INT64
                        && (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned());
            case INTEGER ->
                (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64) && plainInteger;
            case NUMBER ->
                logical instanceof DecimalLogicalTypeAnnotation
                        || physical == PrimitiveTypeName.DOUBLE
                        || physical == PrimitiveTypeName.FLOAT
                        || (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64) && plainInteger;
            case DATE -> physical == PrimitiveTypeName.INT32 && logical instanceof DateLogicalTypeAnnotation;
            case FLAG -> physical == PrimitiveTypeName.BOOLEAN && logical == null;
        };
    }

    private static boolean isString(PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return p.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && (logical == null
                        || logical instanceof StringLogicalTypeAnnotation
                        || logical instanceof EnumLogicalTypeAnnotation);
    }

    /** The rows of every row group, values rendered as text, handed on in chunks of at most {@code chunkRows}. */
    private static void rows(
            String file,
            Source bytes,
            ParquetMetadata footer,
            Map<String, ColumnDescriptor> descriptors,
            Map<String, ColumnType> columns,
            int chunkRows,
            Consumer<TextTable> chunk)
            throws IOException {
        String createdBy = footer.getFileMetaData().getCreatedBy();
        VersionParser.@Nullable ParsedVersion writer = parseVersion(createdBy == null ? "" : createdBy);
        List<String> names = List.copyOf(columns.keySet());
        long rowNumber = 0;
        int index = 0;
        for (BlockMetaData block : footer.getBlocks()) {
            long n = block.getRowCount();
            ColumnReader[] readers = new ColumnReader[names.size()];
            for (int c = 0; c < names.size(); c++) {
                ColumnDescriptor d = descriptors.get(names.get(c));
                if (d == null) {
                    throw new IllegalStateException(names.get(c));
                }
                readers[c] =
                        new ColumnReaderImpl(d, pages(bytes, block, index, d), new PrimitiveConverter() {}, writer);
            }
            for (long done = 0; done < n; ) {
                int k = (int) Math.min(chunkRows, n - done);
                String[][] values = new String[names.size()][];
                for (int c = 0; c < names.size(); c++) {
                    values[c] = column(readers[c], k);
                }
                List<TextTable.Row> rows = new ArrayList<>(k);
                for (int i = 0; i < k; i++) {
                    String[] row = new String[names.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = values[c][i];
                    }
                    rows.add(new TextTable.Row(++rowNumber, Arrays.asList(row)));
                }
                chunk.accept(new TextTable(file, names, rows));
                done += k;
            }
            index++;
        }
    }

    private static ChunkPageReader pages(Source bytes, BlockMetaData block, int index, ColumnDescriptor c)
            throws IOException {
        ColumnChunkMetaData chunk = null;
        for (ColumnChunkMetaData m : block.getColumns()) {
            if (Arrays.equals(m.getPath().toArray(), c.getPath())) {
                chunk = m;
            }
        }
        String column = c.getPath()[0];
        if (chunk == null) {
            throw new IOException("row group " + index + " has no chunk of column " + column);
        }
        if (chunk.getValueCount() != block.getRowCount()) {
            throw new IOException("row group " + index + " has " + chunk.getValueCount() + " values of column " + column
                    + " for " + block.getRowCount() + " rows");
        }
        long start = chunk.getStartingPos();
        long length = chunk.getTotalSize();
        if (start < 4 || length < 0 || length > Integer.MAX_VALUE - 16 || start + length > bytes.size() - 8L) {
            throw new IOException("the chunk of column " + column + " in row group " + index + " (bytes " + start
                    + " to " + (start + length) + ") lies outside the file of " + bytes.size() + " bytes");
        }
        byte[] chunkBytes = bytes.read(start, (int) length);
        return new ChunkPageReader(c, chunkBytes, 0, chunkBytes.length, chunk.getCodec(), chunk.getValueCount());
    }

    /** The {@code n} values of a column chunk as text; a null is the empty string. */
    private static String[] column(ColumnReader r, int n) {
        ColumnDescriptor d = r.getDescriptor();
        PrimitiveType p = d.getPrimitiveType();
        int maxDef = d.getMaxDefinitionLevel();
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.getCurrentDefinitionLevel() == maxDef ? text(r, p) : "";
            r.consume();
        }
        return out;
    }

    /** The current value as the CSV's text. */
    private static String text(ColumnReader r, PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        boolean unsigned = logical instanceof IntLogicalTypeAnnotation i && !i.isSigned();
        int scale = logical instanceof DecimalLogicalTypeAnnotation dec ? dec.getScale() : -1;
        return switch (p.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY ->
                scale >= 0
                        ? new BigDecimal(new BigInteger(r.getBinary().getBytes()), scale).toPlainString()
                        : new String(r.getBinary().getBytes(), StandardCharsets.UTF_8);
            case INT32 -> {
                int v = r.getInteger();
                if (logical instanceof DateLogicalTypeAnnotation) {
                    yield date(v);
                }
                if (scale >= 0) {
                    yield BigDecimal.valueOf(v, scale).toPlainString();
                }
                yield unsigned ? Integer.toUnsignedString(v) : Integer.toString(v);
            }
            case INT64 -> {
                long v = r.getLong();
                if (scale >= 0) {
                    yield BigDecimal.valueOf(v, scale).toPlainString();
                }
                yield unsigned ? Long.toUnsignedString(v) : Long.toString(v);
            }
            case DOUBLE -> {
                double v = r.getDouble();
                yield floating(v, Double.toString(v));
            }
            case FLOAT -> {
                float v = r.getFloat();
                yield floating(v, Float.toString(v));
            }
            case BOOLEAN -> Boolean.toString(r.getBoolean());
            case INT96 -> throw new IllegalStateException("INT96 is accepted by no column type");
        };
    }

    /** A finite binary floating-point value in plain decimal notation; NaN and infinities as Java writes them. */
    private static String floating(double v, String shortest) {
        return Double.isFinite(v) ? new BigDecimal(shortest).toPlainString() : shortest;
    }

    private static String date(int epochDay) {
        try {
            return LocalDate.ofEpochDay(epochDay).toString();
        } catch (DateTimeException e) {
            return "day " + epochDay + " after 1970-01-01";
        }
    }

    /** A type as people write it: {@code int64}, {@code binary (STRING)}, {@code int32 (DATE)}. */
    static String describe(PrimitiveType t) {
        String physical = t.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
        if (t.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            physical += "(" + t.getTypeLength() + ")";
        }
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        return logical == null ? physical : physical + " (" + logical + ")";
    }

    /** Reads and parses the footer: {@code PAR1}, ..., Thrift file metadata, its length, {@code PAR1}. */
    private static ParquetMetadata footer(Source bytes) throws IOException {
        long size = bytes.size();
        if (size < 12) {
            throw new NotParquetException("is not a Parquet file: only " + size + " bytes");
        }
        String headMagic = new String(bytes.read(0, 4), StandardCharsets.US_ASCII);
        byte[] tail = bytes.read(size - 8, 8);
        String tailMagic = new String(tail, 4, 4, StandardCharsets.US_ASCII);
        if (tailMagic.equals("PARE")) {
            throw new NotParquetException("is an encrypted Parquet file, which is not supported");
        }
        if (!headMagic.equals(MAGIC) || !tailMagic.equals(MAGIC)) {
            throw new NotParquetException("is not a Parquet file or is truncated (no PAR1 magic at its start and end)");
        }
        int length = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length <= 0 || length > size - 12) {
            throw new NotParquetException("is corrupt or truncated: footer length " + length + " in a file of " + size);
        }
        return new ParquetMetadataConverter()
                .readParquetMetadata(
                        new ByteArrayInputStream(bytes.read(size - 8 - length, length)),
                        ParquetMetadataConverter.NO_FILTER);
    }

    private static VersionParser.@Nullable ParsedVersion parseVersion(String createdBy) {
        try {
            return VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null;
        }
    }

    /** A file that is not Parquet at all; its message is the whole reason. */
    private static final class NotParquetException extends IOException {
        private static final long serialVersionUID = 1L;

        NotParquetException(String message) {
            super(message);
        }
    }
}
