package org.gbsettle.jobs.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generator's model: group sizes, periods, shapes, LLFs and the command line. */
class GbDayModelTest {

    @Test
    void groups_are_sized_like_the_real_ones_and_add_up() {
        long[] sizes = GbDayModel.groupSizes(33_800_000);
        assertThat(Arrays.stream(sizes).sum()).isEqualTo(33_800_000);
        // _A: 3.7 of 29.8 million = 33.8M x 3.7 / 29.8 = 4,196,644.3; _P: 0.8 / 29.8 = 907,382.6
        assertThat(sizes[0]).isBetween(4_196_644L, 4_196_645L);
        assertThat(sizes[13]).isBetween(907_382L, 907_383L);
        assertThat(Arrays.stream(GbDayModel.groupSizes(14)).sum()).isEqualTo(14);
        assertThat(GbDayModel.groupSizes(14)).containsOnly(1);
    }

    @ParameterizedTest
    @CsvSource({"2026-01-15, 48", "2026-03-29, 46", "2026-10-25, 50", "2026-07-01, 48"})
    void periods_follow_the_clock_changes(LocalDate date, int periods) {
        assertThat(GbDayModel.periods(date)).isEqualTo(periods);
        assertThat(GbDayModel.localHours(date)).hasSize(periods);
    }

    @Test
    void on_the_long_day_local_hours_repeat_once() {
        double[] h = GbDayModel.localHours(LocalDate.of(2026, 10, 25));
        // SP1 00:00-00:30 local (mid 00:15), SP3 01:00-01:30 BST, SP5 01:00-01:30 GMT again, SP50 23:30-24:00
        assertThat(h[0]).isEqualTo(0.25);
        assertThat(h[2]).isEqualTo(1.25);
        assertThat(h[4]).isEqualTo(1.25);
        assertThat(h[49]).isEqualTo(23.75);
    }

    @Test
    void shapes_sum_to_one_on_an_ordinary_day_and_peak_where_demand_does() {
        double[][] shapes = GbDayModel.shapes(LocalDate.of(2026, 1, 15));
        for (double[] s : shapes) {
            assertThat(Arrays.stream(s).sum()).isCloseTo(1.0, within(1e-12));
        }
        double[] domestic = shapes[GbDayModel.DOMESTIC];
        // evening peak (SP37, 18:00-18:30) above the night (SP7, 03:00-03:30); solar zero at night, highest at noon
        assertThat(domestic[36]).isGreaterThan(2 * domestic[6]);
        assertThat(shapes[GbDayModel.SOLAR][6]).isZero();
        assertThat(shapes[GbDayModel.SOLAR][24]).isGreaterThan(shapes[GbDayModel.SOLAR][18]);
        assertThat(shapes[GbDayModel.NON_DOMESTIC][24]).isGreaterThan(2 * shapes[GbDayModel.NON_DOMESTIC][4]);
    }

    @Test
    void llfs_are_within_1_01_and_1_12_and_higher_at_the_evening_peak() {
        double[] hours = GbDayModel.localHours(LocalDate.of(2026, 1, 15));
        BigDecimal[][] llf = GbDayModel.lineLossFactors(7, 0, hours);
        assertThat(llf.length).isEqualTo(36);
        assertThat(new HashSet<>(GbDayModel.llfcCodes())).hasSize(36);
        for (BigDecimal[] row : llf) {
            for (BigDecimal v : row) {
                assertThat(v).isBetween(new BigDecimal("1.010"), new BigDecimal("1.120"));
                assertThat(v.scale()).isEqualTo(3);
            }
            // SP35 (17:00-17:30) against SP5 (02:00-02:30)
            assertThat(row[34]).isGreaterThan(row[4]);
        }
    }

    @Test
    void suppliers_have_four_character_ids() {
        assertThat(GbDayModel.supplier(0)).isEqualTo("SUAA");
        assertThat(GbDayModel.supplier(27)).isEqualTo("SUBB");
        assertThat(GbDayModel.supplier(149)).isEqualTo("SUFT");
    }

    @Test
    void the_command_line_has_defaults_and_refuses_bad_values() {
        GbDayOptions o = GbDayOptions.parse("--metering-systems", "1_000_000", "--date", "2026-01-15", "--out", "x");
        assertThat(o.meteringSystems()).isEqualTo(1_000_000);
        assertThat(o.out()).isEqualTo(Path.of("x"));
        assertThat(List.of(o.seed(), (long) o.filesPerGroup())).containsExactly(1L, 4L);
        assertThat(o.hhShare()).isEqualTo(0.95);
        assertThatThrownBy(() -> GbDayOptions.parse("--date", "2026-01-15", "--out", "x"))
                .hasMessageContaining("--metering-systems is required");
        assertThatThrownBy(() -> GbDayOptions.parse(
                        "--metering-systems", "100", "--date", "2026-01-15", "--out", "x", "--hh-share", "1.5"))
                .hasMessageContaining("--hh-share 1.5 is outside 0..1");
        assertThatThrownBy(() -> GbDayOptions.parse("--metering-systems", "100", "--date", "15/01/2026"))
                .hasMessageContaining("--date '15/01/2026' is not valid");
    }
}
