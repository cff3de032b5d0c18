package org.gbsettle.jobs.io.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.gbsettle.jobs.GbSettleException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlyQueryTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "SELECT 1",
                "SELECT 1;",
                "  SELECT 1 ;  \n",
                "SELECT ';' AS semicolon",
                "SELECT \"a;b\" FROM t",
                "SELECT $$x; y$$",
                "SELECT $tag$ ; $tag$",
                "SELECT 1 -- a comment; DELETE FROM t",
                "SELECT /* ; */ 1",
                "SELECT '{\"a\":1}'::jsonb ? 'a'",
                "WITH x AS (SELECT 1) SELECT * FROM x"
            })
    void one_statement_is_accepted(String sql) {
        assertThat(ReadOnlyQuery.oneStatement(sql)).isEqualTo(sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT 1; SELECT 2                      | not 2
            COMMIT; DELETE FROM settlement_run      | not 2
            SELECT 1;;SELECT 2;                     | not 2
            SELECT ';'; SELECT 2; SELECT 3          | not 3
            ''                                      | No SQL statement given
            ' ; ; '                                 | No SQL statement given
            """)
    void several_statements_or_none_are_refused(String sql, String message) {
        assertThatThrownBy(() -> ReadOnlyQuery.oneStatement(sql))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            42703 | 'ERROR: column "x" does not exist\n  Hint: Perhaps you meant "y".\n  Position: 8' \
            | ERROR: column "x" does not exist Hint: Perhaps you meant "y". Position: 8
            25006 | ERROR: cannot execute DELETE in a read-only transaction \
            | refused, queries are read-only and nothing was changed: ERROR: cannot execute DELETE in a read-only transaction
            """)
    void postgresql_messages_are_one_line_and_a_write_is_said_to_be_refused(
            String sqlState, String message, String expected) {
        SQLException e = new SQLException(message.replace("\\n", "\n"), sqlState);

        assertThat(ReadOnlyQuery.message(e)).isEqualTo(expected);
    }
}
