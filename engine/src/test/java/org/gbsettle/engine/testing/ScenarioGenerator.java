package org.gbsettle.engine.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.input.RecentConsumption;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.BmUnitType;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.HhDefaultEac;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.reference.ProfileCoefficients;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.jspecify.annotations.Nullable;

/**
 * Random settlement scenarios of one GSP group and settlement date, from a seed: for property tests ({@link
 * #random(long)}: small, messy, every rule exercised) and benchmarks ({@link #large(long, int)}: a realistic group of
 * any size, clean, built directly as columns).
 *
 * <p>A random scenario has a few suppliers with default and additional BM units (registrations also point at units of
 * other suppliers or groups, expired units, non-supplier units, unknown ids and none), several LLFCs with LLFs of 3 dp
 * in 1.000-1.150 (one site-specific sometimes), HH import systems of classes C, D, E, F and G, export systems, some
 * de-energised, NHH systems with profile coefficients, supplier changes and registrations out of force or in another
 * group. Reads have duplicates (A and E, different or equal receipt times), missing periods (defaulted), rows after
 * the cut-off and bad rows (bad check digit, unknown MPAN, wrong MQ, bad period, bad quality, negative, over the cap).
 * The configuration varies (selection policy, correction mode, balancing, estimation methods, load shape source and
 * minimum sample, days per year) and so do the weights (the illustrative ones, random ones, all zero). The take of each
 * period is the metered total (see {@link Scenario#meteredTotalMwh()}) moved by up to 5 %, 4 dp.
 */
public final class ScenarioGenerator {

    /** Normal (48 periods), short (46) and long (50) days. */
    static final List<SettlementDate> DATES = List.of(
            SettlementDate.of(2026, 1, 15),
            SettlementDate.of(2025, 7, 1),
            SettlementDate.of(2026, 3, 29),
            SettlementDate.of(2028, 3, 26),
            SettlementDate.of(2026, 10, 25),
            SettlementDate.of(2027, 10, 31));

    private static final MeasurementClass[] HH_IMPORT_CLASSES = {
        MeasurementClass.C, MeasurementClass.E, MeasurementClass.F, MeasurementClass.G
    };
    private static final String[] PROFILE_SSCS = {"0001", "0002"};
    private static final String HH_PROFILE_SSC = "0393";
    /** SSC and TPR pairs with coefficients for NHH profile classes 1-4: SSC 0002 has two registers. */
    private static final String[][] NHH_SSC_TPRS = {{"0001", "00001"}, {"0002", "00043"}, {"0002", "00210"}};
    /** SSC and TPR pairs with coefficients for profile classes 5 and 6 (HH systems; 7 and 8 have none). */
    private static final String[][] HH_SSC_TPRS = {{HH_PROFILE_SSC, "00001"}};

    private static final long MICROS_PER_MINUTE = 60_000_000L;

    private ScenarioGenerator() {}

    // -----------------------------------------------------------------------------------------------------------------
    // the market: suppliers, BM units, LLFCs

    /** Suppliers, BM units and LLFCs of one group and date, and the ids a registration may point at. */
    private static final class Market {
        final SettlementDate date;
        final LocalDate day;
        final GspGroup group;
        final GspGroup otherGroup;
        final int periods;
        final List<MarketParticipantId> suppliers = new ArrayList<>();
        final List<BmUnit> units = new ArrayList<>();
        /** Per supplier, the additional (non-default) unit ids valid in the group on the date. */
        final Map<MarketParticipantId, List<BmUnitId>> additional = new HashMap<>();
        /** Per supplier, unit ids that are not valid for it in the group on the date. */
        final Map<MarketParticipantId, List<BmUnitId>> invalid = new HashMap<>();

        final List<LineLossFactorClass> llfcs = new ArrayList<>();
        final Map<LineLossFactorClass, long[]> llf = new HashMap<>();
        final LineLossFactors.Builder llfBuilder = LineLossFactors.builder();

        @Nullable
        LineLossFactorClass siteSpecific;

        Market(SettlementDate date, GspGroup group, GspGroup otherGroup) {
            this.date = date;
            this.day = date.date();
            this.group = group;
            this.otherGroup = otherGroup;
            this.periods = date.periodCount();
        }

        BmUnitId defaultUnit(MarketParticipantId supplier) {
            return BmUnitId.defaultFor(supplier, group);
        }

        void unit(String id, MarketParticipantId supplier, GspGroup g, BmUnitType type, EffectiveRange range) {
            units.add(new BmUnit(BmUnitId.of(id), supplier, g, type, type == BmUnitType.G, range));
        }

        String prefix(GspGroup g, MarketParticipantId supplier) {
            return "2__" + g.letter() + supplier.code();
        }

        /** LLFs in thousandths, flat or varying by period, 1.000-1.150, stored for the date (and its neighbours). */
        void addLlfc(Random rnd, LineLossFactorClass llfc, boolean neighbours) {
            llfcs.add(llfc);
            long[] m = randomLlf(rnd, periods);
            llf.put(llfc, m);
            llfBuilder.put(llfc, day, m);
            if (neighbours) {
                // the days either side carry other values: a lookup by the wrong date would show
                for (LocalDate d : List.of(day.minusDays(1), day.plusDays(1))) {
                    llfBuilder.put(llfc, d, randomLlf(rnd, SettlementDate.of(d).periodCount()));
                }
            }
        }
    }

    private static long[] randomLlf(Random rnd, int periods) {
        long[] m = new long[periods];
        int base = 1000 + rnd.nextInt(151);
        boolean flat = rnd.nextBoolean();
        for (int p = 0; p < periods; p++) {
            int t = flat ? base : Math.max(1000, Math.min(1150, base + rnd.nextInt(21) - 10));
            m[p] = t * 1000L;
        }
        return m;
    }

    private static long newMpan(Random rnd, int distributorCode, Set<Long> used) {
        while (true) {
            long prefix = distributorCode * 10_000_000_000L + (rnd.nextLong() & Long.MAX_VALUE) % 10_000_000_000L;
            long core = prefix * 10 + Mpan.checkDigit(prefix * 10);
            if (used.add(core)) {
                return core;
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------------
    // random (property-test) scenarios

    /** How scaling weights are chosen. */
    enum Weights {
        /** The illustrative weights of domain.md §10 ({@link TestReferenceData#weights()}). */
        ILLUSTRATIVE,
        /** A random weight per CCC among 0, 0.1, 0.25, 0.5, 0.75 and 1. */
        RANDOM,
        /** One CCC, chosen at random, with a weight of 1, the others 0: few rows take all the correction. */
        SPARSE,
        /** Every weight 0: no correctable volume in any period. */
        ZERO
    }

    /** A small random scenario that exercises every rule; the same seed gives the same scenario. */
    public static Scenario random(long seed) {
        Random rnd = new Random(seed);
        SettlementDate date = DATES.get(rnd.nextInt(DATES.size()));
        int g = rnd.nextInt(GspGroups.ALL.size());
        GspGroup group = GspGroups.ALL.get(g);
        GspGroup otherGroup = GspGroups.ALL.get((g + 1 + rnd.nextInt(GspGroups.ALL.size() - 1)) % GspGroups.ALL.size());
        Market m = new Market(date, group, otherGroup);
        LocalDate day = m.day;
        int periods = m.periods;
        boolean bigOnly = rnd.nextInt(10) == 0;
        double r = rnd.nextDouble();
        Weights weights =
                r < 0.55 ? Weights.ILLUSTRATIVE : r < 0.8 ? Weights.RANDOM : r < 0.9 ? Weights.SPARSE : Weights.ZERO;

        // ---- suppliers and BM units
        int nSuppliers = 2 + rnd.nextInt(5);
        TreeSet<Integer> codes = new TreeSet<>();
        while (codes.size() < nSuppliers) {
            codes.add(rnd.nextInt(1000));
        }
        List<Integer> codeList = new ArrayList<>(codes);
        Collections.shuffle(codeList, rnd);
        for (int code : codeList) {
            MarketParticipantId s = MarketParticipantId.of(String.format("S%03d", code));
            m.suppliers.add(s);
            String pre = m.prefix(group, s);
            List<BmUnitId> add = new ArrayList<>();
            List<BmUnitId> bad = new ArrayList<>();
            if (rnd.nextInt(6) == 0) {
                // the default unit changed: an earlier default ended the day before (or a month before) the date
                int gap = rnd.nextBoolean() ? 0 : 30;
                m.unit(
                        pre + "900",
                        s,
                        group,
                        BmUnitType.G,
                        EffectiveRange.of(day.minusDays(400), day.minusDays(1 + gap)));
                m.unit(pre + "000", s, group, BmUnitType.G, EffectiveRange.from(day.minusDays(gap)));
                bad.add(BmUnitId.of(pre + "900"));
            } else {
                m.unit(pre + "000", s, group, BmUnitType.G, EffectiveRange.ALWAYS);
            }
            int nAdd = rnd.nextInt(3);
            for (int k = 1; k <= nAdd; k++) {
                String id = pre + String.format("%03d", k);
                m.unit(id, s, group, BmUnitType.S, EffectiveRange.ALWAYS);
                add.add(BmUnitId.of(id));
            }
            if (rnd.nextInt(4) == 0) {
                m.unit(pre + "009", s, group, BmUnitType.S, EffectiveRange.of(day.minusDays(100), day.minusDays(1)));
                bad.add(BmUnitId.of(pre + "009"));
            }
            if (rnd.nextInt(4) == 0) {
                m.unit(pre + "008", s, group, BmUnitType.S, EffectiveRange.from(day.plusDays(1)));
                bad.add(BmUnitId.of(pre + "008"));
            }
            String other = m.prefix(otherGroup, s);
            m.unit(other + "000", s, otherGroup, BmUnitType.G, EffectiveRange.ALWAYS);
            bad.add(BmUnitId.of(other + "000"));
            if (rnd.nextBoolean()) {
                m.unit(other + "001", s, otherGroup, BmUnitType.S, EffectiveRange.ALWAYS);
                bad.add(BmUnitId.of(other + "001"));
            }
            if (rnd.nextInt(3) == 0) {
                String e = "E_" + s.code() + "-1";
                m.unit(e, s, group, BmUnitType.E, EffectiveRange.ALWAYS);
                bad.add(BmUnitId.of(e));
            }
            bad.add(BmUnitId.of(pre + "077")); // in no reference data
            m.additional.put(s, add);
            m.invalid.put(s, bad);
        }
        // a supplier with registrations out of force only, and no default unit in the group
        MarketParticipantId ghost = MarketParticipantId.of("GHST");

        // ---- LLFCs
        String[] distributors = {"DNOA", "IDNB"};
        int nLlfc = 2 + rnd.nextInt(7);
        Set<String> llfcCodes = new HashSet<>();
        while (m.llfcs.size() < nLlfc) {
            String dist = distributors[rnd.nextInt(distributors.length)];
            String code = String.format("%03d", rnd.nextInt(900));
            if (llfcCodes.add(dist + code)) {
                m.addLlfc(rnd, LineLossFactorClass.of(dist, code), rnd.nextBoolean());
            }
        }
        List<LineLossFactorClass> generalLlfcs = List.copyOf(m.llfcs);
        if (rnd.nextBoolean()) {
            LineLossFactorClass ss = LineLossFactorClass.of("DNOA", "9SS");
            m.addLlfc(rnd, ss, false);
            m.llfBuilder.siteSpecific(ss);
            m.siteSpecific = ss;
        }

        // ---- configuration
        CalculationConfig base = CalculationConfig.defaults();
        CalculationConfig.SelectionPolicy selection = rnd.nextInt(5) == 0
                ? CalculationConfig.SelectionPolicy.LATEST_WINS
                : CalculationConfig.SelectionPolicy.ACTUAL_BEATS_ESTIMATE;
        CalculationConfig.CorrectionMode mode = rnd.nextInt(5) == 0
                ? CalculationConfig.CorrectionMode.IMPORT_EXPORT
                : CalculationConfig.CorrectionMode.SINGLE;
        boolean balance = rnd.nextInt(7) != 0;
        List<EstimationMethod> methods = base.estimationMethods();
        if (rnd.nextInt(5) < 2) {
            List<EstimationMethod> all = new ArrayList<>(List.of(EstimationMethod.values()));
            Collections.shuffle(all, rnd);
            methods = all.subList(0, rnd.nextInt(all.size() + 1));
        }
        boolean published = rnd.nextInt(7) == 0;
        int minSample = rnd.nextInt(10) < 7 ? 1 : 2 + rnd.nextInt(2);
        int daysPerYear = rnd.nextBoolean() ? 365 : 366;
        CalculationConfig config = new CalculationConfig(
                mode,
                CalculationConfig.ZeroDenominatorPolicy.WARN,
                base.cfBandLow(),
                base.cfBandHigh(),
                selection,
                methods,
                published ? CalculationConfig.LoadShapeSource.PUBLISHED : CalculationConfig.LoadShapeSource.COMPUTED,
                minSample,
                daysPerYear,
                base.recentMinDays(),
                CalculationConfig.LlfFallback.NONE,
                balance,
                base.outOfRangeCapWh(),
                base.outlierRatio());

        // ---- registrations
        Set<Long> used = new HashSet<>();
        int distributorCode = 10 + rnd.nextInt(14);
        List<Registration> regs = new ArrayList<>();
        List<Registration> hhInForce = new ArrayList<>();
        List<Registration> nhhInForce = new ArrayList<>();
        List<Registration> notSettled = new ArrayList<>();
        double exportRate = bigOnly ? 0.3 : rnd.nextDouble() * 0.3;
        double deEnergisedRate = rnd.nextDouble() * 0.15;
        int nHh = 3 + rnd.nextInt(40);
        for (int i = 0; i < nHh; i++) {
            long mpan = newMpan(rnd, distributorCode, used);
            MarketParticipantId supplier = m.suppliers.get(rnd.nextInt(m.suppliers.size()));
            boolean export = rnd.nextDouble() < exportRate;
            MeasurementClass mc;
            if (bigOnly) {
                mc = MeasurementClass.C;
            } else if (!export && rnd.nextInt(20) == 0) {
                mc = MeasurementClass.D;
            } else {
                mc = HH_IMPORT_CLASSES[rnd.nextInt(HH_IMPORT_CLASSES.length)];
            }
            LineLossFactorClass llfc = generalLlfcs.get(rnd.nextInt(generalLlfcs.size()));
            if (!export && mc == MeasurementClass.C && m.siteSpecific != null && rnd.nextInt(3) == 0) {
                llfc = m.siteSpecific;
            }
            MarketSegment segment = rnd.nextInt(10) < 3 ? null : MarketSegment.values()[rnd.nextInt(3)];
            ConnectionType connection =
                    mc == MeasurementClass.C || mc == MeasurementClass.E ? ConnectionType.C : ConnectionType.W;
            int profileClass = 0;
            String ssc = null;
            if (rnd.nextInt(7) == 0) {
                profileClass = 5 + rnd.nextInt(4);
                ssc = HH_PROFILE_SSC;
            }
            Registration reg = new Registration(
                    mpan,
                    supplier,
                    chooseBmUnit(rnd, m, supplier),
                    llfc,
                    group,
                    mc,
                    segment,
                    connection,
                    mc == MeasurementClass.F,
                    rnd.nextDouble() >= deEnergisedRate,
                    export ? MeasurementQuantity.AE : MeasurementQuantity.AI,
                    segment == null ? SettlementRegime.LEGACY : SettlementRegime.MHHS,
                    annualConsumption(rnd, mc),
                    profileClass,
                    ssc,
                    EffectiveRange.ALWAYS);
            reg = effectiveRanges(rnd, m, reg, regs);
            regs.add(reg);
            hhInForce.add(reg);
        }
        int nNhh = bigOnly ? 0 : rnd.nextInt(6);
        for (int i = 0; i < nNhh; i++) {
            MarketParticipantId supplier = m.suppliers.get(rnd.nextInt(m.suppliers.size()));
            MeasurementClass mc = rnd.nextInt(5) == 0 ? MeasurementClass.B : MeasurementClass.A;
            Registration reg = new Registration(
                    newMpan(rnd, distributorCode, used),
                    supplier,
                    chooseBmUnit(rnd, m, supplier),
                    generalLlfcs.get(rnd.nextInt(generalLlfcs.size())),
                    group,
                    mc,
                    null,
                    ConnectionType.W,
                    rnd.nextBoolean(),
                    true,
                    MeasurementQuantity.AI,
                    SettlementRegime.LEGACY,
                    rnd.nextInt(10) == 0 ? null : annualConsumption(rnd, MeasurementClass.A),
                    1 + rnd.nextInt(4),
                    PROFILE_SSCS[rnd.nextInt(PROFILE_SSCS.length)],
                    EffectiveRange.ALWAYS);
            reg = effectiveRanges(rnd, m, reg, regs);
            regs.add(reg);
            nhhInForce.add(reg);
        }
        // registrations that do not settle here: another group, out of force, a supplier without a unit here
        int nOther = rnd.nextInt(4);
        for (int i = 0; i < nOther; i++) {
            MarketParticipantId supplier = rnd.nextBoolean() ? ghost : m.suppliers.get(rnd.nextInt(m.suppliers.size()));
            int kind = rnd.nextInt(3);
            EffectiveRange range = kind == 0
                    ? EffectiveRange.of(day.minusDays(300), day.minusDays(1 + rnd.nextInt(5)))
                    : kind == 1 ? EffectiveRange.from(day.plusDays(1 + rnd.nextInt(5))) : EffectiveRange.ALWAYS;
            Registration reg = new Registration(
                    newMpan(rnd, distributorCode, used),
                    supplier,
                    null,
                    generalLlfcs.get(0),
                    kind == 2 ? otherGroup : group,
                    MeasurementClass.F,
                    MarketSegment.S,
                    ConnectionType.W,
                    true,
                    true,
                    MeasurementQuantity.AI,
                    SettlementRegime.MHHS,
                    null,
                    0,
                    null,
                    range);
            regs.add(reg);
            notSettled.add(reg);
        }

        // ---- other reference data
        List<ScalingWeight> weightList = new ArrayList<>();
        BigDecimal[] weightChoices = {
            BigDecimal.ZERO,
            new BigDecimal("0.1"),
            new BigDecimal("0.25"),
            new BigDecimal("0.5"),
            new BigDecimal("0.75"),
            BigDecimal.ONE
        };
        List<ScalingWeight> illustrative = TestReferenceData.weights();
        int sparse = illustrative.get(rnd.nextInt(illustrative.size())).cccId();
        for (ScalingWeight w : illustrative) {
            BigDecimal value = switch (weights) {
                case ILLUSTRATIVE -> w.weight();
                case RANDOM -> weightChoices[rnd.nextInt(weightChoices.length)];
                case SPARSE -> w.cccId() == sparse ? BigDecimal.ONE : BigDecimal.ZERO;
                case ZERO -> BigDecimal.ZERO;
            };
            weightList.add(new ScalingWeight(w.cccId(), value, EffectiveRange.ALWAYS));
        }
        List<HhDefaultEac> defaultEacs = new ArrayList<>();
        for (MeasurementClass mc : MeasurementClass.values()) {
            if (mc.halfHourly() && rnd.nextBoolean()) {
                BigDecimal eac = annualConsumption(rnd, mc);
                defaultEacs.add(
                        new HhDefaultEac(mc, eac == null ? new BigDecimal("2700.0") : eac, EffectiveRange.ALWAYS));
            }
        }
        ProfileCoefficients.Builder coefficients = ProfileCoefficients.builder();
        for (int pc = 1; pc <= 6; pc++) {
            for (String[] st : pc <= 4 ? NHH_SSC_TPRS : HH_SSC_TPRS) {
                for (int p = 1; p <= periods; p++) {
                    BigDecimal c = BigDecimal.valueOf(50 + rnd.nextInt(650), 7);
                    coefficients.add(group, pc, st[0], st[1], day, p, c);
                    if (rnd.nextInt(4) == 0) {
                        // another group's coefficients, which must not be used here
                        coefficients.add(otherGroup, pc, st[0], st[1], day, p, c.add(BigDecimal.valueOf(1, 5)));
                    }
                }
            }
        }
        ReferenceData reference = ReferenceData.builder()
                .consumptionComponentClasses(TestReferenceData.cccs())
                .scalingWeights(weightList)
                .bmUnits(m.units)
                .lineLossFactors(m.llfBuilder.build())
                .profileCoefficients(coefficients.build())
                .hhDefaultEacs(defaultEacs)
                .version("random-" + seed)
                .build();

        // ---- reads
        Instant cutoff = date.endUtc().plusSeconds(10 * 86_400L);
        long cutoffMicros = cutoff.getEpochSecond() * 1_000_000L;
        long t0 = date.endUtc().getEpochSecond() * 1_000_000L + 3_600_000_000L;
        double missingRate = rnd.nextDouble() * 0.2;
        double estimatedRate = rnd.nextDouble() * 0.3;
        double duplicateRate = rnd.nextDouble() * 0.25;
        Set<Integer> cleanPeriods = new HashSet<>();
        int nClean = rnd.nextInt(4);
        for (int k = 0; k < nClean; k++) {
            cleanPeriods.add(1 + rnd.nextInt(periods));
        }
        Rows rows = new Rows();
        long[] metered = new long[periods];
        for (Registration reg : hhInForce) {
            if (!reg.energised() && rnd.nextBoolean()) {
                continue;
            }
            byte mq = reg.direction() == MeasurementQuantity.AI ? MeterReads.AI : MeterReads.AE;
            long[] llf = m.llf.get(reg.llfc());
            for (int p = 1; p <= periods; p++) {
                long primary;
                if (cleanPeriods.contains(p)) {
                    primary = value(rnd, reg);
                    rows.add(reg.mpan(), mq, p, primary, 'A', t0 + rnd.nextInt(10_000) * MICROS_PER_MINUTE);
                } else {
                    if (rnd.nextDouble() < missingRate) {
                        if (rnd.nextInt(5) == 0) {
                            rows.add(reg.mpan(), mq, p, value(rnd, reg), 'A', cutoffMicros + 1 + rnd.nextInt(1000));
                        }
                        continue;
                    }
                    char q = rnd.nextDouble() < estimatedRate ? 'E' : 'A';
                    long at = rnd.nextInt(50) == 0 ? cutoffMicros : t0 + rnd.nextInt(10_000) * MICROS_PER_MINUTE;
                    primary = value(rnd, reg);
                    rows.add(reg.mpan(), mq, p, primary, q, at);
                    if (rnd.nextDouble() < duplicateRate) {
                        int extra = 1 + rnd.nextInt(2);
                        for (int k = 0; k < extra; k++) {
                            char q2 = rnd.nextBoolean() ? 'A' : 'E';
                            long at2 = rnd.nextInt(10) < 3 ? at : t0 + rnd.nextInt(10_000) * MICROS_PER_MINUTE;
                            rows.add(reg.mpan(), mq, p, value(rnd, reg), q2, at2);
                        }
                    }
                    if (rnd.nextInt(30) == 0) {
                        rows.add(reg.mpan(), mq, p, value(rnd, reg) + 999, 'A', cutoffMicros + MICROS_PER_MINUTE);
                    }
                }
                metered[p - 1] += reg.direction().sign() * primary * llf[p - 1];
            }
        }
        // rows that never settle: NHH systems, other groups, out of force
        for (Registration reg : nhhInForce) {
            if (rnd.nextInt(3) == 0) {
                rows.add(reg.mpan(), MeterReads.AI, 1 + rnd.nextInt(periods), 1234, 'A', t0);
            }
        }
        for (Registration reg : notSettled) {
            for (int k = rnd.nextInt(3); k > 0; k--) {
                rows.add(reg.mpan(), MeterReads.AI, 1 + rnd.nextInt(periods), 500 + rnd.nextInt(500), 'A', t0);
            }
        }
        // bad rows
        double badRowRate = rnd.nextDouble() * 0.05;
        int nBad = (int) Math.round(rows.size * badRowRate) + (rnd.nextBoolean() ? 1 : 0);
        for (int k = 0; k < nBad; k++) {
            Registration reg = hhInForce.get(rnd.nextInt(hhInForce.size()));
            badRow(rnd, rows, reg, periods, config, t0, used, distributorCode);
        }
        MeterReads reads = rows.build(rnd);

        // ---- recent history and published shapes
        List<RecentConsumption> recent = new ArrayList<>();
        for (Registration reg : hhInForce) {
            if (rnd.nextInt(10) == 0) {
                recent.add(new RecentConsumption(
                        reg.mpan(),
                        BigDecimal.valueOf(rnd.nextInt(5_000_000), 3),
                        rnd.nextInt(10) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(10_000 + rnd.nextInt(490_000), 3),
                        5 + rnd.nextInt(5)));
            }
        }
        PublishedLoadShapes shapes = PublishedLoadShapes.none();
        if (published) {
            PublishedLoadShapes.Builder b = PublishedLoadShapes.builder();
            Set<LoadShapeCategory> cats = new HashSet<>();
            for (Registration reg : hhInForce) {
                cats.add(LoadShapeCategory.of(reg));
            }
            List<LoadShapeCategory> sorted = new ArrayList<>(cats);
            sorted.sort((a, c) -> a.toString().compareTo(c.toString()));
            for (LoadShapeCategory cat : sorted) {
                if (rnd.nextInt(5) == 0) {
                    continue;
                }
                for (int p = 1; p <= periods; p++) {
                    if (rnd.nextInt(10) != 0) {
                        b.periodValue(cat, p, BigDecimal.valueOf(10 + rnd.nextInt(2990), 3));
                    }
                }
                int t = rnd.nextInt(10);
                if (t < 8) {
                    b.annualTotal(cat, BigDecimal.valueOf(100_000 + rnd.nextInt(19_900_000), 3));
                } else if (t == 8) {
                    b.annualTotal(cat, BigDecimal.ZERO.setScale(3));
                }
            }
            shapes = b.build();
        }

        // ---- take and inputs
        BigDecimal[] meteredMwh = new BigDecimal[periods];
        for (int p = 0; p < periods; p++) {
            meteredMwh[p] = BigDecimal.valueOf(metered[p], 12);
        }
        RunContext context = new RunContext(date, RunType.values()[rnd.nextInt(7)], 1 + rnd.nextInt(3), group, cutoff);
        List<Registration> shuffled = new ArrayList<>(regs);
        Collections.shuffle(shuffled, rnd);
        RunInputs inputs = new RunInputs(
                context,
                config,
                MeteringSystems.of(shuffled),
                reads,
                takeNear(rnd, group, date, meteredMwh),
                shapes,
                recent);
        String description = String.format(
                "%s %s (%d SPs), %d HH + %d NHH + %d other systems, %d suppliers, %d LLFCs%s, %d rows (%d bad),"
                        + " weights %s%s, %s, %s, balance %s, methods %s, shapes %s (min %d), %d days/yr",
                group,
                date,
                periods,
                nHh,
                nNhh,
                nOther,
                nSuppliers,
                m.llfcs.size(),
                m.siteSpecific == null ? "" : " (1 site-specific)",
                reads.size(),
                nBad,
                weights,
                bigOnly ? ", class C only" : "",
                selection,
                mode,
                balance,
                methods,
                published ? "published" : "computed",
                minSample,
                daysPerYear);
        return new Scenario(seed, description, inputs, reference, meteredMwh);
    }

    /** The BM unit a random registration names: none, its default, an additional one, or one not valid for it. */
    private static @Nullable BmUnitId chooseBmUnit(Random rnd, Market m, MarketParticipantId supplier) {
        int r = rnd.nextInt(100);
        List<BmUnitId> add = m.additional.get(supplier);
        List<BmUnitId> bad = m.invalid.get(supplier);
        if (r < 15) {
            return null;
        } else if (r < 50) {
            return m.defaultUnit(supplier);
        } else if (r < 75 && !add.isEmpty()) {
            return add.get(rnd.nextInt(add.size()));
        } else if (r < 82) {
            // a unit of another supplier in this group
            MarketParticipantId other = m.suppliers.get(rnd.nextInt(m.suppliers.size()));
            List<BmUnitId> theirs = new ArrayList<>(m.additional.get(other));
            theirs.add(m.defaultUnit(other));
            return theirs.get(rnd.nextInt(theirs.size()));
        } else if (r < 95) {
            return bad.get(rnd.nextInt(bad.size()));
        }
        return m.defaultUnit(supplier);
    }

    /**
     * Gives a registration its effective range: mostly always in force; sometimes from or to a date around the
     * settlement date, with a supplier change (an earlier registration of another supplier ending before it) or a
     * later one starting after the date.
     */
    private static Registration effectiveRanges(Random rnd, Market m, Registration reg, List<Registration> out) {
        LocalDate day = m.day;
        int r = rnd.nextInt(10);
        if (r < 6) {
            return reg;
        }
        if (r < 8) {
            int k = rnd.nextInt(4);
            MarketParticipantId before = m.suppliers.get(rnd.nextInt(m.suppliers.size()));
            out.add(reg.withSupplier(before, null)
                    .withEffective(EffectiveRange.of(day.minusDays(400), day.minusDays(k + 1))));
            return reg.withEffective(EffectiveRange.from(day.minusDays(k)));
        }
        int k = rnd.nextInt(3);
        MarketParticipantId after = m.suppliers.get(rnd.nextInt(m.suppliers.size()));
        out.add(reg.withSupplier(after, null).withEffective(EffectiveRange.from(day.plusDays(k + 1))));
        return reg.withEffective(EffectiveRange.of(day.minusDays(rnd.nextInt(400)), day.plusDays(k)));
    }

    /** An annual consumption, kWh 1 dp, typical of the class; sometimes negative, sometimes unknown. */
    private static @Nullable BigDecimal annualConsumption(Random rnd, MeasurementClass mc) {
        int r = rnd.nextInt(100);
        if (r < 10) {
            return null;
        }
        long scale = switch (mc) {
            case C -> 800_000;
            case D -> 50_000;
            case E, G -> 40_000;
            default -> 6_000;
        };
        long tenths = 10 + (long) (rnd.nextDouble() * scale * 10);
        return BigDecimal.valueOf(r < 13 ? -tenths : tenths, 1);
    }

    /** A value in Wh typical of the metering system's class and direction, below every cap. */
    private static long value(Random rnd, Registration reg) {
        if (rnd.nextInt(50) == 0) {
            return 0;
        }
        long max = switch (reg.measurementClass()) {
            case C -> reg.direction() == MeasurementQuantity.AI ? 600_000 : 300_000;
            case D -> 20_000;
            case E, G -> 30_000;
            default -> 3_000;
        };
        return 1 + (long) (rnd.nextDouble() * max);
    }

    /** A row rejected for one reason (bad or unknown MPAN, wrong MQ, bad period, bad quality, negative, over the cap), or a valid row exactly at the cap. */
    private static void badRow(
            Random rnd,
            Rows rows,
            Registration reg,
            int periods,
            CalculationConfig config,
            long t0,
            Set<Long> used,
            int distributorCode) {
        byte mq = reg.direction() == MeasurementQuantity.AI ? MeterReads.AI : MeterReads.AE;
        long mpan = reg.mpan();
        int p = 1 + rnd.nextInt(periods);
        long wh = value(rnd, reg);
        char q = rnd.nextBoolean() ? 'A' : 'E';
        long at = t0 + rnd.nextInt(10_000) * MICROS_PER_MINUTE;
        switch (rnd.nextInt(8)) {
            case 0 -> {
                int k = rnd.nextInt(3);
                mpan = k == 0
                        ? mpan / 10 * 10 + (mpan % 10 + 1 + rnd.nextInt(9)) % 10
                        : k == 1 ? 12_345_678_901_234L : -5;
            }
            case 1 -> mpan = newMpan(rnd, distributorCode, used);
            case 2 -> mq = rnd.nextBoolean() ? (byte) (1 - mq) : (byte) 7;
            case 3 -> p = new int[] {0, -1, periods + 1, 51, 99}[rnd.nextInt(5)];
            case 4 -> q = new char[] {'X', 'a', '\0'}[rnd.nextInt(3)];
            case 5 -> wh = -1 - rnd.nextInt(100_000);
            case 6 -> wh = config.capWh(reg.measurementClass()) + 1 + rnd.nextInt(100_000);
            default -> wh = config.capWh(reg.measurementClass()); // at the cap: valid
        }
        rows.add(mpan, mq, p, wh, q, at);
    }

    /** Per period, the metered total moved by up to 5 % (4 dp), sometimes exactly it, sometimes a CDCA estimate. */
    private static GspGroupTake takeNear(Random rnd, GspGroup group, SettlementDate date, BigDecimal[] totals) {
        GspGroupTake.Builder b = GspGroupTake.builder(group, date, 1 + rnd.nextInt(20));
        for (int p = 1; p <= totals.length; p++) {
            b.period(p, near(rnd, totals[p - 1]), rnd.nextInt(10) == 0);
        }
        return b.build();
    }

    /** A take near a total: the total times a factor in [0.95, 1.05], or the total itself, rounded to 4 dp. */
    public static BigDecimal near(Random rnd, BigDecimal total) {
        BigDecimal factor = rnd.nextInt(8) == 0
                ? BigDecimal.ONE
                : BigDecimal.ONE.add(BigDecimal.valueOf(rnd.nextInt(100_001) - 50_000, 6));
        return total.multiply(factor).setScale(4, RoundingMode.HALF_UP);
    }

    /** A take for every period near the given totals (see {@link #near}). */
    public static GspGroupTake takeNear(Random rnd, Scenario s, BigDecimal[] totals) {
        return takeNear(
                rnd, s.inputs().context().gspGroup(), s.inputs().context().settlementDate(), totals);
    }

    /** Growing meter-read columns; row ids are a random permutation, so they do not follow row order. */
    private static final class Rows {
        int size;
        long[] mpan = new long[256];
        byte[] mq = new byte[256];
        int[] period = new int[256];
        long[] wh = new long[256];
        byte[] quality = new byte[256];
        long[] receivedAt = new long[256];

        void add(long mpanCore, byte measurementQuantity, int p, long valueWh, char q, long at) {
            if (size == mpan.length) {
                int n = size * 2;
                mpan = Arrays.copyOf(mpan, n);
                mq = Arrays.copyOf(mq, n);
                period = Arrays.copyOf(period, n);
                wh = Arrays.copyOf(wh, n);
                quality = Arrays.copyOf(quality, n);
                receivedAt = Arrays.copyOf(receivedAt, n);
            }
            mpan[size] = mpanCore;
            mq[size] = measurementQuantity;
            period[size] = p;
            wh[size] = valueWh;
            quality[size] = (byte) q;
            receivedAt[size] = at;
            size++;
        }

        MeterReads build(Random rnd) {
            List<Integer> ids = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                ids.add(i);
            }
            Collections.shuffle(ids, rnd);
            long[] rowId = new long[size];
            for (int i = 0; i < size; i++) {
                rowId[i] = 1_000_000L + 3L * ids.get(i);
            }
            return MeterReads.wrap(size, mpan, mq, period, wh, quality, receivedAt, rowId);
        }
    }

    // -----------------------------------------------------------------------------------------------------------------
    // large (benchmark) scenarios

    /**
     * A realistic, clean GSP group of {@code meteringSystems} HH metering systems on a normal day (48 periods), built
     * directly as columns: about 150 suppliers with a long-tailed market share, each with a default unit and the
     * larger ones with additional units; 500 LLFCs over 5 distributors; classes F (domestic, 80 %), G, E and C, 3 %
     * export; one value per system and period, 2.5 % estimated, 1 % missing (defaulted by load shape and annual
     * consumption). No bad rows and no duplicates: the hot path at its plainest.
     */
    public static Scenario large(long seed, int meteringSystems) {
        return large(seed, meteringSystems, 1.0, 2.5);
    }

    /**
     * A realistic, clean GSP group as {@link #large(long, int)}, with the given shares of missing and estimated values.
     *
     * @param missingPercent share of metering-system periods without a value (defaulted), 0-100
     * @param estimatedPercent share of periods whose value is a submitted estimate, 0-100
     */
    public static Scenario large(long seed, int meteringSystems, double missingPercent, double estimatedPercent) {
        if (missingPercent < 0 || estimatedPercent < 0 || missingPercent + estimatedPercent > 100) {
            throw new IllegalArgumentException(
                    "missing " + missingPercent + " % and estimated " + estimatedPercent + " % are not shares of 100");
        }
        long missingPer100k = Math.round(missingPercent * 1000);
        long estimatedPer100k = missingPer100k + Math.round(estimatedPercent * 1000);
        SplittableRandom rnd = new SplittableRandom(seed);
        Random small = new Random(seed);
        SettlementDate date = SettlementDate.of(2026, 1, 15);
        GspGroup group = GspGroups.A;
        Market m = new Market(date, group, GspGroups.B);
        LocalDate day = m.day;
        int periods = m.periods;

        // ---- suppliers: market share ~ 1 / rank^0.9; units: a default each, additional units for the top 20
        int nSuppliers = 150;
        double[] cumulative = new double[nSuppliers];
        double sum = 0;
        for (int k = 0; k < nSuppliers; k++) {
            sum += 1 / Math.pow(k + 1, 0.9);
            cumulative[k] = sum;
        }
        List<BmUnitId[]> unitsOf = new ArrayList<>();
        for (int k = 0; k < nSuppliers; k++) {
            MarketParticipantId s = MarketParticipantId.of(String.format("S%03d", k));
            m.suppliers.add(s);
            String pre = m.prefix(group, s);
            int nAdd = k < 20 ? 1 + k % 3 : 0;
            BmUnitId[] ids = new BmUnitId[nAdd + 1];
            m.unit(pre + "000", s, group, BmUnitType.G, EffectiveRange.ALWAYS);
            ids[0] = BmUnitId.of(pre + "000");
            for (int a = 1; a <= nAdd; a++) {
                m.unit(pre + String.format("%03d", a), s, group, BmUnitType.S, EffectiveRange.ALWAYS);
                ids[a] = BmUnitId.of(pre + String.format("%03d", a));
            }
            unitsOf.add(ids);
        }

        // ---- LLFCs: 500 over 5 distributors
        String[] distributors = {"EELC", "IDN1", "IDN2", "IDN3", "IDN4"};
        for (int k = 0; k < 500; k++) {
            m.addLlfc(small, LineLossFactorClass.of(distributors[k % 5], String.format("%03d", k / 5)), false);
        }
        long[][] llfOf = new long[m.llfcs.size()][];
        for (int k = 0; k < llfOf.length; k++) {
            llfOf[k] = m.llf.get(m.llfcs.get(k));
        }

        // ---- registrations
        MeasurementClass[] classes = new MeasurementClass[meteringSystems];
        boolean[] export = new boolean[meteringSystems];
        boolean[] energised = new boolean[meteringSystems];
        int[] llfcOf = new int[meteringSystems];
        long[] mpans = new long[meteringSystems];
        List<Registration> regs = new ArrayList<>(meteringSystems);
        // values per period are uniform in [mean / 2, 3 x mean / 2]; annual consumption is the mean x 17,520 periods
        // give or take 20 %, so values sit near annual consumption x load shape (no OUTLIER warnings)
        java.util.function.ToLongFunction<MeasurementClass> meanWh = mc -> switch (mc) {
            case C -> 200_000;
            case E -> 10_000;
            case G -> 4_000;
            default -> 300;
        };
        MarketSegment[] segments = {MarketSegment.S, MarketSegment.S, MarketSegment.S, MarketSegment.A, null};
        long stride = 10_000_000_000L / Math.max(1, meteringSystems);
        for (int i = 0; i < meteringSystems; i++) {
            long prefix = 10 * 10_000_000_000L + i * stride + rnd.nextLong(Math.max(1, stride));
            long mpan = prefix * 10 + Mpan.checkDigit(prefix * 10);
            mpans[i] = mpan;
            int c = rnd.nextInt(100);
            MeasurementClass mc = c < 80
                    ? MeasurementClass.F
                    : c < 90 ? MeasurementClass.G : c < 97 ? MeasurementClass.E : MeasurementClass.C;
            boolean ex = rnd.nextInt(100) < 3;
            classes[i] = mc;
            export[i] = ex;
            energised[i] = rnd.nextInt(1000) != 0;
            double u = rnd.nextDouble() * sum;
            int s = Arrays.binarySearch(cumulative, u);
            s = s < 0 ? Math.min(-s - 1, nSuppliers - 1) : s;
            BmUnitId[] ids = unitsOf.get(s);
            int bu = rnd.nextInt(100);
            BmUnitId unit = bu < 2 ? null : bu < 90 || ids.length == 1 ? ids[0] : ids[1 + rnd.nextInt(ids.length - 1)];
            int l = rnd.nextInt(m.llfcs.size());
            llfcOf[i] = l;
            MarketSegment segment = segments[rnd.nextInt(segments.length)];
            regs.add(new Registration(
                    mpan,
                    m.suppliers.get(s),
                    unit,
                    m.llfcs.get(l),
                    group,
                    mc,
                    segment,
                    mc == MeasurementClass.C || mc == MeasurementClass.E ? ConnectionType.C : ConnectionType.W,
                    mc == MeasurementClass.F,
                    energised[i],
                    ex ? MeasurementQuantity.AE : MeasurementQuantity.AI,
                    segment == null ? SettlementRegime.LEGACY : SettlementRegime.MHHS,
                    BigDecimal.valueOf(meanWh.applyAsLong(mc) * 17_520L * (80 + rnd.nextInt(41)) / 100 / 100, 1),
                    0,
                    null,
                    EffectiveRange.ALWAYS));
        }

        // ---- reads: one per system and period, 2.5 % estimated, 1 % missing
        long capacity = (long) meteringSystems * periods;
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    meteringSystems + " metering systems x " + periods + " is too many rows");
        }
        int cap = (int) capacity;
        long[] mpanCol = new long[cap];
        byte[] mqCol = new byte[cap];
        int[] periodCol = new int[cap];
        long[] whCol = new long[cap];
        byte[] qualityCol = new byte[cap];
        long[] receivedCol = new long[cap];
        long[] rowIdCol = new long[cap];
        long t0 = date.endUtc().getEpochSecond() * 1_000_000L + 3_600_000_000L;
        long[] metered = new long[periods];
        int n = 0;
        for (int i = 0; i < meteringSystems; i++) {
            if (!energised[i]) {
                continue; // de-energised systems send nothing (and settle at zero)
            }
            long mean = meanWh.applyAsLong(classes[i]);
            byte mq = export[i] ? MeterReads.AE : MeterReads.AI;
            long[] llf = llfOf[llfcOf[i]];
            int sign = export[i] ? -1 : 1;
            for (int p = 1; p <= periods; p++) {
                int r = rnd.nextInt(100_000);
                if (r < missingPer100k) {
                    continue;
                }
                long wh = mean / 2 + rnd.nextLong(mean + 1);
                mpanCol[n] = mpans[i];
                mqCol[n] = mq;
                periodCol[n] = p;
                whCol[n] = wh;
                qualityCol[n] = r < estimatedPer100k ? (byte) 'E' : (byte) 'A';
                receivedCol[n] = t0 + rnd.nextInt(600) * MICROS_PER_MINUTE;
                rowIdCol[n] = n;
                n++;
                metered[p - 1] += sign * wh * llf[p - 1];
            }
        }
        MeterReads reads = MeterReads.wrap(n, mpanCol, mqCol, periodCol, whCol, qualityCol, receivedCol, rowIdCol);

        ReferenceData reference = ReferenceData.builder()
                .consumptionComponentClasses(TestReferenceData.cccs())
                .scalingWeights(TestReferenceData.weights())
                .bmUnits(m.units)
                .lineLossFactors(m.llfBuilder.build())
                .hhDefaultEacs(
                        List.of(new HhDefaultEac(MeasurementClass.F, new BigDecimal("2700.0"), EffectiveRange.ALWAYS)))
                .version("large-" + seed)
                .build();
        BigDecimal[] meteredMwh = new BigDecimal[periods];
        for (int p = 0; p < periods; p++) {
            meteredMwh[p] = BigDecimal.valueOf(metered[p], 12);
        }
        RunContext context =
                new RunContext(date, RunType.SF, 1, group, date.endUtc().plusSeconds(10 * 86_400L));
        RunInputs inputs = RunInputs.of(
                        context, MeteringSystems.of(regs), reads, takeNear(small, group, date, meteredMwh))
                .withConfig(CalculationConfig.defaults());
        String description = String.format(
                Locale.ROOT,
                "%s %s, %d HH systems (%.1f %% missing, %.1f %% estimated), %d suppliers, %d BM units, %d LLFCs,"
                        + " %d rows",
                group,
                date,
                meteringSystems,
                missingPercent,
                estimatedPercent,
                nSuppliers,
                m.units.size(),
                m.llfcs.size(),
                n);
        return new Scenario(seed, description, inputs, reference, meteredMwh);
    }
}
