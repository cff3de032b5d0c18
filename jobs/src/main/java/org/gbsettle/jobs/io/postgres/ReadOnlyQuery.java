package org.gbsettle.jobs.io.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.springframework.stereotype.Component;

/**
 * Runs one SQL statement of an analyst's in a {@code READ ONLY} transaction that is rolled back afterwards, so nothing
 * in the database can be changed through it: PostgreSQL refuses any write (SQLSTATE 25006) and a function that
 * writes. The session time zone is UTC for the transaction, so {@code timestamptz} values print in UTC.
 *
 * <p>Exactly one statement: several separated by {@code ;} are refused before anything runs, as a {@code COMMIT}
 * followed by a write would otherwise escape the read-only transaction. Not a sandbox: on the embedded server the
 * connection is the superuser, which may still read server files or run {@code COPY ... TO PROGRAM}; the guard is
 * for the settlement data.
 */
@Component
public final class ReadOnlyQuery {

    /** SQLSTATE {@code read_only_sql_transaction}: a write in a read-only transaction. */
    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public ReadOnlyQuery(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Checks that {@code sql} is one statement (a trailing {@code ;} allowed) and returns it as given.
     *
     * @throws GbSettleException if it is empty or holds several statements
     */
    public static String oneStatement(String sql) {
        List<NativeQuery> statements;
        try {
            // no JDBC ? placeholders (a ? is PostgreSQL's jsonb operator here), split at top-level semicolons
            statements = Parser.parseJdbcSql(sql, true, false, true, false, false);
        } catch (SQLException e) {
            throw new GbSettleException("The SQL cannot be parsed: " + e.getMessage(), e);
        }
        long nonEmpty = statements.stream().filter(q -> !q.nativeSql.isBlank()).count();
        if (nonEmpty == 0) {
            throw new GbSettleException("No SQL statement given");
        }
        if (nonEmpty > 1) {
            throw new GbSettleException("Give one SQL statement, not " + nonEmpty
                    + " (separated by ;): a query runs one statement in" + " one read-only transaction");
        }
        return sql;
    }

    /**
     * Runs one statement read-only and reads at most {@code maxRows} rows of its result.
     *
     * @throws GbSettleException with PostgreSQL's message if the statement fails, is a write, or is not one statement
     */
    public QueryResult run(String sql, int maxRows) {
        oneStatement(sql);
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows " + maxRows + " is not positive");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION READ ONLY");
                    s.execute("SET LOCAL TIME ZONE 'UTC'");
                }
                return execute(c, sql, maxRows);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new GbSettleException(message(e), e);
        }
    }

    private static QueryResult execute(Connection c, String sql, int maxRows) throws SQLException {
        try (Statement s = c.createStatement()) {
            // one more than shown, to know whether there are more
            s.setMaxRows((int) Math.min(Integer.MAX_VALUE, maxRows + 1L));
            s.setFetchSize((int) Math.min(FETCH_SIZE, maxRows + 1L));
            if (!s.execute(sql)) {
                return new QueryResult(List.of(), List.of(), false);
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<QueryResult.Column> columns = new ArrayList<>(meta.getColumnCount());
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new QueryResult.Column(meta.getColumnLabel(i), isNumber(meta.getColumnType(i))));
                }
                List<List<@Nullable String>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<@Nullable String> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, truncated);
            }
        }
    }

    private static boolean isNumber(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT,
                    Types.SMALLINT,
                    Types.INTEGER,
                    Types.BIGINT,
                    Types.REAL,
                    Types.FLOAT,
                    Types.DOUBLE,
                    Types.NUMERIC,
                    Types.DECIMAL -> true;
            default -> false;
        };
    }

    /**
     * PostgreSQL's message in one line (the driver puts hint, detail and position on lines of their own); a write is
     * said to be refused.
     */
    static String message(SQLException e) {
        String message = String.valueOf(e.getMessage())
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .collect(Collectors.joining(" "));
        if (READ_ONLY_SQL_TRANSACTION.equals(e.getSQLState())) {
            return "refused, queries are read-only and nothing was changed: " + message;
        }
        return message;
    }
}
