package org.gbsettle.jobs.io.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL session advisory lock of a settlement date and run type, held by the process that runs (or restarts)
 * a run of that date and type for as long as it runs: on a dedicated connection of its own (not the pool's, whose
 * connections outlive their use), so that the lock is released when the run ends, when the process exits, or when
 * the server sees the process gone (killed, machine lost). Two processes cannot run the same date and type at once, and a run recorded as running whose lock nobody
 * holds was abandoned.
 *
 * <p>The lock is PostgreSQL's two-key form {@code pg_try_advisory_lock(int, int)}: {@value #NAMESPACE} then {@link
 * #key(LocalDate, RunType) the date's epoch day times 16 plus the run type's ordinal}; the one-key ({@code bigint})
 * locks other parts of the application may take do not conflict with it.
 */
@Component
public final class RunLocks {

    /** The first key of every run lock ("GBRL" in ASCII). */
    public static final int NAMESPACE = 0x4742524C;

    private final JdbcConnectionDetails database;
    private final JdbcClient jdbc;

    public RunLocks(JdbcConnectionDetails database, JdbcClient jdbc) {
        this.database = Objects.requireNonNull(database, "database");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** The second key of the lock of a settlement date and run type: epoch day x 16 + the run type's ordinal. */
    public static int key(LocalDate date, RunType type) {
        long key = date.toEpochDay() * 16 + type.ordinal();
        if (key < 0 || key > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("no run lock for settlement date " + date);
        }
        return (int) key;
    }

    /**
     * Takes the lock of a date and run type on a new dedicated connection, if no session holds it.
     *
     * @return the held lock (close it to release it), or empty if another session holds it
     */
    public Optional<Held> tryLock(LocalDate date, RunType type) {
        Connection connection;
        try {
            Properties properties = new Properties();
            String user = database.getUsername();
            String password = database.getPassword();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("ApplicationName", "gbsettle run lock " + date + " " + type);
            connection = java.sql.DriverManager.getConnection(database.getJdbcUrl(), properties);
        } catch (SQLException e) {
            throw new GbSettleException("cannot connect to the database for the run lock: " + e.getMessage(), e);
        }
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, NAMESPACE);
                s.setInt(2, key(date, type));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new Held(connection, date, type));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new GbSettleException("cannot take the run lock of " + date + " " + type + ": " + e.getMessage(), e);
        }
    }

    /** Whether some session (this process's or another's) holds the lock of a date and run type now. */
    public boolean isHeld(LocalDate date, RunType type) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM pg_locks
                                        WHERE locktype = 'advisory' AND granted AND objsubid = 2
                                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                          AND classid::bigint = :ns AND objid::bigint = :key)
                        """)
                .param("ns", (long) NAMESPACE)
                .param("key", (long) key(date, type))
                .query(Boolean.class)
                .single();
    }

    /** A run lock held on its own connection; {@link #close()} releases it and closes the connection. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final LocalDate date;
        private final RunType type;

        private Held(Connection connection, LocalDate date, RunType type) {
            this.connection = connection;
            this.date = date;
            this.type = type;
        }

        /** The settlement date locked. */
        public LocalDate date() {
            return date;
        }

        /** The run type locked. */
        public RunType type() {
            return type;
        }

        @Override
        public void close() {
            try (connection) {
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    s.setInt(1, NAMESPACE);
                    s.setInt(2, key(date, type));
                    s.execute();
                }
            } catch (SQLException e) {
                // closing the connection (or losing it) ends the session, which releases the lock anyway
            }
        }
    }
}
