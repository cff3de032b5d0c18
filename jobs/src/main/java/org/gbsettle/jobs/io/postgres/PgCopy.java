package org.gbsettle.jobs.io.postgres;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows written to a table with PostgreSQL's {@code COPY ... FROM STDIN} in text format, on the connection of the
 * current transaction (so that they commit or roll back with it): several times faster than batched inserts for the
 * hundreds of thousands of output rows of a run. Values are escaped as the text format requires (backslash, tab, line
 * feed, carriage return); {@code null} is {@code \N}.
 */
final class PgCopy {

    /** Bytes buffered before they are sent to the server. */
    private static final int FLUSH = 1 << 20;

    private PgCopy() {}

    /** Writes one row's fields, in the column order given to {@link #copy}. */
    @FunctionalInterface
    interface RowWriter<T> {
        void write(T row, Row out);
    }

    /** The fields of one row being written. */
    static final class Row {
        private final StringBuilder line = new StringBuilder(256);
        private boolean first = true;

        private StringBuilder next() {
            if (!first) {
                line.append('\t');
            }
            first = false;
            return line;
        }

        Row add(long value) {
            next().append(value);
            return this;
        }

        Row add(@Nullable BigDecimal value) {
            if (value == null) {
                next().append("\\N");
            } else {
                next().append(value.toPlainString());
            }
            return this;
        }

        Row add(@Nullable String value) {
            StringBuilder sb = next();
            if (value == null) {
                sb.append("\\N");
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            return this;
        }

        Row addNullable(@Nullable Long value) {
            if (value == null) {
                next().append("\\N");
            } else {
                next().append(value.longValue());
            }
            return this;
        }

        private void end(StringBuilder into) {
            into.append(line).append('\n');
            line.setLength(0);
            first = true;
        }
    }

    /**
     * Copies {@code rows} into {@code table}'s {@code columns}.
     *
     * @return the rows the server reports copied
     */
    static <T> long copy(JdbcTemplate jdbc, String table, List<String> columns, List<T> rows, RowWriter<T> writer) {
        if (rows.isEmpty()) {
            return 0;
        }
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        Long copied = jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                Row row = new Row();
                StringBuilder buffer = new StringBuilder(FLUSH + 4096);
                for (T r : rows) {
                    writer.write(r, row);
                    row.end(buffer);
                    if (buffer.length() >= FLUSH) {
                        send(in, buffer);
                    }
                }
                send(in, buffer);
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
        return copied == null ? 0 : copied;
    }

    /**
     * A {@code COPY ... FROM STDIN} in progress on a connection, for rows that come a chunk at a time rather than as
     * one list: fill {@link #row()}, then {@link #endRow()}; {@link #finish()} ends the copy; closing an unfinished
     * copy cancels it (which aborts the transaction).
     */
    static final class Stream implements AutoCloseable {
        private final CopyIn in;
        private final Row row = new Row();
        private final StringBuilder buffer = new StringBuilder(FLUSH + 4096);

        private Stream(CopyIn in) {
            this.in = in;
        }

        /** Starts copying into {@code table}'s {@code columns} on the connection's current transaction. */
        static Stream open(Connection connection, String table, List<String> columns) throws SQLException {
            String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
            return new Stream(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
        }

        /** The row being written: add its fields in column order, then {@link #endRow()}. */
        Row row() {
            return row;
        }

        /** Ends the row; a megabyte of rows at a time goes to the server. */
        void endRow() throws SQLException {
            row.end(buffer);
            if (buffer.length() >= FLUSH) {
                send(in, buffer);
            }
        }

        /**
         * Sends what is left and ends the copy.
         *
         * @return the rows the server reports copied
         * @throws SQLException if the server refused a row (a constraint, a type), which aborts the transaction
         */
        long finish() throws SQLException {
            send(in, buffer);
            return in.endCopy();
        }

        /**
         * Cancels the copy if it is still going (the transaction is then aborted and must be rolled back); a failure
         * to cancel (the server already refused the copy) changes nothing and is not thrown.
         */
        @Override
        public void close() {
            try {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            } catch (SQLException e) {
                // the copy failed already; the transaction is rolled back by whoever opened it
            }
        }
    }

    private static void send(CopyIn in, StringBuilder buffer) throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}
