package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.RecentConsumption;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.Component;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.time.SettlementDate;
import org.jspecify.annotations.Nullable;

/**
 * The resolved form of one run's group: every registered metering system in force on the date in the group, with its
 * BM unit, CCCs, LLFC and load-shape category resolved to dense indexes, and the LLF table. Built once before any value
 * is read; everything missing is collected and thrown together.
 */
final class Plan {

    final RunContext context;
    final CalculationConfig config;
    final ReferenceData reference;
    final LocalDate date;
    final int periods;

    /** Metering systems in force in the group on the date, by MPAN. */
    final Registration[] systems;

    /** The systems' MPAN cores, ascending (as {@link #systems}). */
    final long[] systemMpan;

    final byte[] systemMq;
    final boolean[] systemHh;
    final boolean[] systemEnergised;
    /** Whether the system's BM unit was defaulted ({@code BM_UNIT_DEFAULTED}). */
    final boolean[] bmUnitDefaulted;

    final long[] systemCapWh;
    /** Index into {@link #llf} of the system's LLFC. */
    final int[] systemLlfc;
    /** Cell of actual values (HH) or -1. */
    final int[] cellActual;
    /** Cell of estimated values (HH) or of the shaped EAC (NHH). */
    final int[] cellEstimate;

    final int[] category;
    final List<LoadShapeCategory> categories;
    /** Per metering system, index into {@link #coefficients} or -1. */
    final int[] coefficientIndex;

    final List<BigDecimal[]> coefficients;
    final Map<Long, RecentConsumption> recent;

    final List<Cell> cells;
    final List<BmUnit> bmUnits;
    final List<LineLossFactorClass> llfcs;
    final long[][] llf;
    /** Per LLFC and period, LLF - 1 in millionths: the loss per Wh. */
    final long[][] llfMinusOne;

    final Map<Integer, ConsumptionComponentClass> cccs;
    final Map<Integer, BigDecimal> weights;

    /** Warnings found while resolving (BM unit defaulted, LLF fallback, take estimated). */
    final List<CalculationIssue> issues;

    final BigDecimal[] take;
    final boolean[] takeEstimated;

    private Plan(RunInputs in, ReferenceData ref) {
        this.context = in.context();
        this.config = in.config();
        this.reference = ref;
        SettlementDate sd = context.settlementDate();
        this.date = sd.date();
        this.periods = sd.periodCount();
        GspGroup group = context.gspGroup();

        List<CalculationIssue> problems = new ArrayList<>();
        this.issues = new ArrayList<>();

        // ---- the take
        take = new BigDecimal[periods];
        takeEstimated = new boolean[periods];
        List<Integer> missingTake = new ArrayList<>();
        for (int p = 1; p <= periods; p++) {
            BigDecimal t = in.take().mwh(p);
            if (t == null) {
                missingTake.add(p);
            } else {
                take[p - 1] = t;
                takeEstimated[p - 1] = in.take().estimated(p);
                if (takeEstimated[p - 1]) {
                    issues.add(new CalculationIssue(
                            IssueCode.TAKE_ESTIMATED,
                            null,
                            p,
                            "GSP group take of " + group + " SP" + p + " is a CDCA estimate"));
                }
            }
        }
        if (!missingTake.isEmpty()) {
            problems.add(new CalculationIssue(
                    IssueCode.MISSING_TAKE,
                    null,
                    missingTake.get(0),
                    "no GSP group take for " + group + " on " + date + " for period(s) " + ranges(missingTake) + " of "
                            + periods));
        }

        // ---- metering systems in force in the group
        List<Registration> inForce = new ArrayList<>();
        for (Registration r : in.meteringSystems().effectiveOn(date)) {
            if (r.gspGroup().equals(group)) {
                inForce.add(r);
            }
        }
        systems = inForce.toArray(new Registration[0]);
        int n = systems.length;
        systemMpan = new long[n];
        systemMq = new byte[n];
        systemHh = new boolean[n];
        systemEnergised = new boolean[n];
        bmUnitDefaulted = new boolean[n];
        systemCapWh = new long[n];
        systemLlfc = new int[n];
        cellActual = new int[n];
        cellEstimate = new int[n];
        category = new int[n];
        coefficientIndex = new int[n];

        // ---- BM units of the group
        bmUnits = ref.supplierBmUnitsOn(group, date);
        Map<BmUnitId, Integer> bmUnitIndex = new HashMap<>();
        Map<MarketParticipantId, Integer> defaultUnit = new HashMap<>();
        for (int i = 0; i < bmUnits.size(); i++) {
            BmUnit u = bmUnits.get(i);
            bmUnitIndex.put(u.id(), i);
            if (u.defaultUnit()) {
                defaultUnit.put(u.supplier(), i);
            }
        }

        // ---- CCCs and weights in force
        cccs = new TreeMap<>();
        for (ConsumptionComponentClass c : ref.consumptionComponentClassesOn(date)) {
            cccs.put(c.id(), c);
        }
        weights = new TreeMap<>();

        Map<LineLossFactorClass, Integer> llfcIndex = new LinkedHashMap<>();
        llfcs = new ArrayList<>();
        List<long @Nullable []> llfList = new ArrayList<>();
        LongIntMap cellIndex = new LongIntMap(Math.max(16, n));
        cells = new ArrayList<>();
        int[] categoryIndex = new int[64];
        java.util.Arrays.fill(categoryIndex, -1);
        categories = new ArrayList<>();
        Map<String, Integer> coefficientKeys = new HashMap<>();
        coefficients = new ArrayList<>();

        TreeSet<String> missingDefaultBmu = new TreeSet<>();
        TreeSet<String> missingCcc = new TreeSet<>();
        TreeSet<String> missingLlf = new TreeSet<>();
        TreeSet<String> missingCoefficients = new TreeSet<>();
        TreeSet<Integer> cccsInUse = new TreeSet<>();

        for (int i = 0; i < n; i++) {
            Registration r = systems[i];
            systemMpan[i] = r.mpan();
            if (i > 0 && systemMpan[i - 1] >= r.mpan()) {
                throw new IllegalStateException("Metering systems are not in ascending MPAN order at " + i);
            }
            systemMq[i] = r.direction() == MeasurementQuantity.AI ? (byte) 0 : (byte) 1;
            systemHh[i] = r.halfHourly();
            systemEnergised[i] = r.energised();
            systemCapWh[i] = config.capWh(r.measurementClass());

            // BM unit: the registered one if valid for supplier, group and date, else the supplier's default
            int bmu = -1;
            Integer supplierDefault = defaultUnit.get(r.supplier());
            if (supplierDefault == null) {
                // a supplier with metering systems in the group must have a default unit there, used or not
                missingDefaultBmu.add(r.supplier().code());
            }
            if (r.bmUnit() != null) {
                Integer idx = bmUnitIndex.get(r.bmUnit());
                if (idx != null && bmUnits.get(idx).supplier().equals(r.supplier())) {
                    bmu = idx;
                }
            }
            if (bmu < 0) {
                Integer d = supplierDefault;
                if (d != null) {
                    bmu = d;
                    bmUnitDefaulted[i] = true;
                    issues.add(new CalculationIssue(
                            IssueCode.BM_UNIT_DEFAULTED,
                            r.mpan(),
                            0,
                            "MPAN " + Mpan.format(r.mpan()) + ": BM unit "
                                    + (r.bmUnit() == null
                                            ? "not given"
                                            : r.bmUnit() + " not valid for supplier " + r.supplier() + " in " + group
                                                    + " on " + date)
                                    + "; default unit " + bmUnits.get(d).id() + " used"));
                }
            }

            // LLFC and its factors
            LineLossFactorClass llfc = r.llfc();
            Integer li = llfcIndex.get(llfc);
            if (li == null) {
                li = llfcs.size();
                llfcIndex.put(llfc, li);
                llfcs.add(llfc);
                long[] factors = resolveLlf(ref.lineLossFactors(), llfc);
                llfList.add(factors);
                if (factors == null) {
                    missingLlf.add(llfc.toString());
                }
            }
            systemLlfc[i] = li;
            Component lossComponent = ref.lineLossFactors().isSiteSpecific(llfc) ? Component.M : Component.L;

            // CCCs: HH systems need actual and estimate classes, NHH systems the EAC class
            boolean hh = r.halfHourly();
            int sign = r.direction().sign();
            if (hh) {
                cellActual[i] = cell(cellIndex, bmu, r, Basis.A, lossComponent, sign, missingCcc, cccsInUse);
                cellEstimate[i] = cell(cellIndex, bmu, r, Basis.E, lossComponent, sign, missingCcc, cccsInUse);
            } else {
                cellActual[i] = -1;
                cellEstimate[i] = cell(cellIndex, bmu, r, Basis.EAC, lossComponent, sign, missingCcc, cccsInUse);
            }

            // load-shape category, by a 5-bit key of its attributes
            int catKey = r.connectionType().ordinal()
                    | (r.marketSegment() == null ? 3 : r.marketSegment().ordinal()) << 1
                    | (r.domestic() ? 1 : 0) << 3
                    | r.direction().ordinal() << 4;
            int ci = categoryIndex[catKey];
            if (ci < 0) {
                ci = categories.size();
                categoryIndex[catKey] = ci;
                categories.add(LoadShapeCategory.of(r));
            }
            category[i] = ci;

            // profile coefficients (NHH must have them; HH may use them for defaulting)
            coefficientIndex[i] = -1;
            if (r.profileClass() > 0 && r.ssc() != null) {
                String key = r.profileClass() + "/" + r.ssc();
                Integer k = coefficientKeys.get(key);
                if (k == null) {
                    BigDecimal[] c = ref.profileCoefficients().forDate(group, r.profileClass(), r.ssc(), date);
                    k = c == null ? -1 : coefficients.size();
                    if (c != null) {
                        coefficients.add(c);
                    }
                    coefficientKeys.put(key, k);
                }
                coefficientIndex[i] = k;
            }
            if (!hh && coefficientIndex[i] < 0) {
                missingCoefficients.add("profile class " + r.profileClass() + " SSC " + r.ssc());
            }
        }

        for (int id : cccsInUse) {
            Optional<BigDecimal> w = ref.scalingWeight(id, date);
            if (w.isPresent()) {
                weights.put(id, w.get());
            } else {
                problems.add(new CalculationIssue(
                        IssueCode.MISSING_WEIGHT, null, 0, "no scaling weight for CCC " + id + " on " + date));
            }
        }
        for (String s : missingDefaultBmu) {
            problems.add(new CalculationIssue(
                    IssueCode.MISSING_DEFAULT_BMU,
                    null,
                    0,
                    "supplier " + s + " has metering systems in " + group + " on " + date
                            + " but no default BM unit there"));
        }
        for (String s : missingCcc) {
            problems.add(new CalculationIssue(IssueCode.MISSING_CCC, null, 0, s));
        }
        for (String s : missingLlf) {
            problems.add(new CalculationIssue(
                    IssueCode.MISSING_LLF,
                    null,
                    0,
                    "no LLF for LLFC " + s + " on " + date
                            + (config.llfFallback() == CalculationConfig.LlfFallback.NONE
                                    ? ""
                                    : " (nor by fallback " + config.llfFallback() + ")")));
        }
        for (String s : missingCoefficients) {
            problems.add(new CalculationIssue(
                    IssueCode.MISSING_PROFILE_COEFFICIENT,
                    null,
                    0,
                    "no profile coefficients for " + s + " in " + group + " on " + date));
        }
        if (!problems.isEmpty()) {
            throw new MissingReferenceDataException(
                    "Run " + context.runType() + " " + date + " " + group + " cannot be calculated", problems);
        }
        llf = new long[llfList.size()][];
        llfMinusOne = new long[llfList.size()][];
        for (int i = 0; i < llf.length; i++) {
            long[] v = llfList.get(i);
            llf[i] = v == null ? new long[periods] : v;
            llfMinusOne[i] = new long[periods];
            for (int p = 0; p < periods; p++) {
                llfMinusOne[i][p] = llf[i][p] - LineLossFactors.SCALE;
            }
        }
        Map<Long, RecentConsumption> rec = new HashMap<>();
        for (RecentConsumption rc : in.recentConsumption()) {
            rec.put(rc.mpan(), rc);
        }
        recent = rec;
    }

    /** The index of the system with this MPAN core, or -1 if none is in force in the group on the date. */
    int indexOf(long mpan) {
        int i = java.util.Arrays.binarySearch(systemMpan, mpan);
        return i >= 0 ? i : -1;
    }

    /** The scaling weight of a CCC in use (present for every CCC in use: checked when the plan is built). */
    BigDecimal weight(int ccc) {
        BigDecimal w = weights.get(ccc);
        if (w == null) {
            throw new IllegalStateException("CCC " + ccc + " is not in use in this plan");
        }
        return w;
    }

    /** A CCC in use. */
    ConsumptionComponentClass ccc(int id) {
        ConsumptionComponentClass c = cccs.get(id);
        if (c == null) {
            throw new IllegalStateException("CCC " + id + " is not in force in this plan");
        }
        return c;
    }

    /** Resolves a run's plan; throws {@link MissingReferenceDataException} listing everything missing. */
    static Plan of(RunInputs in, ReferenceData ref) {
        return new Plan(in, ref);
    }

    private int cell(
            LongIntMap cellIndex,
            int bmu,
            Registration r,
            Basis basis,
            Component lossComponent,
            int sign,
            java.util.Set<String> missingCcc,
            java.util.Set<Integer> inUse) {
        int c = ccc(r, Component.C, basis, missingCcc);
        int l = ccc(r, lossComponent, basis, missingCcc);
        if (c < 0 || l < 0 || bmu < 0) {
            return -1;
        }
        // the CCC pair follows from (MQ, measurement class, loss component, basis): key by that, 8 bits
        int pair = cccKey(r, lossComponent, basis);
        long key = (long) bmu << 32 | pair;
        int idx = cellIndex.get(key);
        if (idx < 0) {
            inUse.add(c);
            inUse.add(l);
            idx = cells.size();
            cellIndex.put(key, idx);
            cells.add(new Cell(bmu, c, l, sign));
        }
        return idx;
    }

    /** CCC id per 8-bit attribute key ({@link #cccKey}), or -1 if none, or -2 not yet resolved. */
    private final int[] cccCache = filled(256, -2);

    private static int[] filled(int size, int value) {
        int[] a = new int[size];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** An 8-bit key of what selects a CCC: MQ (1 bit), measurement class (3), component (2), basis (2). */
    private static int cccKey(Registration r, Component component, Basis basis) {
        return r.direction().ordinal()
                | r.measurementClass().ordinal() << 1
                | component.ordinal() << 4
                | basis.ordinal() << 6;
    }

    private int ccc(Registration r, Component component, Basis basis, java.util.Set<String> missing) {
        int key = cccKey(r, component, basis);
        int cached = cccCache[key];
        if (cached == -2) {
            cached = findCcc(r, component, basis, missing);
            cccCache[key] = cached;
        }
        return cached;
    }

    private int findCcc(Registration r, Component component, Basis basis, java.util.Set<String> missing) {
        boolean hh = r.halfHourly();
        boolean metered = r.measurementClass().metered();
        int found = -1;
        int count = 0;
        for (ConsumptionComponentClass c : cccs.values()) {
            if (c.matches(r.direction(), hh, metered, component, basis, r.measurementClass())) {
                found = c.id();
                count++;
            }
        }
        if (count != 1) {
            missing.add((count == 0 ? "no CCC" : count + " CCCs") + " on " + date + " for " + r.direction() + " "
                    + (hh ? "HH" : "NHH") + " " + (metered ? "metered" : "unmetered") + " component " + component
                    + " basis " + basis + " measurement class " + r.measurementClass());
            return -1;
        }
        return found;
    }

    private long @Nullable [] resolveLlf(LineLossFactors table, LineLossFactorClass llfc) {
        long[] v = table.forDate(llfc, date);
        if (v != null && v.length == periods) {
            return v;
        }
        switch (config.llfFallback()) {
            case PREVIOUS_YEAR -> {
                LocalDate earlier = sameDayAYearEarlier(date);
                long[] prev = table.forDate(llfc, earlier);
                if (prev != null && prev.length == periods) {
                    issues.add(new CalculationIssue(
                            IssueCode.LLF_FALLBACK,
                            null,
                            0,
                            "no LLF for LLFC " + llfc + " on " + date + "; used those of " + earlier));
                    return prev;
                }
                return null;
            }
            case UNITY -> {
                issues.add(new CalculationIssue(
                        IssueCode.LLF_FALLBACK, null, 0, "no LLF for LLFC " + llfc + " on " + date + "; used 1.0"));
                long[] ones = new long[periods];
                java.util.Arrays.fill(ones, LineLossFactors.SCALE);
                return ones;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The date whose LLFs stand in for a missing date's, as the CDCA does: the same date a year earlier; 29 February
     * maps to 28 February; a clock-change day maps to the previous year's clock-change day of the same kind.
     */
    static LocalDate sameDayAYearEarlier(LocalDate date) {
        SettlementDate sd = SettlementDate.of(date);
        int n = sd.periodCount();
        if (n != 48) {
            // last Sunday of March (46) or October (50) of the previous year
            Month month = n == 46 ? Month.MARCH : Month.OCTOBER;
            LocalDate d = LocalDate.of(date.getYear() - 1, month, month.length(false));
            while (d.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
                d = d.minusDays(1);
            }
            return d;
        }
        LocalDate earlier = date.minusYears(1); // 29 Feb -> 28 Feb
        int en = SettlementDate.of(earlier).periodCount();
        return en == 48 ? earlier : earlier.minusDays(1);
    }

    private static String ranges(List<Integer> periods) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < periods.size()) {
            int j = i;
            while (j + 1 < periods.size() && periods.get(j + 1) == periods.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(periods.get(i));
            if (j > i) {
                sb.append('-').append(periods.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
