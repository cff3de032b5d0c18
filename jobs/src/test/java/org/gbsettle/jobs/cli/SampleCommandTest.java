package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.gbsettle.jobs.sample.GroupCheck;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gbsettle sample} without a database: the list of days, an unknown day, and the check's report. */
class SampleCommandTest {

    private static final GbSettleCli GBSETTLE = GbSettleCli.withoutDatabase();

    @Test
    void list_names_the_shipped_days_with_the_first_line_of_their_readme() {
        Result r = GBSETTLE.run("sample", "--list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "2026-01-15_normal_winter_day     Sample settlement day 2026-01-15: a normal winter weekday"
                                + " (Thursday), 48 periods (default)",
                        "2026-03-29_spring_clock_change   Sample settlement day 2026-03-29: the spring clock change"
                                + " (Sunday), 46 periods",
                        "2026-10-25_autumn_clock_change   Sample settlement day 2026-10-25: the autumn clock change"
                                + " (Sunday), 50 periods");
    }

    @Test
    void list_of_a_days_dir_names_its_days() {
        Result r = GBSETTLE.run("sample", "--list", "--days-dir", "../sample-data");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("2026-01-15_normal_winter_day ").hasLineCount(3);
    }

    @Test
    void an_unknown_day_is_an_error_before_the_database_is_started(@TempDir Path tmp) {
        Result r = GBSETTLE.run("sample", "--work-dir", tmp.toString(), "2026-01-16_not_a_day");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("gbsettle sample: error: no sample day '2026-01-16_not_a_day'; the days are:"
                        + " 2026-01-15_normal_winter_day, 2026-03-29_spring_clock_change,"
                        + " 2026-10-25_autumn_clock_change");
    }

    @Test
    void the_report_is_one_line_per_matching_group_and_at_most_ten_differences_per_other_group() {
        List<String> twelve = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> "supplier_volume: expected, not written: row " + i)
                .toList();
        List<GroupCheck> checks = List.of(
                new GroupCheck("_A", List.of("supplier_volume", "quarantine"), 7, List.of()),
                new GroupCheck("_B", List.of("supplier_volume", "quarantine"), 9, twelve),
                new GroupCheck("unassigned", List.of("quarantine"), 2, List.of("quarantine: x")));

        String report = SampleCommand.render(checks);

        assertThat(report.lines().toList())
                .containsExactly(
                        "_A          matches expected outputs (supplier_volume, quarantine: 7 rows)",
                        "_B          12 difference(s) from expected outputs, the first 10:",
                        "    supplier_volume: expected, not written: row 1",
                        "    supplier_volume: expected, not written: row 2",
                        "    supplier_volume: expected, not written: row 3",
                        "    supplier_volume: expected, not written: row 4",
                        "    supplier_volume: expected, not written: row 5",
                        "    supplier_volume: expected, not written: row 6",
                        "    supplier_volume: expected, not written: row 7",
                        "    supplier_volume: expected, not written: row 8",
                        "    supplier_volume: expected, not written: row 9",
                        "    supplier_volume: expected, not written: row 10",
                        "unassigned  1 difference(s) from expected outputs:",
                        "    quarantine: x");
    }
}
