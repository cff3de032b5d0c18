package org.gbsettle.jobs.io.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
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
import org.jspecify.annotations.Nullable;

/**
 * Writer of meter-data Parquet files in the UTC layout of the contract (architecture.md §4): {@code mpan} (int64),
 * {@code utc_period_start} (timestamp, microseconds, UTC), {@code measurement_quantity} (string), {@code kwh}
 * (decimal of the given scale, as binary), {@code quality} (string) and, if asked for, {@code received_at} (timestamp,
 * microseconds, UTC). Every column is OPTIONAL so that a row with a missing value can be written as it was given and
 * then judged by {@link MeterDataParquetReader} (the same row rules as an ingested file). The bytes depend only on the
 * rows and the options: the same rows give the same file (same SHA-256).
 */
public final class MeterDataParquetWriter {

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

    /**
     * One row as given: any value may be missing (null); {@code kwh} in kWh of any scale up to the file's.
     *
     * @param utcPeriodStart the half-hour's start in UTC, whole microseconds
     * @param receivedAt the row's receipt time, whole microseconds (written only if the file has the column)
     */
    public record Row(
            @Nullable Long mpan,
            @Nullable Instant utcPeriodStart,
            @Nullable String measurementQuantity,
            @Nullable BigDecimal kwh,
            @Nullable String quality,
            @Nullable Instant receivedAt) {}

    private MeterDataParquetWriter() {}

    /**
     * Writes {@code rows} to {@code file} (replaced if it exists).
     *
     * @param kwhScale the scale of the {@code kwh} decimal (3 in the contract; more to carry a value with more
     *     decimal places to the reader's rule)
     * @param withReceivedAt whether the file has a {@code received_at} column
     * @throws IOException if the file cannot be written
     * @throws ArithmeticException if a kWh value has more decimal places than {@code kwhScale}
     */
    public static void write(Path file, List<Row> rows, int kwhScale, boolean withReceivedAt) throws IOException {
        if (kwhScale < 0 || kwhScale > 30) {
            throw new IllegalArgumentException("kWh scale " + kwhScale + " is not 0..30");
        }
        int precision = 12;
        for (Row r : rows) {
            if (r.kwh() != null) {
                precision = Math.max(
                        precision,
                        r.kwh().setScale(kwhScale, RoundingMode.UNNECESSARY).precision());
            }
        }
        MessageType schema = schema(kwhScale, precision, withReceivedAt);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder()
                .withFile(new LocalOutputFile(file))
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY);
        try {
            WITH_CONF.invoke(builder, (ParquetConfiguration) new PlainParquetConfiguration());
        } catch (Throwable e) {
            throw new IllegalStateException("parquet-java's ParquetWriter.Builder.withConf failed", e);
        }
        try (ParquetWriter<Group> writer = builder.build()) {
            for (Row r : rows) {
                writer.write(group(groups, r, kwhScale, withReceivedAt));
            }
        }
    }

    private static Group group(SimpleGroupFactory groups, Row r, int kwhScale, boolean withReceivedAt) {
        Group g = groups.newGroup();
        if (r.mpan() != null) {
            g.append(MeterDataSchema.MPAN, r.mpan().longValue());
        }
        if (r.utcPeriodStart() != null) {
            g.append(MeterDataSchema.UTC_START, micros(r.utcPeriodStart()));
        }
        if (r.measurementQuantity() != null) {
            g.append(MeterDataSchema.MQ, r.measurementQuantity());
        }
        if (r.kwh() != null) {
            BigDecimal scaled = r.kwh().setScale(kwhScale, RoundingMode.UNNECESSARY);
            g.append(
                    MeterDataSchema.KWH,
                    Binary.fromConstantByteArray(scaled.unscaledValue().toByteArray()));
        }
        if (r.quality() != null) {
            g.append(MeterDataSchema.QUALITY, r.quality());
        }
        if (withReceivedAt && r.receivedAt() != null) {
            g.append(MeterDataSchema.RECEIVED_AT, micros(r.receivedAt()));
        }
        return g;
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** The file's schema: the UTC layout, every column OPTIONAL, {@code kwh} a binary decimal of the precision and scale. */
    static MessageType schema(int kwhScale, int kwhPrecision, boolean withReceivedAt) {
        LogicalTypeAnnotation utc = LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS);
        Types.MessageTypeBuilder message = Types.buildMessage();
        message.primitive(PrimitiveTypeName.INT64, Repetition.OPTIONAL).named(MeterDataSchema.MPAN);
        message.primitive(PrimitiveTypeName.INT64, Repetition.OPTIONAL).as(utc).named(MeterDataSchema.UTC_START);
        message.primitive(PrimitiveTypeName.BINARY, Repetition.OPTIONAL)
                .as(LogicalTypeAnnotation.stringType())
                .named(MeterDataSchema.MQ);
        message.primitive(PrimitiveTypeName.BINARY, Repetition.OPTIONAL)
                .as(LogicalTypeAnnotation.decimalType(kwhScale, kwhPrecision))
                .named(MeterDataSchema.KWH);
        message.primitive(PrimitiveTypeName.BINARY, Repetition.OPTIONAL)
                .as(LogicalTypeAnnotation.stringType())
                .named(MeterDataSchema.QUALITY);
        if (withReceivedAt) {
            message.primitive(PrimitiveTypeName.INT64, Repetition.OPTIONAL)
                    .as(utc)
                    .named(MeterDataSchema.RECEIVED_AT);
        }
        return Objects.requireNonNull(message.named("meter_reads"));
    }
}
