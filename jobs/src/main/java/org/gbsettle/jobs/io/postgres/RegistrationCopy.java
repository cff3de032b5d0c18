package org.gbsettle.jobs.io.postgres;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.refdata.csv.FieldRule;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv.Rules;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Registrations read from the {@code registration} table with {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} and
 * decoded as they stream in, under exactly the row rules of {@code registrations.csv} ({@link RegistrationsCsv.Rules})
 * applied to the text PostgreSQL gives for each value ({@code value::text}, the previous path): a text column's rule
 * runs once per distinct value (an intern map per column, so that millions of registrations share one supplier id,
 * LLFC, BM unit, GSP group, SSC and effective range object each), a typed column's value is decoded from its binary
 * form and its rule applied to the text PostgreSQL would print for it (dates, flags, profile classes: once per
 * distinct value); the MPAN core and the annual consumption, distinct per row, are checked in their typed form, which
 * accepts exactly what their text rule accepts (see {@link #mpanAccepted} and {@link #numeric}).
 *
 * <p>A row that would fail a rule is not reported here: {@link #read} returns empty and the caller reads the rows again
 * by the text path, which names every problem.
 */
final class RegistrationCopy {

    /** The columns in the file's order, cast to the types this decoder reads. */
    static final String SELECT_LIST = "mpan_core::int8, supplier_participant_id::text, bm_unit_id::text,"
            + " distributor_short_code::text, distributor_mpid::text, llfc::text, gsp_group_id::text,"
            + " measurement_class::text, market_segment::text, connection_type::text, domestic::bool,"
            + " energisation::text, energy_direction::text, settlement_regime::text,"
            + " annual_consumption_kwh::numeric, profile_class::int2, ssc::text, effective_from::date,"
            + " effective_to::date";

    private static final int FIELDS = RegistrationsCsv.COLUMNS.size();

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    /** Days from 1970-01-01 to 2000-01-01, PostgreSQL's date epoch. */
    private static final long PG_EPOCH_DAY = 10_957;

    private static final long MPAN_MIN = 1_000_000_000_000L;
    private static final long MPAN_LIMIT = 10_000_000_000_000L;

    /** A value whose row fails its rule. */
    private static final Object FAILED = new Object();

    private final TextCache supplier = rule(Rules.SUPPLIER);
    private final TextCache bmUnit = rule(Rules.BM_UNIT);
    private final TextCache shortCode = rule(Rules.DISTRIBUTOR_SHORT_CODE);
    private final TextCache distributor = rule(Rules.DISTRIBUTOR);
    private final TextCache llfcCode = rule(Rules.LLFC);
    private final TextCache group;
    private final TextCache measurementClass = rule(Rules.MEASUREMENT_CLASS);
    private final TextCache segment = rule(Rules.MARKET_SEGMENT);
    private final TextCache connection = rule(Rules.CONNECTION_TYPE);
    private final TextCache energisation = rule(Rules.ENERGISATION);
    private final TextCache direction = rule(Rules.ENERGY_DIRECTION);
    private final TextCache regime = rule(Rules.SETTLEMENT_REGIME);
    private final TextCache ssc = rule(Rules.SSC);
    private final LongCache domestic = new LongCache(b -> textRule(Rules.DOMESTIC, b == 1 ? "true" : "false"));
    private final LongCache profileClass = new LongCache(v -> textRule(Rules.PROFILE_CLASS, Long.toString(v)));
    private final LongCache from = new LongCache(d -> textRule(Rules.EFFECTIVE_FROM, dateText((int) d)));
    private final LongCache to = new LongCache(d -> textRule(Rules.EFFECTIVE_TO, dateText((int) d)));
    private final @Nullable Object openTo = textRule(Rules.EFFECTIVE_TO, "");
    private final TextCache llfcs = new TextCache(this::llfc);
    /** Annual consumptions at scale 1 by unscaled value: one object per distinct value (80,781 at 1M systems). */
    private final LongCache annuals = new LongCache(u -> BigDecimal.valueOf(u, 1), 1 << 20);

    private final LongCache ranges = new LongCache(this::range);
    private final LongCache openRanges = new LongCache(this::openRange);

    private @Nullable CopyOut copy;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    /** Where the bytes kept across a refill start (-1: at the position). */
    private int mark = -1;

    /**
     * A reader for one thread, GSP groups checked against {@code knownGroups}; its caches (and so the values the
     * registrations share) last over all its {@link #read}s.
     */
    RegistrationCopy(Set<GspGroup> knownGroups) {
        this.group = rule(Rules.gspGroup(knownGroups));
    }

    /**
     * The registrations a {@code COPY (SELECT} {@link #SELECT_LIST} {@code FROM registration ...) TO STDOUT (FORMAT
     * binary)} statement gives, in the order it gives them; empty if a row fails the file's row rules.
     */
    Optional<List<Registration>> read(Connection connection, String copySql) throws SQLException {
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        copy = out;
        position = 0;
        limit = 0;
        mark = -1;
        try {
            return Optional.ofNullable(rows());
        } finally {
            copy = null;
            // the rest is read, not cancelled: a cancelled COPY OUT leaves pgjdbc's connection out of step
            while (out.isActive() && out.readFromCopy() != null) {
                // discarded
            }
        }
    }

    private @Nullable List<Registration> rows() throws SQLException {
        need(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalStateException("COPY output is not PostgreSQL's binary format");
        }
        position += SIGNATURE.length + 4;
        int extension = int32();
        need(extension);
        position += extension;
        List<Registration> out = new ArrayList<>();
        while (true) {
            need(2);
            int fields = int16();
            if (fields == -1) {
                return out; // read on to the server's completion by read(...)
            }
            if (fields != FIELDS) {
                throw new IllegalStateException("COPY row of " + fields + " fields, expected " + FIELDS);
            }
            Registration r = row();
            if (r == null) {
                return null;
            }
            out.add(r);
        }
    }

    /** One row, its fields in {@link #SELECT_LIST} order; null if it fails a rule. */
    private @Nullable Registration row() throws SQLException {
        long core = fixed(8) ? int64() : Long.MIN_VALUE;
        boolean mpanOk = core != Long.MIN_VALUE && mpanAccepted(core);
        Object supplierId = text(supplier);
        Object unit = text(bmUnit);
        Object code = text(shortCode);
        mark = position;
        skipField();
        skipField();
        int llfcStart = mark;
        mark = -1;
        Object llfc = llfcs.get(buffer, llfcStart, position - llfcStart);
        Object gsp = text(group);
        Object mc = text(measurementClass);
        Object seg = text(segment);
        Object conn = text(connection);
        Object dom = fixed(1) ? domestic.get(buffer[position++]) : FAILED;
        Object energised = text(energisation);
        Object dir = text(direction);
        Object reg = text(regime);
        Object annual = field() < 0 ? null : numeric();
        Object pc = nullOr(2, profileClass);
        Object sscCode = text(ssc);
        int f = field();
        int fromDays = f == 4 ? int32() : 0;
        if (f >= 0 && f != 4) {
            throw new IllegalStateException("effective_from is not a date");
        }
        int t = field();
        Object range;
        if (f < 0) {
            range = textRule(Rules.EFFECTIVE_FROM, "") == FAILED ? FAILED : null;
            if (t > 0) {
                position += t;
            }
        } else if (t < 0) {
            range = openRanges.get(fromDays);
        } else if (t == 4) {
            range = ranges.get(((long) fromDays << 32) | (int32() & 0xFFFF_FFFFL));
        } else {
            throw new IllegalStateException("effective_to is not a date");
        }
        if (!mpanOk
                || supplierId == FAILED
                || unit == FAILED
                || code == FAILED
                || llfc == FAILED
                || gsp == FAILED
                || mc == FAILED
                || seg == FAILED
                || conn == FAILED
                || dom == FAILED
                || energised == FAILED
                || dir == FAILED
                || reg == FAILED
                || annual == FAILED
                || pc == FAILED
                || sscCode == FAILED
                || range == FAILED) {
            return null;
        }
        if (!Rules.shortCodeMatches(Mpan.of(core), (Integer) value(code))) {
            return null;
        }
        try {
            Integer profile = (Integer) pc;
            return new Registration(
                    core,
                    (MarketParticipantId) value(supplierId),
                    (BmUnitId) unit,
                    (LineLossFactorClass) value(llfc),
                    (GspGroup) value(gsp),
                    (MeasurementClass) value(mc),
                    (MarketSegment) seg,
                    (ConnectionType) value(conn),
                    (Boolean) value(dom),
                    (Boolean) value(energised),
                    (MeasurementQuantity) value(dir),
                    (SettlementRegime) value(reg),
                    (BigDecimal) annual,
                    profile == null ? 0 : profile,
                    (String) sscCode,
                    (EffectiveRange) value(range));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether the text PostgreSQL prints for a {@code bigint} MPAN core ({@link Long#toString}: no spaces or leading
     * zeros, a {@code -} if negative) passes {@link Rules#MPAN_CORE}: 13 characters all digits, i.e. {@code 10^12 <=
     * core < 10^13} (never 21 digits: a long has at most 19), and a valid check digit.
     */
    static boolean mpanAccepted(long core) {
        return core >= MPAN_MIN && core < MPAN_LIMIT && Mpan.isValid(core);
    }

    /**
     * The value of a {@code numeric} field (its length read, its bytes at the position) as {@link
     * Rules#ANNUAL_CONSUMPTION} gives it for the text PostgreSQL prints ({@code numeric_out}: plain digits, {@code -}
     * if negative, exactly {@code dscale} decimals, never an exponent; {@code NaN}, {@code Infinity} and {@code
     * -Infinity} are no decimals): the unscaled digits at scale {@code dscale}, as {@code new BigDecimal(text)} reads
     * them, failing when more than 1 decimal place is left once trailing zeros are dropped.
     */
    private Object numeric() throws SQLException {
        int start = position;
        int ndigits = int16();
        int weight = int16();
        int sign = int16() & 0xFFFF;
        int dscale = int16() & 0xFFFF;
        long unscaled = dscale == 1 ? unscaled(buffer, position, ndigits, weight, dscale) : -1;
        if (unscaled >= 0 && (sign == 0x0000 || sign == 0x4000)) {
            // the common case, one object per value: as numeric(...) below, at scale 1 (never more decimal places)
            position = start + 8 + 2 * ndigits;
            return value(annuals.get(sign == 0x4000 ? -unscaled : unscaled));
        }
        BigDecimal v = numeric(buffer, position, ndigits, weight, sign, dscale);
        position = start + 8 + 2 * ndigits;
        if (v == null) {
            return FAILED;
        }
        if (v.signum() != 0 && v.scale() > 1 && v.stripTrailingZeros().scale() > 1) {
            return FAILED;
        }
        return v;
    }

    /**
     * A {@code numeric} in PostgreSQL's binary form (base-10000 digits from {@code offset}, the first of weight
     * {@code weight}) at scale {@code dscale}; null for NaN and the infinities.
     */
    static @Nullable BigDecimal numeric(byte[] b, int offset, int ndigits, int weight, int sign, int dscale) {
        if (sign != 0x0000 && sign != 0x4000) {
            return null;
        }
        long unscaled = unscaled(b, offset, ndigits, weight, dscale);
        if (unscaled >= 0) {
            return BigDecimal.valueOf(sign == 0x4000 ? -unscaled : unscaled, dscale);
        }
        BigInteger digits = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < ndigits; i++) {
            digits = digits.multiply(base)
                    .add(BigInteger.valueOf(((b[offset + 2 * i] & 0xFF) << 8) | (b[offset + 2 * i + 1] & 0xFF)));
        }
        BigDecimal v = new BigDecimal(sign == 0x4000 ? digits.negate() : digits, -4 * (weight - ndigits + 1));
        return v.setScale(dscale); // exact: PostgreSQL keeps no digit beyond dscale
    }

    /**
     * The magnitude of a {@code numeric}'s digits at scale {@code dscale} as a long, when below 10^18 (the digits,
     * below 10^(4 ndigits), times 10^shift) and the shift at least -18; -1 otherwise. The value is {@code digits *
     * 10000^(weight - ndigits + 1)}, so its unscaled value at {@code dscale} is {@code digits * 10^shift} with {@code
     * shift = 4 * (weight - ndigits + 1) + dscale}; a negative shift divides exactly, as PostgreSQL keeps no non-zero
     * digit beyond {@code dscale} (else -1).
     */
    static long unscaled(byte[] b, int offset, int ndigits, int weight, int dscale) {
        int shift = 4 * (weight - ndigits + 1) + dscale;
        if (4 * ndigits + Math.max(shift, 0) > 18 || shift < -18) {
            return -1;
        }
        long digits = 0;
        for (int i = 0; i < ndigits; i++) {
            digits = digits * 10_000 + (((b[offset + 2 * i] & 0xFF) << 8) | (b[offset + 2 * i + 1] & 0xFF));
        }
        if (shift >= 0) {
            return digits * POWERS_OF_TEN[shift];
        }
        long divisor = POWERS_OF_TEN[-shift];
        return digits % divisor == 0 ? digits / divisor : -1;
    }

    private static final long[] POWERS_OF_TEN = powersOfTen();

    private static long[] powersOfTen() {
        long[] p = new long[19];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * 10;
        }
        return p;
    }

    /**
     * The text PostgreSQL prints for a {@code date} (days since 2000-01-01) with {@code DateStyle} ISO, as the
     * previous path read it: {@code infinity}/{@code -infinity}, the year with at least 4 digits, {@code BC} years
     * as 1 - ISO year with a {@code BC} suffix.
     */
    static String dateText(int days) {
        if (days == Integer.MAX_VALUE) {
            return "infinity";
        }
        if (days == Integer.MIN_VALUE) {
            return "-infinity";
        }
        LocalDate d = LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
        int year = d.getYear();
        return year > 0
                ? String.format(Locale.ROOT, "%04d-%02d-%02d", year, d.getMonthValue(), d.getDayOfMonth())
                : String.format(Locale.ROOT, "%04d-%02d-%02d BC", 1 - year, d.getMonthValue(), d.getDayOfMonth());
    }

    /**
     * The LLFC of the fields {@code distributor_mpid} and {@code llfc} (each a length and its bytes) at {@code offset},
     * parsed once per distinct pair.
     */
    private Object llfc(byte[] b, int offset, int length) {
        int dl = int32At(b, offset);
        Object d = distributor.get(b, offset + 4, dl);
        int q = offset + 4 + Math.max(dl, 0);
        int ll = int32At(b, q);
        Object c = llfcCode.get(b, q + 4, ll);
        if (d == FAILED || c == FAILED) {
            return FAILED;
        }
        return new LineLossFactorClass((MarketParticipantId) value(d), (String) value(c));
    }

    private Object range(long key) {
        Object f = from.get((int) (key >> 32));
        Object t = to.get((int) key);
        if (f == FAILED || t == FAILED) {
            return FAILED;
        }
        return effective((LocalDate) value(f), (LocalDate) t);
    }

    private Object openRange(long fromDays) {
        Object f = from.get(fromDays);
        if (f == FAILED || openTo == FAILED) {
            return FAILED;
        }
        return effective((LocalDate) value(f), (LocalDate) openTo);
    }

    /** As the file's rule: {@code effective_to} must not be before {@code effective_from}. */
    private static Object effective(LocalDate from, @Nullable LocalDate to) {
        try {
            return EffectiveRange.of(from, to);
        } catch (IllegalArgumentException e) {
            return FAILED;
        }
    }

    /** A cache of a text column's rule. */
    private static TextCache rule(FieldRule<?> rule) {
        return new TextCache(
                (b, offset, length) -> textRule(rule, new String(b, offset, length, StandardCharsets.UTF_8)));
    }

    /** The rule's value for a text, or {@link #FAILED}. */
    private static @Nullable Object textRule(FieldRule<?> rule, String text) {
        try {
            return rule.apply(text);
        } catch (IllegalArgumentException e) {
            return FAILED;
        }
    }

    private static Object value(@Nullable Object v) {
        if (v == null) {
            throw new IllegalStateException("a required value is null");
        }
        return v;
    }

    // --- the binary stream

    private @Nullable Object text(TextCache cache) throws SQLException {
        int len = field();
        Object v = cache.get(buffer, position, len);
        if (len > 0) {
            position += len;
        }
        return v;
    }

    private @Nullable Object nullOr(int width, LongCache cache) throws SQLException {
        int len = field();
        if (len < 0) {
            return null;
        }
        if (len != width) {
            throw new IllegalStateException("a field of " + len + " bytes, expected " + width);
        }
        return cache.get(width == 2 ? (short) int16() : int32());
    }

    /** Reads a field's length and makes its bytes available; -1 for NULL. */
    private int field() throws SQLException {
        need(4);
        int len = int32();
        if (len > 0) {
            need(len);
        }
        return len;
    }

    /** Reads a field of a fixed width that is not NULL; false (position unchanged past the length) if it is NULL. */
    private boolean fixed(int width) throws SQLException {
        int len = field();
        if (len < 0) {
            return false;
        }
        if (len != width) {
            throw new IllegalStateException("a field of " + len + " bytes, expected " + width);
        }
        return true;
    }

    private void skipField() throws SQLException {
        int len = field();
        if (len > 0) {
            position += len;
        }
    }

    private void need(int n) throws SQLException {
        while (limit - position < n) {
            byte[] message = Objects.requireNonNull(copy, "copy").readFromCopy();
            if (message == null) {
                throw new IllegalStateException("COPY output ended within a row");
            }
            int keep = mark >= 0 ? mark : position;
            if (keep > 0) {
                System.arraycopy(buffer, keep, buffer, 0, limit - keep);
                limit -= keep;
                position -= keep;
                if (mark >= 0) {
                    mark = 0;
                }
            }
            if (limit + message.length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, limit + message.length));
            }
            System.arraycopy(message, 0, buffer, limit, message.length);
            limit += message.length;
        }
    }

    private int int16() {
        int v = (short) (((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
        position += 2;
        return v;
    }

    private int int32() {
        int v = int32At(buffer, position);
        position += 4;
        return v;
    }

    private static int int32At(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    private long int64() {
        long hi = int32() & 0xFFFF_FFFFL;
        long lo = int32() & 0xFFFF_FFFFL;
        return (hi << 32) | lo;
    }

    /** The value of a field's bytes, or {@link #FAILED}. */
    @FunctionalInterface
    private interface BytesParser {
        @Nullable
        Object parse(byte[] b, int offset, int length);
    }

    /**
     * A value per distinct byte string (a text column's UTF-8, the client encoding), parsed once: an open-addressing
     * map from the bytes to the value ({@link #FAILED} for a failing one). Past {@link #MAX} distinct values it stops
     * remembering new ones and parses them each time.
     */
    private static final class TextCache {
        private static final int MAX = 1 << 16;

        private final BytesParser parser;
        private byte[][] keys = new byte[64][];
        private @Nullable Object[] values = new Object[64];
        private int size;
        private boolean nullParsed;
        private @Nullable Object nullValue;

        TextCache(BytesParser parser) {
            this.parser = parser;
        }

        /** The value of a field's bytes; {@code length} -1 for NULL (the empty text). */
        @Nullable
        Object get(byte[] b, int offset, int length) {
            if (length < 0) {
                if (!nullParsed) {
                    nullValue = parser.parse(b, offset, 0);
                    nullParsed = true;
                }
                return nullValue;
            }
            int h = 1;
            for (int i = offset; i < offset + length; i++) {
                h = 31 * h + b[i];
            }
            h ^= h >>> 16;
            int mask = keys.length - 1;
            int i = h & mask;
            while (true) {
                byte[] k = keys[i];
                if (k == null) {
                    break;
                }
                if (k.length == length && Arrays.equals(k, 0, length, b, offset, offset + length)) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            Object v = parser.parse(b, offset, length);
            if (size < MAX) {
                keys[i] = Arrays.copyOfRange(b, offset, offset + length);
                values[i] = v;
                if (++size * 2 > keys.length) {
                    grow();
                }
            }
            return v;
        }

        private void grow() {
            byte[][] oldKeys = keys;
            Object[] oldValues = values;
            keys = new byte[oldKeys.length * 2][];
            values = new Object[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                byte[] k = oldKeys[j];
                if (k != null) {
                    int h = 1;
                    for (byte x : k) {
                        h = 31 * h + x;
                    }
                    h ^= h >>> 16;
                    int i = h & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = k;
                    values[i] = oldValues[j];
                }
            }
        }
    }

    /**
     * A value computed once per distinct long key, in an open-addressing map (two arrays: a key and its value; {@link
     * Long#MIN_VALUE} marks a free slot and is kept aside as a key). Past its size limit new keys are computed each
     * time.
     */
    private static final class LongCache {
        private static final long FREE = Long.MIN_VALUE;

        private final java.util.function.LongFunction<@Nullable Object> compute;
        private final int max;
        private long[] keys = filled(64);
        private @Nullable Object[] values = new Object[64];
        private int size;
        private boolean hasFree;
        private @Nullable Object freeValue;

        LongCache(java.util.function.LongFunction<@Nullable Object> compute) {
            this(compute, TextCache.MAX);
        }

        LongCache(java.util.function.LongFunction<@Nullable Object> compute, int max) {
            this.compute = compute;
            this.max = max;
        }

        private static long[] filled(int n) {
            long[] k = new long[n];
            Arrays.fill(k, FREE);
            return k;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E37_79B9_7F4A_7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        @Nullable
        Object get(long key) {
            if (key == FREE) {
                if (!hasFree) {
                    freeValue = compute.apply(key);
                    hasFree = true;
                }
                return freeValue;
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            long k;
            while ((k = keys[i]) != FREE) {
                if (k == key) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            Object v = compute.apply(key);
            if (size < max) {
                keys[i] = key;
                values[i] = v;
                if (++size * 2 > keys.length) {
                    grow();
                }
            }
            return v;
        }

        private void grow() {
            long[] oldKeys = keys;
            Object[] oldValues = values;
            keys = filled(oldKeys.length * 2);
            values = new Object[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != FREE) {
                    int i = slot(oldKeys[j], mask);
                    while (keys[i] != FREE) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }
    }
}
