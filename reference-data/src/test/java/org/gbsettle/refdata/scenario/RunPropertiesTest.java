package org.gbsettle.refdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.api.Test;

class RunPropertiesTest {

    private static final String RUN = "settlement_date=2026-10-25\nrun_type=r1\nrun_number=2\ngsp_group=_N\n"
            + "data_cutoff=2026-12-01T00:00:00Z\n";

    private static RunProperties parse(String text) {
        return RunProperties.parse(new StringReader(text), "run.properties", Set.copyOf(GspGroups.ALL));
    }

    @Test
    void test_every_option() {
        RunProperties p = parse("# a comment\n" + RUN
                + "correction.mode=IMPORT_EXPORT\n"
                + "correction.onZeroCorrectableVolume=FAIL\n"
                + "correction.cfBandLow=0.8\n"
                + "correction.cfBandHigh = 1.2\n"
                + "rounding.balanceToTake=false\n"
                + "selection=LATEST_WINS\n"
                + "estimation.methods=MARKET_DEFAULT, LOAD_SHAPE_ANNUAL\n"
                + "loadShape.source=PUBLISHED\n"
                + "loadShape.minSample=3\n"
                + "llf.fallback=PREVIOUS_YEAR\n");

        assertThat(p.context().runNumber()).isEqualTo(2);
        assertThat(p.context().runType().name()).isEqualTo("R1");
        CalculationConfig c = p.config();
        assertThat(c.correctionMode()).isEqualTo(CalculationConfig.CorrectionMode.IMPORT_EXPORT);
        assertThat(c.onZeroCorrectableVolume()).isEqualTo(CalculationConfig.ZeroDenominatorPolicy.FAIL);
        assertThat(c.cfBandLow()).isEqualTo(new BigDecimal("0.8"));
        assertThat(c.cfBandHigh()).isEqualTo(new BigDecimal("1.2"));
        assertThat(c.balanceToTake()).isFalse();
        assertThat(c.selection()).isEqualTo(CalculationConfig.SelectionPolicy.LATEST_WINS);
        assertThat(c.estimationMethods())
                .containsExactly(EstimationMethod.MARKET_DEFAULT, EstimationMethod.LOAD_SHAPE_ANNUAL);
        assertThat(c.loadShapeSource()).isEqualTo(CalculationConfig.LoadShapeSource.PUBLISHED);
        assertThat(c.loadShapeMinSample()).isEqualTo(3);
        assertThat(c.llfFallback()).isEqualTo(CalculationConfig.LlfFallback.PREVIOUS_YEAR);
        assertThat(c.outOfRangeCapWh()).isEqualTo(CalculationConfig.defaults().outOfRangeCapWh());
    }

    @Test
    void test_empty_estimation_methods_means_none() {
        assertThat(parse(RUN + "estimation.methods=\n").config().estimationMethods())
                .isEqualTo(List.of());
    }

    @Test
    void test_problems_are_listed_with_their_lines() {
        String text = "settlement_date=2026-02-30\nrun_type=SF\nrun_number=0\ngsp_group=_Q\n"
                + "correction.mode=DOUBLE\nestimation.methods=LOAD_SHAPE_ANNUAL,LOAD_SHAPE_ANNUAL\ncorection.mode=x\n"
                + "selection\nrun_type=II\n";

        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(
                        ReferenceFileException.class,
                        e -> assertThat(e.problems())
                                .extracting(ReferenceFileException.Problem::text)
                                .containsExactly(
                                        "run.properties line 7, field corection.mode: unknown key; the keys are"
                                                + " settlement_date, run_type, run_number, gsp_group, data_cutoff,"
                                                + " correction.mode, correction.onZeroCorrectableVolume, correction.cfBandLow,"
                                                + " correction.cfBandHigh, rounding.balanceToTake, selection,"
                                                + " estimation.methods, loadShape.source, loadShape.minSample, llf.fallback,"
                                                + " outlier.ratio",
                                        "run.properties line 8: 'selection' is not key=value",
                                        "run.properties line 9, field run_type: given twice (first at line 2)",
                                        "run.properties, field data_cutoff: required key is missing",
                                        "run.properties line 1, field settlement_date: '2026-02-30' is not a date"
                                                + " (YYYY-MM-DD)",
                                        "run.properties line 3, field run_number: '0' is outside 1..9999999",
                                        "run.properties line 4, field gsp_group: REFDATA_CONFLICT: unknown GSP group '_Q'"
                                                + " (known: _A _B _C _D _E _F _G _H _J _K _L _M _N _P)",
                                        "run.properties line 5, field correction.mode: 'DOUBLE' is not one of SINGLE,"
                                                + " IMPORT_EXPORT",
                                        "run.properties line 6, field estimation.methods: 'LOAD_SHAPE_ANNUAL,LOAD_SHAPE_ANNUAL'"
                                                + " lists LOAD_SHAPE_ANNUAL twice"));
    }
}
