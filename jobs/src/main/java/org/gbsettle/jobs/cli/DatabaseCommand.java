package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.config.JdbcUrls;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle database}: starts the settlement database and prints how to connect to it (JDBC URL, a {@code psql}
 * command line, user and password), then keeps an embedded server running until the process is interrupted (Ctrl-C,
 * SIGTERM) or {@code --for} has passed, when it stops it cleanly. With an external database it checks the connection,
 * prints the same and exits.
 */
@Command(
        name = "database",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the settlement database and prints how to connect to it (JDBC URL, psql command line, user,"
                    + " password) for psql, DBeaver or a notebook; keeps the embedded PostgreSQL running until"
                    + " interrupted (Ctrl-C or SIGTERM), then stops it cleanly.",
            "With an external database (SPRING_DATASOURCE_URL) it checks the connection, prints the same and exits.",
            "While it runs, other gbsettle commands reach the embedded database through the SPRING_DATASOURCE_URL"
                    + " it prints (its data directory is in use)."
        })
final class DatabaseCommand implements Callable<Integer> {

    static final String PORT_PROPERTY = "gbsettle.database.port";

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "P",
            description = "The embedded server's TCP port on localhost, 0 for a free one (default: the configured" + " "
                    + PORT_PROPERTY + ", GBSETTLE_DATABASE_PORT).")
    private @Nullable Integer port;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            description = "Stop the embedded server after this long, ISO-8601, e.g. PT2S or PT8H (default: run until"
                    + " interrupted).")
    private @Nullable Duration duration;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        Integer port = this.port;
        Duration duration = this.duration;
        if (port != null && (port < 0 || port > 65_535)) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(spec.commandLine(), "--for must be positive, not " + duration);
        }
        Map<String, String> properties = port == null ? Map.of() : Map.of(PORT_PROPERTY, port.toString());
        boolean[] interrupted = {false};
        int exit = parent.contexts().withContext(properties, context -> {
            PrintWriter out = spec.commandLine().getOut();
            checkConnection(context);
            JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
            EmbeddedPostgresServer server =
                    context.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable();
            if (server == null) {
                out.print(external(details));
                out.flush();
                return ExitCode.OK;
            }
            if (port != null && port != 0 && server.port() != port) {
                throw new GbSettleException("The embedded database is running on port " + server.port()
                        + " already, not on --port " + port);
            }
            out.print(embedded(server, duration));
            out.flush();
            // Ctrl-C or SIGTERM: the JVM's shutdown hooks close the context (Spring's), which stops the server
            Thread signalled = new Thread(() -> {
                out.println("Signalled: stopping the database.");
                out.flush();
            });
            Runtime.getRuntime().addShutdownHook(signalled);
            interrupted[0] = !waitFor(duration);
            removeShutdownHook(signalled);
            out.println(interrupted[0] ? "Interrupted: stopping the database." : "Stopping the database.");
            out.flush();
            return ExitCode.OK;
        });
        if (interrupted[0]) {
            Thread.currentThread().interrupt();
        }
        return exit;
    }

    private static void checkConnection(ApplicationContext context) {
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            if (!c.isValid(10)) {
                throw new GbSettleException("The database does not answer");
            }
        } catch (SQLException e) {
            throw new GbSettleException("Cannot connect to the database: " + e.getMessage(), e);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs
        }
    }

    /**
     * Waits for the duration, or until the thread is interrupted when there is none.
     *
     * @return false if interrupted; the interrupt is restored once the context is closed, so the server stops first
     */
    private static boolean waitFor(@Nullable Duration duration) {
        CountDownLatch never = new CountDownLatch(1);
        try {
            if (duration == null) {
                never.await();
            } else {
                boolean released = never.await(duration.toNanos(), TimeUnit.NANOSECONDS);
                assert !released;
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** What {@code database} prints for the embedded server. */
    static String embedded(EmbeddedPostgresServer server, @Nullable Duration duration) {
        String url = server.jdbcUrl();
        StringBuilder sb = new StringBuilder();
        sb.append("Database: ").append(server.description()).append('\n');
        sb.append(connection(url, EmbeddedPostgresServer.USER, "none (the embedded server trusts local connections)"));
        sb.append("Other gbsettle commands meanwhile: SPRING_DATASOURCE_URL=")
                .append(url)
                .append(" SPRING_DATASOURCE_USERNAME=")
                .append(EmbeddedPostgresServer.USER)
                .append(" gbsettle COMMAND\n");
        sb.append(
                duration == null
                        ? "Running until interrupted (Ctrl-C or SIGTERM); then the server stops.\n"
                        : "Running for " + duration + " (or until interrupted); then the server stops.\n");
        return sb.toString();
    }

    /** What {@code database} prints for an external server: its URL (without a password) and how to connect. */
    static String external(JdbcConnectionDetails details) {
        String password = details.getPassword();
        String user = details.getUsername();
        return "Database: external PostgreSQL, connection checked\n"
                + connection(
                        JdbcUrls.redact(details.getJdbcUrl()),
                        user == null || user.isEmpty() ? "(the driver's default)" : user,
                        password == null || password.isEmpty()
                                ? "none configured"
                                : "the one in SPRING_DATASOURCE_PASSWORD (not printed)");
    }

    private static String connection(String url, String user, String password) {
        return "JDBC URL  " + url + "\n"
                + "psql      " + psql(url, user) + "\n"
                + "user      " + user + "\n"
                + "password  " + password + "\n";
    }

    /** A {@code psql} command line for a PostgreSQL JDBC URL, as the driver reads its host, port and database. */
    static String psql(String url, String user) {
        Properties p = Driver.parseURL(url, null);
        if (p == null) {
            return "psql (cannot read host and port from " + url + ")";
        }
        return "psql -h " + p.getProperty("PGHOST", "localhost") + " -p " + p.getProperty("PGPORT", "5432") + " -U "
                + user + " -d " + p.getProperty("PGDBNAME", "");
    }
}
