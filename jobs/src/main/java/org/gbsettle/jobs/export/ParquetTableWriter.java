package org.gbsettle.jobs.export;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.gbsettle.jobs.io.parquet.ParquetCodecs;
import org.jspecify.annotations.Nullable;

/**
 * Writes a table as an Apache Parquet file with parquet-java's writer and no Hadoop (a {@link
 * PlainParquetConfiguration}, the {@link ParquetCodecs}): Snappy pages, one message with a field per column, REQUIRED
 * for columns that are never null and OPTIONAL for the others, logical types STRING, DATE and DECIMAL (INT32 up to
 * precision 9, INT64 up to 18, else a 16-byte FIXED_LEN_BYTE_ARRAY, two's complement big-endian). A decimal that
 * does not fit its column's precision and scale exactly fails the export; nothing is rounded.
 */
final class ParquetTableWriter implements TableWriter {

    /** {@code withConf(ParquetConfiguration)}: javac cannot pick it over the Hadoop overload without Hadoop. */
    private static final MethodHandle WITH_CONF;

    static {
        try {
            WITH_CONF = MethodHandles.publicLookup()
                    .findVirtual(
                            ParquetWriter.Builder.class,
                            "withConf",
                            MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<ExportColumn> columns;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;
    private final String table;

    ParquetTableWriter(Path file, String table, List<ExportColumn> columns, Map<String, String> metadata)
            throws IOException {
        this.columns = List.copyOf(columns);
        this.table = table;
        MessageType schema = schema(table, columns);
        this.groups = new SimpleGroupFactory(schema);
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder()
                .withFile(new LocalOutputFile(file))
                .withType(schema)
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withExtraMetaData(metadata);
        try {
            WITH_CONF.invoke(builder, (ParquetConfiguration) new PlainParquetConfiguration());
        } catch (Throwable e) {
            throw new IllegalStateException("parquet-java's ParquetWriter.Builder.withConf failed", e);
        }
        this.writer = builder.build();
    }

    /** The Parquet schema of a table: message {@code table}, a field per column. */
    static MessageType schema(String table, List<ExportColumn> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ExportColumn c : columns) {
            Repetition repetition = c.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            switch (c.type()) {
                case STRING ->
                    message.primitive(PrimitiveTypeName.BINARY, repetition)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(c.name());
                case DATE ->
                    message.primitive(PrimitiveTypeName.INT32, repetition)
                            .as(LogicalTypeAnnotation.dateType())
                            .named(c.name());
                case INT32 ->
                    message.primitive(PrimitiveTypeName.INT32, repetition).named(c.name());
                case INT64 ->
                    message.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
                case BOOLEAN ->
                    message.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
                case DECIMAL -> {
                    LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(c.scale(), c.precision());
                    if (c.precision() <= 9) {
                        message.primitive(PrimitiveTypeName.INT32, repetition)
                                .as(decimal)
                                .named(c.name());
                    } else if (c.precision() <= 18) {
                        message.primitive(PrimitiveTypeName.INT64, repetition)
                                .as(decimal)
                                .named(c.name());
                    } else {
                        message.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                                .length(fixedLength(c.precision()))
                                .as(decimal)
                                .named(c.name());
                    }
                }
            }
        }
        return message.named(table);
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int fixedLength(int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return max.bitLength() / 8 + 1;
    }

    @Override
    public void write(@Nullable Object[] row) throws IOException {
        Group g = groups.newGroup();
        for (int i = 0; i < columns.size(); i++) {
            ExportColumn c = columns.get(i);
            Object value = row[i];
            if (value == null) {
                if (!c.nullable()) {
                    throw new IllegalStateException(table + "." + c.name() + " is null in a column declared NOT NULL");
                }
                continue;
            }
            switch (c.type()) {
                case STRING -> g.append(c.name(), (String) value);
                case DATE -> g.append(c.name(), Math.toIntExact(((LocalDate) value).toEpochDay()));
                case INT32 -> g.append(c.name(), (Integer) value);
                case INT64 -> g.append(c.name(), (Long) value);
                case BOOLEAN -> g.append(c.name(), (Boolean) value);
                case DECIMAL -> {
                    BigInteger unscaled = unscaled(c, (BigDecimal) value);
                    if (c.precision() <= 9) {
                        g.append(c.name(), unscaled.intValueExact());
                    } else if (c.precision() <= 18) {
                        g.append(c.name(), unscaled.longValueExact());
                    } else {
                        g.append(c.name(), Binary.fromConstantByteArray(twosComplement(unscaled, c.precision())));
                    }
                }
            }
        }
        writer.write(g);
    }

    /**
     * The unscaled value of {@code value} at the column's scale.
     *
     * @throws IllegalStateException if that would round it or it has more digits than the column's precision
     */
    private BigInteger unscaled(ExportColumn c, BigDecimal value) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(c.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalStateException(
                    table + "." + c.name() + " value " + value.toPlainString() + " has more decimal places than "
                            + c.typeName() + " holds",
                    e);
        }
        if (scaled.precision() > c.precision()) {
            throw new IllegalStateException(table + "." + c.name() + " value " + value.toPlainString()
                    + " has more digits than " + c.typeName() + " holds");
        }
        return scaled.unscaledValue();
    }

    /** Big-endian two's complement of {@code unscaled} in exactly {@link #fixedLength} bytes, sign-extended. */
    static byte[] twosComplement(BigInteger unscaled, int precision) {
        byte[] minimal = unscaled.toByteArray();
        int length = fixedLength(precision);
        byte[] out = new byte[length];
        Arrays.fill(out, 0, length - minimal.length, unscaled.signum() < 0 ? (byte) -1 : (byte) 0);
        System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
