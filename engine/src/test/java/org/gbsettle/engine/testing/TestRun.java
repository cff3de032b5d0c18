package org.gbsettle.engine.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.input.RecentConsumption;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.HhDefaultEac;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ProfileCoefficients;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.Explanation;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.jspecify.annotations.Nullable;

/**
 * A small run for tests: one GSP group and date, the CCCs and weights of {@link TestReferenceData}, flat LLFs, BM
 * units, registrations, reads and takes. Periods without a take get 0. Reads are received at {@link #T0} plus the
 * given minutes; the data cut-off is far in the future unless set.
 */
public final class TestRun {

    /** Receipt time of reads with offset 0, microseconds since the epoch. */
    public static final long T0 = Instant.parse("2026-01-20T00:00:00Z").getEpochSecond() * 1_000_000L;

    private final GspGroup group;
    private final SettlementDate date;
    private final List<Registration> registrations = new ArrayList<>();
    private final MeterReads.Builder reads = MeterReads.builder();
    private final LineLossFactors.Builder llfs = LineLossFactors.builder();
    private final List<BmUnit> units = new ArrayList<>();
    private final @Nullable BigDecimal[] takes;
    private final List<RecentConsumption> recent = new ArrayList<>();
    private List<ConsumptionComponentClass> cccs = TestReferenceData.cccs();
    private List<ScalingWeight> weights = TestReferenceData.weights();
    private final List<HhDefaultEac> defaultEacs = new ArrayList<>();
    private final ProfileCoefficients.Builder coefficients = ProfileCoefficients.builder();
    private PublishedLoadShapes shapes = PublishedLoadShapes.none();
    private CalculationConfig config = CalculationConfig.defaults();
    private Instant cutoff = Instant.parse("2030-01-01T00:00:00Z");
    private RunType runType = RunType.SF;

    private TestRun(String group, String date) {
        this.group = GspGroup.of(group);
        this.date = SettlementDate.parse(date);
        this.takes = new BigDecimal[this.date.periodCount()];
        java.util.Arrays.fill(takes, BigDecimal.ZERO);
    }

    /** A run of a group (e.g. {@code _A}) on a date ({@code 2026-01-15}). */
    public static TestRun on(String group, String date) {
        return new TestRun(group, date);
    }

    public SettlementDate date() {
        return date;
    }

    public GspGroup group() {
        return group;
    }

    /** The same LLF in every period of the date for LLFC {@code code} of distributor {@code DIST}. */
    public TestRun llf(String code, String value) {
        llfs.putFlat(LineLossFactorClass.of("DIST", code), date.date(), date.periodCount(), new BigDecimal(value));
        return this;
    }

    /** Direct access to the LLF table builder (per-period values, other dates, site-specific classes). */
    public LineLossFactors.Builder llfs() {
        return llfs;
    }

    /** A supplier BM unit of the group; {@code nnn == 0} is the default unit. */
    public TestRun unit(String supplier, int nnn) {
        units.add(TestReferenceData.bmUnit(supplier, group, nnn));
        return this;
    }

    public TestRun unit(BmUnit unit) {
        units.add(unit);
        return this;
    }

    public TestRun system(Registration r) {
        registrations.add(r);
        return this;
    }

    public TestRun system(RegistrationBuilder r) {
        return system(r.group(group.id()).build());
    }

    /** A read with quality A or E received {@code minutes} after T0, row id = its position. */
    public TestRun read(long mpan, byte mq, int period, String kwh, char quality, int minutes) {
        reads.add(
                mpan,
                mq,
                period,
                new BigDecimal(kwh).movePointRight(3).longValueExact(),
                (byte) quality,
                T0 + minutes * 60_000_000L);
        return this;
    }

    /** An import read received at T0. */
    public TestRun read(long mpan, int period, String kwh, char quality) {
        return read(mpan, MeterReads.AI, period, kwh, quality, 0);
    }

    /** The same import read in every period of the date. */
    public TestRun readAll(long mpan, String kwh, char quality) {
        for (int p = 1; p <= date.periodCount(); p++) {
            read(mpan, p, kwh, quality);
        }
        return this;
    }

    public MeterReads.Builder reads() {
        return reads;
    }

    public TestRun take(int period, String mwh) {
        takes[period - 1] = new BigDecimal(mwh);
        return this;
    }

    public TestRun takeAll(String mwh) {
        for (int p = 1; p <= takes.length; p++) {
            take(p, mwh);
        }
        return this;
    }

    /** Removes the take of a period (to test MISSING_TAKE). */
    public TestRun noTake(int period) {
        takes[period - 1] = null;
        return this;
    }

    public TestRun cccs(List<ConsumptionComponentClass> value) {
        cccs = value;
        return this;
    }

    public TestRun weights(List<ScalingWeight> value) {
        weights = value;
        return this;
    }

    public TestRun defaultEac(HhDefaultEac value) {
        defaultEacs.add(value);
        return this;
    }

    public ProfileCoefficients.Builder coefficients() {
        return coefficients;
    }

    public TestRun shapes(PublishedLoadShapes value) {
        shapes = value;
        return this;
    }

    public TestRun recent(RecentConsumption value) {
        recent.add(value);
        return this;
    }

    public TestRun config(CalculationConfig value) {
        config = value;
        return this;
    }

    public TestRun cutoff(Instant value) {
        cutoff = value;
        return this;
    }

    public TestRun runType(RunType value) {
        runType = value;
        return this;
    }

    public ReferenceData reference() {
        return ReferenceData.builder()
                .consumptionComponentClasses(cccs)
                .scalingWeights(weights)
                .bmUnits(units)
                .lineLossFactors(llfs.build())
                .profileCoefficients(coefficients.build())
                .hhDefaultEacs(defaultEacs)
                .build();
    }

    public RunInputs inputs() {
        GspGroupTake.Builder t = GspGroupTake.builder(group, date, 1);
        for (int p = 1; p <= takes.length; p++) {
            if (takes[p - 1] != null) {
                t.period(p, takes[p - 1], false);
            }
        }
        return new RunInputs(
                new RunContext(date, runType, 1, group, cutoff),
                config,
                MeteringSystems.of(registrations),
                reads.build(),
                t.build(),
                shapes,
                recent);
    }

    public RunResult run() {
        return SettlementCalculator.calculate(inputs(), reference());
    }

    public Explanation explain(long mpan, int period) {
        return SettlementCalculator.explain(inputs(), reference(), mpan, period);
    }
}
