package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line without a database: help, version, argument errors and error reporting. */
class GbSettleCommandTest {

    /** A context provider that fails the test if a command asks for the database. */
    private static final ContextProvider NO_DATABASE = work -> {
        throw new AssertionError("the command started the application context");
    };

    private static Result run(ContextProvider contexts, String... args) {
        return GbSettleCli.of(contexts).run(args);
    }

    @Test
    void help_lists_the_commands_and_exit_codes_without_starting_the_application() {
        Result r = run(NO_DATABASE, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("Usage: gbsettle [-hV] [--debug] COMMAND")
                .contains("Commands:")
                .contains("status")
                .contains("Exit codes:")
                .contains("2   bad arguments");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void status_help_describes_its_options() {
        Result r = run(NO_DATABASE, "status", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("Usage: gbsettle status")
                .contains("--date=YYYY-MM-DD")
                .contains("--limit=N");
    }

    @Test
    void version_names_the_application_and_its_postgresql() {
        Result r = run(NO_DATABASE, "--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("gbsettle 0.").contains("embedded PostgreSQL 17.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                         | Missing required subcommand
            bogus                      | Unmatched argument at index 0: 'bogus'
            --bogus                    | Unknown option: '--bogus'
            status extra               | Unmatched argument at index 1: 'extra'
            status --limit 0           | --limit must be between 1 and 10000, not 0
            status --limit 10001       | --limit must be between 1 and 10000, not 10001
            status --limit many        | Invalid value for option '--limit': 'many' is not an int
            status --date 2026-13-01   | Invalid value for option '--date': '2026-13-01' is not a date YYYY-MM-DD
            status --date              | Missing required parameter for option '--date'
            """)
    void bad_arguments_print_the_message_and_usage_and_exit_2(String args, String message) {
        Result r = run(NO_DATABASE, args.isEmpty() ? new String[0] : args.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(message).contains("Usage: gbsettle");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void an_error_in_a_command_prints_one_line_and_exits_1() {
        ContextProvider failing = work -> {
            throw new IllegalStateException(
                    "context failed", new GbSettleException("The data directory /x is in use by another process"));
        };

        Result r = run(failing, "status");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo("gbsettle status: error: The data directory /x is in use by another process\n"
                        + "(run with --debug for the stack trace)\n");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"--debug status", "status --debug"})
    void debug_prints_the_stack_trace_before_or_after_the_command(String args) {
        ContextProvider failing = work -> {
            throw new GbSettleException("No database");
        };

        Result r = run(failing, args.split(" "));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("gbsettle status: error: No database\n")
                .contains("org.gbsettle.jobs.GbSettleException: No database")
                .contains("\tat ");
    }
}
