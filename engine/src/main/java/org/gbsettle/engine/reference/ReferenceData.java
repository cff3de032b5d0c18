package org.gbsettle.engine.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.gbsettle.engine.metering.MeasurementClass;

/**
 * All effective-dated reference data the calculation reads, immutable: GSP groups, BSC parties, consumption component
 * classes and their scaling weights, BM units, line loss factors, profile coefficients and HH default EACs.
 *
 * <p>Every record carries an effective range; lookups take the settlement date. Overlapping ranges for one key fail
 * {@link Builder#build()} with a {@link ReferenceDataConflictException} listing them all.
 */
public final class ReferenceData {

    private final List<GspGroupInfo> gspGroups;
    private final List<BscParty> parties;
    private final List<ConsumptionComponentClass> cccs;
    private final List<ScalingWeight> weights;
    private final List<BmUnit> bmUnits;
    private final LineLossFactors lineLossFactors;
    private final ProfileCoefficients profileCoefficients;
    private final List<HhDefaultEac> hhDefaultEacs;
    private final String version;

    private ReferenceData(Builder b) {
        this.gspGroups = List.copyOf(b.gspGroups);
        this.parties = List.copyOf(b.parties);
        this.cccs = List.copyOf(b.cccs);
        this.weights = List.copyOf(b.weights);
        this.bmUnits = List.copyOf(b.bmUnits);
        this.lineLossFactors = b.lineLossFactors;
        this.profileCoefficients = b.profileCoefficients;
        this.hhDefaultEacs = List.copyOf(b.hhDefaultEacs);
        this.version = b.version;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A free-text identity of this reference data (load versions), recorded in run fingerprints. */
    public String version() {
        return version;
    }

    /** GSP groups as in MDD. */
    public List<GspGroupInfo> gspGroups() {
        return gspGroups;
    }

    /** BSC parties and their roles. */
    public List<BscParty> parties() {
        return parties;
    }

    /** Every CCC record, all dates. */
    public List<ConsumptionComponentClass> consumptionComponentClasses() {
        return cccs;
    }

    /** The CCCs in force on a date, by id. */
    public List<ConsumptionComponentClass> consumptionComponentClassesOn(LocalDate date) {
        return cccs.stream()
                .filter(c -> c.effective().contains(date))
                .sorted(Comparator.comparingInt(ConsumptionComponentClass::id))
                .toList();
    }

    /** Every scaling weight record, all dates. */
    public List<ScalingWeight> scalingWeights() {
        return weights;
    }

    /** The scaling weight of a CCC on a date, if any. */
    public Optional<BigDecimal> scalingWeight(int cccId, LocalDate date) {
        return weights.stream()
                .filter(w -> w.cccId() == cccId && w.effective().contains(date))
                .map(ScalingWeight::weight)
                .findFirst();
    }

    /** Every BM unit record, all dates. */
    public List<BmUnit> bmUnits() {
        return bmUnits;
    }

    /** The supplier BM units (types G and S) of a GSP group in force on a date, by id. */
    public List<BmUnit> supplierBmUnitsOn(GspGroup group, LocalDate date) {
        return bmUnits.stream()
                .filter(u -> u.gspGroup().equals(group)
                        && u.type().supplierUnit()
                        && u.effective().contains(date))
                .sorted(Comparator.comparing(BmUnit::id))
                .toList();
    }

    /** Line loss factors. */
    public LineLossFactors lineLossFactors() {
        return lineLossFactors;
    }

    /** Profile coefficients. */
    public ProfileCoefficients profileCoefficients() {
        return profileCoefficients;
    }

    /** Every HH default EAC record. */
    public List<HhDefaultEac> hhDefaultEacs() {
        return hhDefaultEacs;
    }

    /** The HH default EAC (kWh/yr) of a measurement class on a date, if any. */
    public Optional<BigDecimal> hhDefaultEac(MeasurementClass measurementClass, LocalDate date) {
        return hhDefaultEacs.stream()
                .filter(e -> e.measurementClass() == measurementClass
                        && e.effective().contains(date))
                .map(HhDefaultEac::eacKwh)
                .findFirst();
    }

    /** Builds {@link ReferenceData}; {@link #build()} checks effective ranges. */
    public static final class Builder {
        private final List<GspGroupInfo> gspGroups = new ArrayList<>();
        private final List<BscParty> parties = new ArrayList<>();
        private final List<ConsumptionComponentClass> cccs = new ArrayList<>();
        private final List<ScalingWeight> weights = new ArrayList<>();
        private final List<BmUnit> bmUnits = new ArrayList<>();
        private LineLossFactors lineLossFactors = LineLossFactors.empty();
        private ProfileCoefficients profileCoefficients = ProfileCoefficients.empty();
        private final List<HhDefaultEac> hhDefaultEacs = new ArrayList<>();
        private String version = "unversioned";

        private Builder() {}

        public Builder gspGroups(List<GspGroupInfo> values) {
            gspGroups.addAll(values);
            return this;
        }

        public Builder parties(List<BscParty> values) {
            parties.addAll(values);
            return this;
        }

        public Builder consumptionComponentClasses(List<ConsumptionComponentClass> values) {
            cccs.addAll(values);
            return this;
        }

        public Builder scalingWeights(List<ScalingWeight> values) {
            weights.addAll(values);
            return this;
        }

        public Builder bmUnits(List<BmUnit> values) {
            bmUnits.addAll(values);
            return this;
        }

        public Builder lineLossFactors(LineLossFactors value) {
            lineLossFactors = Objects.requireNonNull(value);
            return this;
        }

        public Builder profileCoefficients(ProfileCoefficients value) {
            profileCoefficients = Objects.requireNonNull(value);
            return this;
        }

        public Builder hhDefaultEacs(List<HhDefaultEac> values) {
            hhDefaultEacs.addAll(values);
            return this;
        }

        public Builder version(String value) {
            version = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The reference data.
         *
         * @throws ReferenceDataConflictException if ranges overlap for one key, listing every conflict
         */
        public ReferenceData build() {
            List<String> conflicts = new ArrayList<>();
            overlaps(conflicts, "GSP group", gspGroups, g -> g.id().id(), g -> EffectiveRange.ALWAYS);
            overlaps(conflicts, "BSC party role", parties, p -> p.partyId() + "/" + p.role(), BscParty::effective);
            overlaps(conflicts, "CCC", cccs, c -> Integer.toString(c.id()), ConsumptionComponentClass::effective);
            overlaps(
                    conflicts,
                    "scaling weight of CCC",
                    weights,
                    w -> Integer.toString(w.cccId()),
                    ScalingWeight::effective);
            overlaps(conflicts, "BM unit", bmUnits, u -> u.id().id(), BmUnit::effective);
            overlaps(
                    conflicts,
                    "default BM unit of supplier/group",
                    bmUnits.stream().filter(BmUnit::defaultUnit).toList(),
                    u -> u.supplier() + "/" + u.gspGroup(),
                    BmUnit::effective);
            overlaps(
                    conflicts,
                    "HH default EAC of measurement class",
                    hhDefaultEacs,
                    e -> e.measurementClass().name(),
                    HhDefaultEac::effective);
            if (!conflicts.isEmpty()) {
                throw new ReferenceDataConflictException(conflicts);
            }
            return new ReferenceData(this);
        }

        private static <T> void overlaps(
                List<String> out,
                String what,
                List<T> rows,
                Function<T, String> key,
                Function<T, EffectiveRange> range) {
            Map<String, List<T>> byKey = new LinkedHashMap<>();
            for (T row : rows) {
                byKey.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
            }
            byKey.forEach((k, list) -> {
                for (int i = 0; i < list.size(); i++) {
                    for (int j = i + 1; j < list.size(); j++) {
                        EffectiveRange a = range.apply(list.get(i));
                        EffectiveRange b = range.apply(list.get(j));
                        if (a.overlaps(b)) {
                            out.add(what + " " + k + ": effective ranges " + a + " and " + b + " overlap");
                        }
                    }
                }
            });
        }
    }
}
