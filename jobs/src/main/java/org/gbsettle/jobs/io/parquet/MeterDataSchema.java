package org.gbsettle.jobs.io.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * The meter-data columns of one file, checked against the contract: which layout, and for each column its descriptor
 * and how its physical values are read. Extra columns are ignored; nested or repeated columns of a contract name fail.
 */
final class MeterDataSchema {

    static final String MPAN = "mpan";
    static final String DATE = "settlement_date";
    static final String PERIOD = "settlement_period";
    static final String UTC_START = "utc_period_start";
    static final String MQ = "measurement_quantity";
    static final String KWH = "kwh";
    static final String QUALITY = "quality";
    static final String RECEIVED_AT = "received_at";

    /** Unit of a timestamp column's physical values. */
    enum TimeUnit {
        MILLIS,
        MICROS,
        NANOS,
        /** Legacy 12-byte INT96 (nanoseconds of day and Julian day), decoded to nanoseconds. */
        INT96
    }

    final String file;
    final MeterDataLayout layout;
    final ColumnDescriptor mpan;
    final ColumnDescriptor mq;
    final ColumnDescriptor kwh;
    final ColumnDescriptor quality;
    final @Nullable ColumnDescriptor date;
    final @Nullable ColumnDescriptor period;
    final @Nullable ColumnDescriptor utcStart;
    final @Nullable ColumnDescriptor receivedAt;
    /** Decimal scale of kwh. */
    final int kwhScale;
    /** Whether settlement_period is unsigned (values read as unsigned). */
    final boolean periodUnsigned;

    final TimeUnit utcStartUnit;
    final TimeUnit receivedAtUnit;

    private MeterDataSchema(String file, MessageType schema) {
        this.file = file;
        boolean byDate = schema.containsField(DATE) || schema.containsField(PERIOD);
        boolean byUtc = schema.containsField(UTC_START);
        if (byDate == byUtc) {
            throw new MeterDataFileException(
                    file,
                    null,
                    (byDate ? "has both layouts" : "has neither layout")
                            + ": it needs settlement_date (date) and settlement_period (int32), or utc_period_start"
                            + " (timestamp), one of the two; the file has columns " + names(schema),
                    null);
        }
        layout = byUtc ? MeterDataLayout.UTC_PERIOD_START : MeterDataLayout.DATE_AND_PERIOD;
        mpan = required(schema, MPAN, "int64");
        checkInteger(mpan, MPAN, "int64", PrimitiveTypeName.INT64);
        mq = required(schema, MQ, "string");
        checkString(mq, MQ);
        kwh = required(schema, KWH, "decimal(12,3)");
        kwhScale = checkDecimal(kwh);
        quality = required(schema, QUALITY, "string");
        checkString(quality, QUALITY);
        if (byUtc) {
            date = null;
            period = null;
            periodUnsigned = false;
            ColumnDescriptor u = required(schema, UTC_START, "timestamp");
            utcStartUnit = checkTimestamp(u, UTC_START);
            utcStart = u;
        } else {
            ColumnDescriptor d = required(schema, DATE, "date");
            if (d.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT32
                    || !(d.getPrimitiveType().getLogicalTypeAnnotation() instanceof DateLogicalTypeAnnotation)) {
                throw wrongType(d, DATE, "date");
            }
            date = d;
            ColumnDescriptor p = required(schema, PERIOD, "int32");
            periodUnsigned = checkInteger(p, PERIOD, "int32", PrimitiveTypeName.INT32, PrimitiveTypeName.INT64);
            period = p;
            utcStart = null;
            utcStartUnit = TimeUnit.MICROS;
        }
        @Nullable ColumnDescriptor received = column(schema, RECEIVED_AT, "timestamp", false);
        receivedAt = received;
        receivedAtUnit = received == null ? TimeUnit.MICROS : checkTimestamp(received, RECEIVED_AT);
    }

    /**
     * Checks a file's schema.
     *
     * @throws MeterDataFileException if a column is missing or of the wrong type, or the layout is ambiguous
     */
    static MeterDataSchema of(String file, MessageType schema) {
        return new MeterDataSchema(file, schema);
    }

    /** The columns to read, in the file's schema. */
    List<ColumnDescriptor> columns() {
        List<ColumnDescriptor> list = new ArrayList<>();
        for (ColumnDescriptor c : new ColumnDescriptor[] {mpan, date, period, utcStart, mq, kwh, quality, receivedAt}) {
            if (c != null) {
                list.add(c);
            }
        }
        return list;
    }

    private @Nullable ColumnDescriptor column(MessageType schema, String name, String expected, boolean required) {
        if (!schema.containsField(name)) {
            if (!required) {
                return null;
            }
            throw new MeterDataFileException(
                    file,
                    name,
                    "required column is missing (expected " + expected + "); the file has columns " + names(schema),
                    null);
        }
        Type type = schema.getType(name);
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            throw new MeterDataFileException(
                    file,
                    name,
                    "is " + (type.isPrimitive() ? "repeated" : "a group") + "; expected a flat " + expected + " column",
                    null);
        }
        return schema.getColumnDescription(new String[] {name});
    }

    private ColumnDescriptor required(MessageType schema, String name, String expected) {
        ColumnDescriptor c = column(schema, name, expected, true);
        if (c == null) {
            throw new IllegalStateException(name);
        }
        return c;
    }

    /** Checks an integer column; returns whether it is unsigned. */
    private boolean checkInteger(ColumnDescriptor c, String name, String expected, PrimitiveTypeName... physical) {
        PrimitiveType t = c.getPrimitiveType();
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        boolean physicalOk = List.of(physical).contains(t.getPrimitiveTypeName());
        if (!physicalOk || !(logical == null || logical instanceof IntLogicalTypeAnnotation)) {
            throw wrongType(c, name, expected);
        }
        return logical instanceof IntLogicalTypeAnnotation i && !i.isSigned();
    }

    private void checkString(ColumnDescriptor c, String name) {
        PrimitiveType t = c.getPrimitiveType();
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        if (t.getPrimitiveTypeName() != PrimitiveTypeName.BINARY
                || !(logical == null
                        || logical instanceof StringLogicalTypeAnnotation
                        || logical instanceof EnumLogicalTypeAnnotation)) {
            throw wrongType(c, name, "string");
        }
    }

    private int checkDecimal(ColumnDescriptor c) {
        PrimitiveType t = c.getPrimitiveType();
        PrimitiveTypeName p = t.getPrimitiveTypeName();
        if (p == PrimitiveTypeName.DOUBLE || p == PrimitiveTypeName.FLOAT) {
            throw new MeterDataFileException(
                    file,
                    KWH,
                    "is " + describe(t) + "; expected decimal(12,3): binary floating point cannot carry kWh exactly"
                            + " to 3 decimal places",
                    null);
        }
        if (!(t.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation d)
                || !(p == PrimitiveTypeName.INT32
                        || p == PrimitiveTypeName.INT64
                        || p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                        || p == PrimitiveTypeName.BINARY)) {
            throw wrongType(c, KWH, "decimal(12,3)");
        }
        if (d.getScale() < 0 || d.getScale() > 18) {
            throw wrongType(c, KWH, "decimal(12,3)");
        }
        return d.getScale();
    }

    private TimeUnit checkTimestamp(ColumnDescriptor c, String name) {
        PrimitiveType t = c.getPrimitiveType();
        if (t.getPrimitiveTypeName() == PrimitiveTypeName.INT96 && t.getLogicalTypeAnnotation() == null) {
            return TimeUnit.INT96;
        }
        if (t.getPrimitiveTypeName() == PrimitiveTypeName.INT64
                && t.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation ts) {
            return switch (ts.getUnit()) {
                case MILLIS -> TimeUnit.MILLIS;
                case MICROS -> TimeUnit.MICROS;
                case NANOS -> TimeUnit.NANOS;
            };
        }
        throw wrongType(c, name, "timestamp");
    }

    private MeterDataFileException wrongType(ColumnDescriptor c, String name, String expected) {
        return new MeterDataFileException(
                file, name, "has type " + describe(c.getPrimitiveType()) + "; expected " + expected, null);
    }

    /** A type as people write it: {@code int64}, {@code binary (STRING)}, {@code int64 (TIMESTAMP(MICROS,true))}. */
    private static String describe(PrimitiveType t) {
        String physical = t.getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT);
        if (t.getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            physical += "(" + t.getTypeLength() + ")";
        }
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        return logical == null ? physical : physical + " (" + logical + ")";
    }

    private static List<String> names(MessageType schema) {
        List<String> names = new ArrayList<>();
        for (Type f : schema.getFields()) {
            names.add(f.getName());
        }
        return names;
    }
}
