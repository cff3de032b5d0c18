package org.gbsettle.engine.properties;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.RecentConsumption;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.engine.run.RunInputs;
import org.jspecify.annotations.Nullable;

/**
 * The uncorrected volumes of a run recomputed value by value, straight from the rules of domain.md §4-§5 and nothing
 * of the engine's internals: for each metering system in force in the group and each period, the selected value (or
 * the default, or the NHH shaped EAC), signed, times its LLF, added up in {@link BigDecimal}; MWh.
 *
 * <p>Rules, as the spec states them: a row counts if received by the cut-off, its MPAN is registered HH in the group
 * on the date, its MQ is the system's direction, its period exists, its quality is A or E and its kWh lies in [0,
 * cap]. Among the rows of one slot, actual beats estimated and then the latest received wins (or the latest wins
 * regardless of quality), the larger row id breaking a tie. An energised HH system without a value is defaulted by the
 * first configured method that applies, rounded half up to whole Wh; a de-energised one is 0. The load shape of a
 * category (connection type, segment, domestic, MQ) and period is the mean of the selected actual values, where there
 * are at least {@code loadShapeMinSample} of them, its annual total {@code daysPerYear} times the sum of the day's
 * shape; or the published values. NHH systems contribute {@code EAC x coefficient}, rounded half up to whole Wh.
 */
final class Oracle {

    /** Per period (index {@code period - 1}): sum of signed value x LLF, MWh. */
    final BigDecimal[] totalMwh;

    /** Per BM unit id, per period: sum of signed value x LLF, MWh. */
    final Map<String, BigDecimal[]> byBmUnit = new TreeMap<>();

    /** How many values were selected, defaulted (by a method or as zero) and shaped; for failure messages. */
    long selected;

    long defaulted;
    long shaped;

    private Oracle(int periods) {
        totalMwh = new BigDecimal[periods];
        java.util.Arrays.fill(totalMwh, BigDecimal.ZERO);
    }

    static Oracle of(RunInputs in, ReferenceData ref) {
        LocalDate date = in.context().settlementDate().date();
        GspGroup group = in.context().gspGroup();
        int periods = in.context().settlementDate().periodCount();
        CalculationConfig config = in.config();
        Oracle o = new Oracle(periods);

        // ---- metering systems settled here
        Map<Long, Registration> systems = new HashMap<>();
        for (Registration r : in.meteringSystems().all()) {
            if (r.effective().contains(date) && r.gspGroup().equals(group)) {
                systems.put(r.mpan(), r);
            }
        }

        // ---- step 1: one value per slot
        MeterReads reads = in.reads();
        long cutoff = in.context().dataCutoff().getEpochSecond() * 1_000_000L
                + in.context().dataCutoff().getNano() / 1000;
        Map<Long, int[]> chosen = new HashMap<>();
        for (int row = 0; row < reads.size(); row++) {
            Registration r = systems.get(reads.mpan(row));
            if (r == null || !r.halfHourly() || reads.receivedAt(row) > cutoff) {
                continue;
            }
            byte mq = r.direction() == MeasurementQuantity.AI ? MeterReads.AI : MeterReads.AE;
            int p = reads.period(row);
            byte q = reads.quality(row);
            long wh = reads.wh(row);
            if (reads.measurementQuantity(row) != mq
                    || p < 1
                    || p > periods
                    || (q != 'A' && q != 'E')
                    || wh < 0
                    || wh > config.capWh(r.measurementClass())) {
                continue;
            }
            int[] slots = chosen.computeIfAbsent(r.mpan(), k -> {
                int[] a = new int[periods];
                java.util.Arrays.fill(a, -1);
                return a;
            });
            if (slots[p - 1] < 0 || better(reads, row, slots[p - 1], config.selection())) {
                slots[p - 1] = row;
            }
        }

        // ---- load shapes
        Map<LoadShapeCategory, Q[]> shape = new HashMap<>();
        Map<LoadShapeCategory, Q> annual = new HashMap<>();
        boolean computed = config.loadShapeSource() == CalculationConfig.LoadShapeSource.COMPUTED;
        Map<LoadShapeCategory, long[]> sum = new HashMap<>();
        Map<LoadShapeCategory, long[]> count = new HashMap<>();
        for (Registration r : systems.values()) {
            LoadShapeCategory cat = LoadShapeCategory.of(r);
            sum.computeIfAbsent(cat, k -> new long[periods]);
            count.computeIfAbsent(cat, k -> new long[periods]);
            int[] slots = chosen.get(r.mpan());
            if (slots == null) {
                continue;
            }
            for (int p = 0; p < periods; p++) {
                if (slots[p] >= 0 && reads.quality(slots[p]) == 'A') {
                    sum.get(cat)[p] += reads.wh(slots[p]);
                    count.get(cat)[p]++;
                }
            }
        }
        for (LoadShapeCategory cat : sum.keySet()) {
            Q[] ls = new Q[periods];
            Q day = Q.ZERO;
            boolean any = false;
            Q total = null;
            if (computed) {
                for (int p = 0; p < periods; p++) {
                    long n = count.get(cat)[p];
                    if (n >= config.loadShapeMinSample()) {
                        // mean kWh = sum Wh / (n x 1000)
                        ls[p] = new Q(BigInteger.valueOf(sum.get(cat)[p]), BigInteger.valueOf(n * 1000));
                        day = day.add(ls[p]);
                        any = true;
                    }
                }
                Q t = day.multiply(Q.of(BigDecimal.valueOf(config.daysPerYear())));
                total = any && t.signum() > 0 ? t : null;
            } else {
                for (int p = 0; p < periods; p++) {
                    BigDecimal v = in.publishedLoadShapes().value(cat, p + 1);
                    ls[p] = v == null ? null : Q.of(v);
                }
                BigDecimal t = in.publishedLoadShapes().annualTotal(cat);
                total = t == null || t.signum() <= 0 ? null : Q.of(t);
            }
            shape.put(cat, ls);
            if (total != null) {
                annual.put(cat, total);
            }
        }

        Map<Long, RecentConsumption> recent = new HashMap<>();
        for (RecentConsumption rc : in.recentConsumption()) {
            recent.put(rc.mpan(), rc);
        }

        // ---- every value, signed, times its LLF
        for (Registration r : systems.values()) {
            String unit = bmUnit(r, ref, group, date);
            long[] llf = ref.lineLossFactors().forDate(r.llfc(), date);
            if (llf == null) {
                throw new IllegalStateException("scenario has no LLF for " + r.llfc());
            }
            BigDecimal[] coefficients = r.profileClass() > 0 && r.ssc() != null
                    ? ref.profileCoefficients().forDate(group, r.profileClass(), r.ssc(), date)
                    : null;
            LoadShapeCategory cat = LoadShapeCategory.of(r);
            int[] slots = chosen.get(r.mpan());
            for (int p = 0; p < periods; p++) {
                long wh;
                if (!r.halfHourly()) {
                    BigDecimal eac = r.annualConsumptionKwh();
                    wh = eac == null || coefficients == null
                            ? 0
                            : Q.of(eac)
                                    .multiply(Q.of(coefficients[p]))
                                    .multiply(Q.of(BigDecimal.valueOf(1000)))
                                    .roundHalfUp();
                    o.shaped++;
                } else if (slots != null && slots[p] >= 0) {
                    wh = reads.wh(slots[p]);
                    o.selected++;
                } else if (r.energised()) {
                    Q ls = shape.get(cat)[p];
                    Q total = annual.get(cat);
                    wh = defaultWh(r, config, ref, date, recent.get(r.mpan()), ls, total, coefficients, p);
                    o.defaulted++;
                } else {
                    wh = 0;
                }
                BigDecimal mwh = BigDecimal.valueOf(wh, 3) // kWh
                        .multiply(BigDecimal.valueOf(llf[p], 6)) // x LLF
                        .multiply(BigDecimal.valueOf(r.direction().sign()))
                        .movePointLeft(3); // MWh
                o.totalMwh[p] = o.totalMwh[p].add(mwh);
                BigDecimal[] perUnit = o.byBmUnit.computeIfAbsent(unit, k -> {
                    BigDecimal[] a = new BigDecimal[periods];
                    java.util.Arrays.fill(a, BigDecimal.ZERO);
                    return a;
                });
                perUnit[p] = perUnit[p].add(mwh);
            }
        }
        return o;
    }

    /** The default of a missing HH value: the first configured method that applies, half up to Wh; else 0. */
    private static long defaultWh(
            Registration r,
            CalculationConfig config,
            ReferenceData ref,
            LocalDate date,
            @Nullable RecentConsumption rc,
            @Nullable Q ls,
            @Nullable Q annualTotal,
            BigDecimal @Nullable [] coefficients,
            int p) {
        Q thousand = Q.of(BigDecimal.valueOf(1000));
        for (EstimationMethod m : config.estimationMethods()) {
            switch (m) {
                case LOAD_SHAPE_RECENT -> {
                    if (rc != null
                            && ls != null
                            && rc.completeDays() >= config.recentMinDays()
                            && rc.loadShapeSum().signum() > 0) {
                        return Q.of(rc.actualKwh())
                                .divide(Q.of(rc.loadShapeSum()))
                                .multiply(ls)
                                .multiply(thousand)
                                .roundHalfUp();
                    }
                }
                case LOAD_SHAPE_ANNUAL -> {
                    BigDecimal ac = r.annualConsumptionKwh();
                    if (ac != null && ls != null && annualTotal != null) {
                        return Q.of(ac)
                                .multiply(ls)
                                .divide(annualTotal)
                                .multiply(thousand)
                                .roundHalfUp();
                    }
                }
                case PROFILE_COEFFICIENT -> {
                    BigDecimal eac = r.annualConsumptionKwh();
                    if (eac != null && coefficients != null) {
                        return Q.of(eac)
                                .multiply(Q.of(coefficients[p]))
                                .multiply(thousand)
                                .roundHalfUp();
                    }
                }
                case MARKET_DEFAULT -> {
                    BigDecimal eac =
                            ref.hhDefaultEac(r.measurementClass(), date).orElse(null);
                    if (eac != null && ls != null && annualTotal != null) {
                        return Q.of(eac)
                                .multiply(ls)
                                .divide(annualTotal)
                                .multiply(thousand)
                                .roundHalfUp();
                    }
                }
            }
        }
        return 0;
    }

    /** Whether row {@code a} beats row {@code b} for one slot. */
    private static boolean better(MeterReads reads, int a, int b, CalculationConfig.SelectionPolicy policy) {
        int qa = reads.quality(a) == 'A' ? 1 : 0;
        int qb = reads.quality(b) == 'A' ? 1 : 0;
        long ta = reads.receivedAt(a);
        long tb = reads.receivedAt(b);
        if (policy == CalculationConfig.SelectionPolicy.ACTUAL_BEATS_ESTIMATE && qa != qb) {
            return qa > qb;
        }
        if (ta != tb) {
            return ta > tb;
        }
        // received at the same instant: an actual value is preferred, then the larger row id
        if (qa != qb) {
            return qa > qb;
        }
        return reads.rowId(a) > reads.rowId(b);
    }

    /** The BM unit of a registration: the registered one if valid for its supplier, group and date; else default. */
    private static String bmUnit(Registration r, ReferenceData ref, GspGroup group, LocalDate date) {
        List<BmUnit> units = ref.bmUnits();
        if (r.bmUnit() != null) {
            for (BmUnit u : units) {
                if (u.id().equals(r.bmUnit())
                        && u.gspGroup().equals(group)
                        && u.type().supplierUnit()
                        && u.effective().contains(date)
                        && u.supplier().equals(r.supplier())) {
                    return u.id().id();
                }
            }
        }
        for (BmUnit u : units) {
            if (u.defaultUnit()
                    && u.supplier().equals(r.supplier())
                    && u.gspGroup().equals(group)
                    && u.type().supplierUnit()
                    && u.effective().contains(date)) {
                return u.id().id();
            }
        }
        throw new IllegalStateException("scenario has no default BM unit for " + r.supplier() + " in " + group);
    }

    /** An exact fraction with a positive denominator. */
    private record Q(BigInteger num, BigInteger den) {
        static final Q ZERO = new Q(BigInteger.ZERO, BigInteger.ONE);

        static Q of(BigDecimal v) {
            return v.scale() >= 0
                    ? new Q(v.unscaledValue(), BigInteger.TEN.pow(v.scale()))
                    : new Q(v.toBigIntegerExact(), BigInteger.ONE);
        }

        Q add(Q o) {
            return new Q(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Q multiply(Q o) {
            return new Q(num.multiply(o.num), den.multiply(o.den));
        }

        Q divide(Q o) {
            BigInteger n = num.multiply(o.den);
            BigInteger d = den.multiply(o.num);
            return d.signum() < 0 ? new Q(n.negate(), d.negate()) : new Q(n, d);
        }

        int signum() {
            return num.signum();
        }

        /** Nearest integer, halves away from zero: BigDecimal's HALF_UP on the exact quotient. */
        long roundHalfUp() {
            return new BigDecimal(num)
                    .divide(new BigDecimal(den), 0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
        }
    }
}
