package org.gbsettle.jobs.schedule;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.gbsettle.jobs.GbSettleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The lock that lets one scheduler instance act at a time: a PostgreSQL session advisory lock on a fixed key ({@link
 * #KEY}), taken with {@code pg_try_advisory_lock} on a connection of its own held while the tick runs, and released
 * ({@code pg_advisory_unlock}) when the tick closes it. The lock belongs to the session, so an instance that dies
 * releases it with its connection.
 */
@Component
public final class ScheduleLock {

    /** The advisory lock key: the bytes of "gbsettle" as a signed 64-bit integer. */
    public static final long KEY = 0x6762736574746C65L;

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleLock.class);

    private final DataSource dataSource;

    public ScheduleLock(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The lock while held: closing it unlocks and gives the connection back. */
    public final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, KEY);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(1)) {
                            LOG.warn("Schedule lock {} was not held at unlock", KEY);
                        }
                    }
                }
                connection.close();
            } catch (SQLException e) {
                // a pooled connection must not go back to the pool still holding the lock: drop it
                LOG.warn("Schedule lock {}: unlock failed ({}); closing the connection", KEY, e.getMessage());
                discard(connection);
            }
        }
    }

    /**
     * Takes the lock if no other session holds it; empty if one does (another instance is acting).
     *
     * @throws GbSettleException if the database cannot be reached
     */
    public Optional<Held> tryLock() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            boolean locked;
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    locked = rs.next() && rs.getBoolean(1);
                }
            }
            if (!locked) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new Held(connection));
        } catch (SQLException e) {
            if (connection != null) {
                discard(connection);
            }
            throw new GbSettleException(
                    "cannot take the schedule lock (PostgreSQL advisory lock " + KEY + "): " + e, e);
        }
    }

    /** Closes a connection for good: evicted from a HikariCP pool rather than returned to it. */
    private void discard(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Schedule lock {}: closing the connection failed: {}", KEY, e.toString());
        }
    }
}
