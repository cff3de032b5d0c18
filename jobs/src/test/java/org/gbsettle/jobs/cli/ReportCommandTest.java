package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code report} without a database: help and bad arguments (exit 2, nothing started). */
class ReportCommandTest {

    private final GbSettleCli gbsettle = GbSettleCli.withoutDatabase();

    @Test
    void help_names_the_files_it_writes() {
        Result r = gbsettle.run("report", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--run=ID", "--out=DIR", "var/reports", "run-ID-report.html", "--examples=N");
        assertThat(gbsettle.run("--help").out()).contains("report");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "report                            | Missing required option: '--run=ID'",
                "report --run x                    | Invalid value for option '--run'",
                "report --run 1 --examples -1      | --examples must be between 0 and 1000, not -1",
                "report --run 1 --examples 1001    | --examples must be between 0 and 1000, not 1001"
            })
    void bad_arguments_exit_2(String args, String message) {
        Result r = gbsettle.run(args.split(" "));
        assertThat(r.exitCode()).as(r.printed()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }
}
