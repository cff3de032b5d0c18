package org.gbsettle.refdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.Component;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.GspGroupInfo;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ScalingWeight;
import org.junit.jupiter.api.Test;

class ShippedReferenceDataTest {

    private static final LocalDate D = LocalDate.of(2026, 1, 15);

    @Test
    void test_gsp_groups_of_domain_6_1() {
        Map<String, String> byId = ShippedReferenceData.gspGroups().stream()
                .collect(Collectors.toMap(
                        g -> g.id().id(), g -> g.name() + "/" + g.distributorShortCode() + "/" + g.dnoMpid()));

        assertThat(ShippedReferenceData.gspGroups())
                .extracting(GspGroupInfo::id)
                .containsExactlyElementsOf(GspGroups.ALL);
        assertThat(byId)
                .containsEntry("_A", "Eastern/10/EELC")
                .containsEntry("_D", "Merseyside & North Wales/13/MANW")
                .containsEntry("_H", "Southern/20/SOUT")
                .containsEntry("_J", "South Eastern/19/SEEB")
                .containsEntry("_M", "Yorkshire/23/YELG")
                .containsEntry("_N", "South Scotland/18/SPOW")
                .containsEntry("_P", "North Scotland/17/HYDE");
    }

    @Test
    void test_cccs_1_to_31_of_domain_6_2() {
        List<Integer> ids = ShippedReferenceData.consumptionComponentClasses().stream()
                .map(ConsumptionComponentClass::id)
                .toList();
        List<Integer> expected =
                new ArrayList<>(IntStream.rangeClosed(1, 23).boxed().toList());
        expected.addAll(List.of(25, 26, 28, 30, 31));

        assertThat(ids).containsExactlyElementsOf(expected);
    }

    /** Every kind of value the calculation assigns must find exactly one shipped CCC. */
    @Test
    void test_every_metering_combination_resolves_to_one_ccc() {
        List<ConsumptionComponentClass> cccs = ShippedReferenceData.consumptionComponentClasses();
        record Case(MeasurementQuantity mq, MeasurementClass mc, Component comp, Basis basis, int ccc) {}
        MeasurementQuantity ai = MeasurementQuantity.AI;
        MeasurementQuantity ae = MeasurementQuantity.AE;
        List<Case> cases = new ArrayList<>();
        // HH 100 kW: 1/3/4 actual, 9/11/12 estimated
        cases.add(new Case(ai, MeasurementClass.C, Component.C, Basis.A, 1));
        cases.add(new Case(ai, MeasurementClass.C, Component.M, Basis.A, 3));
        cases.add(new Case(ai, MeasurementClass.C, Component.L, Basis.A, 4));
        cases.add(new Case(ai, MeasurementClass.C, Component.C, Basis.E, 9));
        cases.add(new Case(ai, MeasurementClass.C, Component.M, Basis.E, 11));
        cases.add(new Case(ai, MeasurementClass.C, Component.L, Basis.E, 12));
        // HH unmetered: 2/5 actual, 10/13 estimated
        cases.add(new Case(ai, MeasurementClass.D, Component.C, Basis.A, 2));
        cases.add(new Case(ai, MeasurementClass.D, Component.L, Basis.A, 5));
        cases.add(new Case(ai, MeasurementClass.D, Component.C, Basis.E, 10));
        cases.add(new Case(ai, MeasurementClass.D, Component.L, Basis.E, 13));
        // below 100 kW, each of E, F, G: 23/25/26 actual, 28/30/31 estimated
        for (MeasurementClass mc : List.of(MeasurementClass.E, MeasurementClass.F, MeasurementClass.G)) {
            cases.add(new Case(ai, mc, Component.C, Basis.A, 23));
            cases.add(new Case(ai, mc, Component.M, Basis.A, 25));
            cases.add(new Case(ai, mc, Component.L, Basis.A, 26));
            cases.add(new Case(ai, mc, Component.C, Basis.E, 28));
            cases.add(new Case(ai, mc, Component.M, Basis.E, 30));
            cases.add(new Case(ai, mc, Component.L, Basis.E, 31));
        }
        // export, every metered HH class: 6/7/8 actual, 14/15/16 estimated
        for (MeasurementClass mc :
                List.of(MeasurementClass.C, MeasurementClass.E, MeasurementClass.F, MeasurementClass.G)) {
            cases.add(new Case(ae, mc, Component.C, Basis.A, 6));
            cases.add(new Case(ae, mc, Component.M, Basis.A, 7));
            cases.add(new Case(ae, mc, Component.L, Basis.A, 8));
            cases.add(new Case(ae, mc, Component.C, Basis.E, 14));
            cases.add(new Case(ae, mc, Component.M, Basis.E, 15));
            cases.add(new Case(ae, mc, Component.L, Basis.E, 16));
        }
        // NHH: 17/20 metered EAC, 18/21 metered AA, 19/22 unmetered EAC
        cases.add(new Case(ai, MeasurementClass.A, Component.C, Basis.EAC, 17));
        cases.add(new Case(ai, MeasurementClass.A, Component.L, Basis.EAC, 20));
        cases.add(new Case(ai, MeasurementClass.A, Component.C, Basis.AA, 18));
        cases.add(new Case(ai, MeasurementClass.A, Component.L, Basis.AA, 21));
        cases.add(new Case(ai, MeasurementClass.B, Component.C, Basis.EAC, 19));
        cases.add(new Case(ai, MeasurementClass.B, Component.L, Basis.EAC, 22));

        for (Case c : cases) {
            List<Integer> matching = cccs.stream()
                    .filter(x -> x.matches(c.mq(), c.mc().halfHourly(), c.mc().metered(), c.comp(), c.basis(), c.mc()))
                    .map(ConsumptionComponentClass::id)
                    .toList();
            assertThat(matching).as("%s", c).containsExactly(c.ccc());
        }
    }

    @Test
    void test_illustrative_weights_one_on_nhh_and_hh_estimates_zero_on_hh_actuals() {
        Map<Integer, BigDecimal> w = ShippedReferenceData.scalingWeights().stream()
                .collect(Collectors.toMap(ScalingWeight::cccId, ScalingWeight::weight));

        for (ConsumptionComponentClass c : ShippedReferenceData.consumptionComponentClasses()) {
            BigDecimal expected = c.basis() == Basis.A ? BigDecimal.ZERO : BigDecimal.ONE;
            assertThat(w.get(c.id())).as("weight of CCC %s", c.id()).isEqualByComparingTo(expected);
        }
        assertThat(w).hasSameSizeAs(ShippedReferenceData.consumptionComponentClasses());
    }

    @Test
    void test_reference_data_builds_and_looks_up() {
        ReferenceData ref = ShippedReferenceData.referenceData();

        assertThat(ref.version()).matches("shipped:sha256:[0-9a-f]{16}");
        assertThat(ref.scalingWeight(9, D)).contains(BigDecimal.ONE);
        assertThat(ref.hhDefaultEac(MeasurementClass.F, D))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2700.0"));
        assertThat(ref.consumptionComponentClassesOn(D)).hasSize(28);
    }

    @Test
    void test_readme_describes_every_shipped_file() throws IOException {
        String readme;
        try (InputStream in = getClass().getResourceAsStream(ShippedReferenceData.RESOURCE_DIR + "README.md")) {
            assertThat(in).as("README.md next to the shipped files").isNotNull();
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String file : List.of("gsp_groups.csv", "ccc.csv", "scaling_weights.csv", "hh_default_eac.csv")) {
            assertThat(readme).contains("`" + file + "`");
        }
        assertThat(readme).containsIgnoringCase("illustrative");
    }
}
