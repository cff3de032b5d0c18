package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.gbsettle.jobs.GbSettleException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    @Test
    void the_operator_message_wins_wherever_it_is_in_the_chain() {
        Exception e = new IllegalStateException(
                "Error creating bean 'x'", new RuntimeException("wrapped", new GbSettleException("Data dir in use")));

        assertThat(ErrorReporter.describe(e)).isEqualTo("Data dir in use");
    }

    @Test
    void otherwise_the_deepest_cause_with_its_type() {
        Exception e = new IllegalStateException(
                "Failed to initialize pool", new SQLException("Connection to localhost:1 refused. "));

        assertThat(ErrorReporter.describe(e)).isEqualTo("Connection to localhost:1 refused. (SQLException)");
    }

    @Test
    void a_cause_without_a_message_is_named_by_its_class() {
        assertThat(ErrorReporter.describe(new RuntimeException("outer", new NullPointerException())))
                .isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void a_cycle_of_causes_ends() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(ErrorReporter.describe(a)).isEqualTo("b (RuntimeException)");
    }
}
