package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gbsettle export} without a database: its help, and bad arguments refused before anything starts. */
class ExportCommandTest {

    private final GbSettleCli gbsettle = GbSettleCli.withoutDatabase();

    @Test
    void help_describes_the_options() {
        Result r = gbsettle.run("export", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("Usage: gbsettle export")
                .contains("--run=ID")
                .contains("--format=parquet|csv")
                .contains("--out=DIR")
                .contains("--by-supplier")
                .contains("manifest.json");
        assertThat(gbsettle.run("--help").out()).contains("export");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            export                              | Missing required options: '--run=ID', '--format=parquet|csv'
            export --format csv                 | Missing required option: '--run=ID'
            export --run 1                      | Missing required option: '--format=parquet|csv'
            export --run 1 --format xlsx        | Invalid value for option '--format': Export format must be parquet or csv, not 'xlsx'
            export --run x --format csv         | Invalid value for option '--run': 'x' is not a long
            """)
    void bad_arguments_exit_2(String args, String message) {
        Result r = gbsettle.run(args.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(message).contains("Usage: gbsettle export");
    }
}
