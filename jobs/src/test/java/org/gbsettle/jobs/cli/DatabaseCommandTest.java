package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code database} and {@code query} without a database: the psql line, and argument errors. */
class DatabaseCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://localhost:40125/gbsettle                  | psql -h localhost -p 40125 -U postgres -d gbsettle
            jdbc:postgresql://db.example:6543/settle?sslmode=require    | psql -h db.example -p 6543 -U postgres -d settle
            jdbc:postgresql://db.example/settle                         | psql -h db.example -p 5432 -U postgres -d settle
            """)
    void psql_command_line_from_a_jdbc_url(String url, String psql) {
        assertThat(DatabaseCommand.psql(url, "postgres")).isEqualTo(psql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            database --port 70000          | --port must be between 0 and 65535, not 70000
            database --port -1             | --port must be between 0 and 65535, not -1
            database --for PT0S            | --for must be positive, not PT0S
            database --for 3s              | Invalid value for option '--for'
            database extra                 | Unmatched argument at index 1: 'extra'
            query                          | Give the SQL statement either as SQL or as --file FILE
            query --max-rows 0 x           | --max-rows must be between 1 and 1000000, not 0
            query --max-rows 1000001 x     | --max-rows must be between 1 and 1000000, not 1000001
            """)
    void bad_arguments_exit_2_without_starting_the_database(String args, String message) {
        Result r = GbSettleCli.withoutDatabase().run(args.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }
}
