package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The settlement run job's partitioning of GSP groups and its additions to the engine's data-quality counts. */
class SettlementRunJobTest {

    private static final List<String> GROUPS = List.of("_A", "_B", "_C", "_D", "_E");

    @ParameterizedTest(name = "grid size {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "0; _A,_B,_C,_D,_E", // one partition per group
                "5; _A,_B,_C,_D,_E",
                "9; _A,_B,_C,_D,_E", // no more partitions than groups
                "2; _A+_C+_E,_B+_D", // dealt in turn
                "3; _A+_D,_B+_E,_C",
                "1; _A+_B+_C+_D+_E"
            })
    void groups_are_dealt_into_partitions(int gridSize, String expected) {
        Map<String, ExecutionContext> partitions = SettlementRunJob.partitions(GROUPS, gridSize);
        assertThat(partitions.keySet()).containsExactly(expected.split(","));
        partitions.forEach((name, context) ->
                assertThat(context.getString(SettlementRunJob.GROUPS)).isEqualTo(name));
    }

    @Test
    void reader_rejections_are_counted_in_their_period_and_the_day_total() {
        List<DataQualityCount> engine = List.of(
                new DataQualityCount(3, DataQualityMeasure.ACTUAL, 2, new BigDecimal("0.000300")),
                new DataQualityCount(0, DataQualityMeasure.ACTUAL, 2, new BigDecimal("0.000300")),
                new DataQualityCount(5, DataQualityMeasure.QUARANTINED_BAD_VALUE, 1, new BigDecimal("0.000010")),
                new DataQualityCount(0, DataQualityMeasure.QUARANTINED_BAD_VALUE, 1, new BigDecimal("0.000010")));
        List<RunMeterData.Rejection> rejected = List.of(
                // quality X on a 105 Wh value in period 5: joins the engine's count there
                rejection(5, "quality", "BAD_VALUE", 105),
                // period 49 on a 48-period day: day total only; its -2,000 Wh value counts by magnitude
                rejection(49, "settlement_period", "BAD_PERIOD", -2_000),
                // an unreadable value: counted, no energy
                rejection(7, "kwh", "BAD_VALUE", 0));

        List<DataQualityCount> all = PartitionCalculation.withReaderRejections(engine, rejected, 48);

        // 1 Wh = 0.000001 MWh
        assertThat(all)
                .containsExactly(
                        new DataQualityCount(3, DataQualityMeasure.ACTUAL, 2, new BigDecimal("0.000300")),
                        new DataQualityCount(0, DataQualityMeasure.ACTUAL, 2, new BigDecimal("0.000300")),
                        new DataQualityCount(
                                0, DataQualityMeasure.QUARANTINED_BAD_PERIOD, 1, new BigDecimal("0.002000")),
                        new DataQualityCount(
                                5, DataQualityMeasure.QUARANTINED_BAD_VALUE, 2, new BigDecimal("0.000115")),
                        new DataQualityCount(
                                7, DataQualityMeasure.QUARANTINED_BAD_VALUE, 1, new BigDecimal("0.000000")),
                        new DataQualityCount(
                                0, DataQualityMeasure.QUARANTINED_BAD_VALUE, 3, new BigDecimal("0.000115")));
        assertThat(PartitionCalculation.withReaderRejections(engine, List.of(), 48))
                .isSameAs(engine);
    }

    private static RunMeterData.Rejection rejection(int period, String field, String reason, long wh) {
        return new RunMeterData.Rejection(
                new QuarantineOutput(1, "f.parquet", 2, 2000024512368L, period, field, "x", reason, "test"), wh);
    }
}
