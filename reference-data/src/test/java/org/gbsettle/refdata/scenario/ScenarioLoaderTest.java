package org.gbsettle.refdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gbsettle.refdata.scenario.ScenarioFixtures.append;
import static org.gbsettle.refdata.scenario.ScenarioFixtures.replace;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void test_sample_scenario_inputs() {
        Scenario s = ScenarioLoader.load(ScenarioFixtures.sample());

        assertThat(s.name()).isEqualTo("given_one_hh_import_mpan_normal_day");
        assertThat(s.inputs().context().settlementDate()).isEqualTo(SettlementDate.of(2026, 1, 15));
        assertThat(s.inputs().context().runType()).isEqualTo(RunType.SF);
        assertThat(s.inputs().context().runNumber()).isEqualTo(1);
        assertThat(s.inputs().context().gspGroup()).isEqualTo(GspGroups.A);
        assertThat(s.inputs().context().dataCutoff()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(s.inputs().config()).isEqualTo(CalculationConfig.defaults());
        assertThat(s.inputs().meteringSystems().size()).isEqualTo(1);
        assertThat(s.inputs().reads().size()).isEqualTo(48);
        assertThat(s.inputs().take().mwh(17)).isEqualTo(new BigDecimal("0.0044"));
        assertThat(s.inputs().take().cdcaRunNumber()).isEqualTo(1);
        long[] llf = s.referenceData()
                .lineLossFactors()
                .forDate(
                        LineLossFactorClass.of("EELC", "210"),
                        s.inputs().context().settlementDate().date());
        assertThat(llf).hasSize(48);
        assertThat(llf[47]).isEqualTo(1_100_000L);
        assertThat(s.referenceData().gspGroups()).hasSize(14);
        assertThat(s.referenceData().version()).startsWith("reference-dir:when:sha256:");
        assertThat(s.rejectedReads()).isEmpty();
    }

    @Test
    void test_reader_rejected_rows_join_the_quarantine_and_data_quality_tables() {
        Path dir = ScenarioFixtures.copy(tmp);
        // lines 50 and 51 (after the header and 48 rows): 4 dp in SP5, quality X in SP6 (1.500 kWh), another date
        append(
                dir.resolve("when/meter_reads.csv"),
                "1012345678903,2026-01-15,5,AI,1.2345,A,2026-01-16T07:00:00Z\n"
                        + "1012345678903,2026-01-15,6,AI,1.500,X,2026-01-16T07:00:00Z\n"
                        + "1012345678903,2026-01-14,6,AI,1.500,A,2026-01-16T07:00:00Z\n");

        RunResult r = ScenarioLoader.load(dir).calculate();

        assertThat(r.tables().table("quarantine.csv"))
                .isEqualTo("row_id,mpan,settlement_period,field,value,reason\n"
                        + "50,1012345678903,5,kwh,1.2345,BAD_VALUE\n"
                        + "51,1012345678903,6,quality,X,BAD_VALUE\n"
                        + "52,1012345678903,0,settlement_date,2026-01-14,BAD_PERIOD\n");
        // per period, then the day total; the 4 dp value counts no energy, quality X counts its 1.5 kWh
        assertThat(r.tables().table("data_quality.csv"))
                .contains("0,QUARANTINED_BAD_PERIOD,1,0.001500\n"
                        + "5,QUARANTINED_BAD_VALUE,1,0.000000\n"
                        + "6,QUARANTINED_BAD_VALUE,1,0.001500\n"
                        + "0,QUARANTINED_BAD_VALUE,2,0.001500\n")
                .contains("0,ACTUAL,48,0.192000\n");
        // the accepted values are untouched: SP5 still 2.000 kWh
        assertThat(r.tables().table("bm_unit_volume.csv")).contains("SUPA,2__ASUPA000,5,0.0021,0.0021\n");
    }

    @Test
    void test_every_problem_of_every_file_is_listed_together() {
        Path dir = ScenarioFixtures.copy(tmp);
        replace(dir.resolve("when/run.properties"), "run_type=SF", "run_type=SX");
        replace(dir.resolve("when/ccc.csv"), "23,AI,H,M,C,A,E;F;G", "23,AI,H,M,C,A,E;F;Q");
        replace(dir.resolve("when/registrations.csv"), ",MHHS,", ",NEW,");
        replace(dir.resolve("when/take.I029"), "AGP|17|F|I|0.0044|", "AGP|17|F|I|0.00441|");
        replace(dir.resolve("when/LLFEELC20250401.D0265"), "SPL|2|1.050", "SPL|2|1.05O");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOfSatisfying(
                        ReferenceFileException.class,
                        e -> assertThat(e.problems())
                                .extracting(ReferenceFileException.Problem::text)
                                .containsExactlyInAnyOrder(
                                        "ccc.csv line 24, field measurement_classes: Measurement class 'Q' is not one of A-G",
                                        "registrations.csv line 2, field settlement_regime: Settlement regime 'NEW' is not"
                                                + " LEGACY or MHHS",
                                        "LLFEELC20250401.D0265 line 6 (SPL), field LLF value: '1.05O' is not a decimal",
                                        "run.properties line 3, field run_type: Run type 'SX' is not one of II, SF, R1, R2,"
                                                + " R3, RF, DF, D, DR"));
        // the take and meter reads need the run's date, so their problems come once run.properties is right
        replace(dir.resolve("when/run.properties"), "run_type=SX", "run_type=SF");
        replace(dir.resolve("when/ccc.csv"), "E;F;Q", "E;F;G");
        replace(dir.resolve("when/registrations.csv"), ",NEW,", ",MHHS,");
        replace(dir.resolve("when/LLFEELC20250401.D0265"), "SPL|2|1.05O", "SPL|2|1.050");
        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage("take.I029 line 18 (AGP), field GSP group take: '0.00441' has more than 4 decimal places");
    }

    @Test
    void test_missing_files_are_listed() throws IOException {
        Path dir = ScenarioFixtures.copy(tmp);
        Files.delete(dir.resolve("when/meter_reads.csv"));
        Files.delete(dir.resolve("when/bm_units.csv"));

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("meter_reads.csv: required scenario file is missing from")
                .hasMessageContaining("bm_units.csv: required reference file is missing from");
    }

    @Test
    void test_overlapping_ranges_are_a_conflict() {
        Path dir = ScenarioFixtures.copy(tmp);
        append(dir.resolve("when/bm_units.csv"), "2__ASUPA000,SUPA,SUPALTD,_A,G,T,2026-01-01,\n");

        assertThatThrownBy(() -> ScenarioLoader.load(dir))
                .isInstanceOf(ReferenceDataConflictException.class)
                .hasMessageContaining("BM unit 2__ASUPA000: effective ranges 2025-04-01.. and 2026-01-01.. overlap")
                .hasMessageContaining("default BM unit of supplier/group SUPA/_A");
    }

    @Test
    void test_a_take_without_the_runs_block_fails_the_run_as_missing_take() {
        Path dir = ScenarioFixtures.copy(tmp);
        replace(dir.resolve("when/take.I029"), "AGV|_A|20260115|", "AGV|_A|20260116|");

        Scenario s = ScenarioLoader.load(dir);

        assertThatThrownBy(s::calculate)
                .isInstanceOf(MissingReferenceDataException.class)
                .hasMessageContaining("MISSING_TAKE: no GSP group take for _A on 2026-01-15 for period(s) 1-48 of 48");
    }

    @Test
    void test_published_load_shapes_of_the_group_are_read() {
        Path dir = ScenarioFixtures.copy(tmp);
        append(dir.resolve("when/run.properties"), "loadShape.source=PUBLISHED\n");
        ScenarioFixtures.append(
                dir.resolve("when/load_shape_period.csv"),
                "gsp_group_id,connection_type,market_segment,domestic,measurement_quantity,settlement_period,value\n"
                        + "_A,W,S,false,AI,48,4.5\n_B,W,S,false,AI,48,9.9\n");
        ScenarioFixtures.append(
                dir.resolve("when/load_shape_totals.csv"),
                "gsp_group_id,connection_type,market_segment,domestic,measurement_quantity,annual_total\n"
                        + "_A,W,S,false,AI,70080\n");

        Scenario s = ScenarioLoader.load(dir);

        LoadShapeCategory cat = new LoadShapeCategory(ConnectionType.W, MarketSegment.S, false, MeasurementQuantity.AI);
        assertThat(s.inputs().config().loadShapeSource()).isEqualTo(CalculationConfig.LoadShapeSource.PUBLISHED);
        assertThat(s.inputs().publishedLoadShapes().value(cat, 48)).isEqualByComparingTo("4.5");
        assertThat(s.inputs().publishedLoadShapes().annualTotal(cat)).isEqualByComparingTo("70080");
    }
}
