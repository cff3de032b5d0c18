package org.gbsettle.engine.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.BmUnitType;
import org.gbsettle.engine.reference.Component;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.reference.ScalingWeight;

/**
 * Test fixtures: the CCC table of domain.md §6.2 as used by the worked examples of §10, with their illustrative
 * weights (W = 0 for CCCs 1, 4, 6, 8; 0.25 for 23, 26; 1 for 9, 12, 14, 16, 28, 31), and BM unit helpers.
 */
public final class TestReferenceData {

    private TestReferenceData() {}

    private static final Set<MeasurementClass> BIG = Set.of(MeasurementClass.C);
    private static final Set<MeasurementClass> SMALL =
            Set.of(MeasurementClass.E, MeasurementClass.F, MeasurementClass.G);

    /** The legacy CCCs the examples use, HH and NHH, with unmetered classes. */
    public static List<ConsumptionComponentClass> cccs() {
        List<ConsumptionComponentClass> l = new ArrayList<>();
        MeasurementQuantity ai = MeasurementQuantity.AI;
        MeasurementQuantity ae = MeasurementQuantity.AE;
        l.add(ccc(1, ai, true, true, Component.C, Basis.A, BIG, "HH metered consumption >100 kW, actual"));
        l.add(ccc(3, ai, true, true, Component.M, Basis.A, BIG, "HH metered site-specific losses, actual"));
        l.add(ccc(4, ai, true, true, Component.L, Basis.A, BIG, "HH metered losses >100 kW, actual"));
        l.add(ccc(2, ai, true, false, Component.C, Basis.A, Set.of(), "HH unmetered consumption, actual"));
        l.add(ccc(5, ai, true, false, Component.L, Basis.A, Set.of(), "HH unmetered losses, actual"));
        l.add(ccc(6, ae, true, true, Component.C, Basis.A, Set.of(), "HH metered export, actual"));
        l.add(ccc(8, ae, true, true, Component.L, Basis.A, Set.of(), "HH metered export losses, actual"));
        l.add(ccc(9, ai, true, true, Component.C, Basis.E, BIG, "HH metered consumption >100 kW, estimated"));
        l.add(ccc(11, ai, true, true, Component.M, Basis.E, BIG, "HH metered site-specific losses, estimated"));
        l.add(ccc(12, ai, true, true, Component.L, Basis.E, BIG, "HH metered losses >100 kW, estimated"));
        l.add(ccc(10, ai, true, false, Component.C, Basis.E, Set.of(), "HH unmetered consumption, estimated"));
        l.add(ccc(13, ai, true, false, Component.L, Basis.E, Set.of(), "HH unmetered losses, estimated"));
        l.add(ccc(14, ae, true, true, Component.C, Basis.E, Set.of(), "HH metered export, estimated"));
        l.add(ccc(16, ae, true, true, Component.L, Basis.E, Set.of(), "HH metered export losses, estimated"));
        l.add(ccc(17, ai, false, true, Component.C, Basis.EAC, Set.of(), "NHH metered consumption, EAC"));
        l.add(ccc(19, ai, false, false, Component.C, Basis.EAC, Set.of(), "NHH unmetered consumption, EAC"));
        l.add(ccc(20, ai, false, true, Component.L, Basis.EAC, Set.of(), "NHH metered losses, EAC"));
        l.add(ccc(22, ai, false, false, Component.L, Basis.EAC, Set.of(), "NHH unmetered losses, EAC"));
        l.add(ccc(23, ai, true, true, Component.C, Basis.A, SMALL, "HH metered <100 kW, actual"));
        l.add(ccc(26, ai, true, true, Component.L, Basis.A, SMALL, "HH metered losses <100 kW, actual"));
        l.add(ccc(28, ai, true, true, Component.C, Basis.E, SMALL, "HH metered <100 kW, estimated"));
        l.add(ccc(31, ai, true, true, Component.L, Basis.E, SMALL, "HH metered losses <100 kW, estimated"));
        return l;
    }

    /** The illustrative weights of domain.md §10, plus 1 for NHH and HH unmetered classes. */
    public static List<ScalingWeight> weights() {
        List<ScalingWeight> l = new ArrayList<>();
        for (int id : new int[] {1, 3, 4, 6, 8, 2, 5}) {
            l.add(new ScalingWeight(id, BigDecimal.ZERO, EffectiveRange.ALWAYS));
        }
        for (int id : new int[] {23, 26}) {
            l.add(new ScalingWeight(id, new BigDecimal("0.25"), EffectiveRange.ALWAYS));
        }
        for (int id : new int[] {9, 11, 12, 14, 16, 28, 31, 10, 13, 17, 19, 20, 22}) {
            l.add(new ScalingWeight(id, BigDecimal.ONE, EffectiveRange.ALWAYS));
        }
        return l;
    }

    private static ConsumptionComponentClass ccc(
            int id,
            MeasurementQuantity mq,
            boolean hh,
            boolean metered,
            Component c,
            Basis b,
            Set<MeasurementClass> classes,
            String description) {
        return new ConsumptionComponentClass(id, mq, hh, metered, c, b, classes, description, EffectiveRange.ALWAYS);
    }

    /** A supplier BM unit in force always; {@code nnn == 0} makes it the default unit (type G). */
    public static BmUnit bmUnit(String supplier, GspGroup group, int nnn) {
        String id = "2__" + group.letter() + supplier + String.format("%03d", nnn);
        return new BmUnit(
                BmUnitId.of(id),
                MarketParticipantId.of(supplier),
                group,
                nnn == 0 ? BmUnitType.G : BmUnitType.S,
                nnn == 0,
                EffectiveRange.ALWAYS);
    }
}
