package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.PartitionOutcome;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRequest;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunCommandTest {

    @Test
    void the_summary_has_a_line_per_group_and_says_where_the_results_are() {
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        RunOutcome outcome = new RunOutcome(
                42,
                3,
                Instant.parse("2026-02-06T00:00:00Z"),
                "c".repeat(64),
                "d".repeat(64),
                List.of(
                        new PartitionOutcome("_A", 2774, 130_000, 2, new BigDecimal("0.98"), new BigDecimal("1.05"), a),
                        new PartitionOutcome("_B", 10, 0, 0, null, null, b)),
                2,
                List.of(
                        new RunOutcome.StepTime("job", java.time.Duration.ofMillis(1_234)),
                        new RunOutcome.StepTime("prepare", java.time.Duration.ofMillis(400)),
                        new RunOutcome.StepTime("calculate", java.time.Duration.ofMillis(800)),
                        new RunOutcome.StepTime("publish", java.time.Duration.ofMillis(34))));
        RunRequest request = new RunRequest(LocalDate.of(2026, 1, 15), RunType.SF, null, null, "ops", "");

        String text = RunCommand.summary(request, outcome);

        assertThat(text.lines().toList())
                .startsWith("Run 42: 2026-01-15 SF 3 COMPLETE, data cut-off 2026-02-06T00:00:00Z")
                .contains(
                        "_A        2774    130000           2  0.98 .. 1.05              " + a,
                        "_B          10         0           0  -                         " + b,
                        "2 row(s) quarantined in no GSP group (MPAN registered nowhere)",
                        "Time job 1.234 s, prepare 0.400 s, calculate 0.800 s, publish 0.034 s",
                        "Output fingerprint " + "d".repeat(64));
        assertThat(text).contains("run_id = 42").contains("settlement_volume_latest_v1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "run --type SF                        | Missing required option: '--date=DATE'",
                "run --date 2026-01-15                | Missing required option: '--type=TYPE'",
                "run --date 2026-01-15 --type XX      | Invalid value for option '--type'",
                "run --date 2026-01-15 --type SF --number 0 | --number must be 1 or more",
                "run --date 2026-01-15 --type RF --force   | --force needs --reason TEXT"
            })
    void bad_arguments_exit_2_with_the_reason(String args, String message) {
        Result r = GbSettleCli.withoutDatabase().run(args.trim().split("\\s+"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }
}
