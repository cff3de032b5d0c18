package org.gbsettle.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Least privilege on a PostgreSQL server of the test's own, used as an external database: the application logs in as
 * {@code engine_it}, a login with no privilege of its own, while Flyway migrates as the superuser
 * ({@code spring.flyway.user}); once V0016 has made the roles, {@code engine_it} joins {@code settlement_engine} and
 * {@code analyst_it} joins {@code settlement_analyst}, as a DBA would. As {@code engine_it}, the winter sample day is
 * loaded (command line), its meter-data files ingested over HTTP ({@code POST /meter-data-files}, confined to
 * {@code gbsettle.ingest.allowed-dirs}) and run ({@code POST /runs}); then {@code engine_it} is refused every schema
 * change, {@code analyst_it} every write, and the application refuses to start as a superuser or a table owner.
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=servlet",
            "gbsettle.web.read-access=public",
            "spring.datasource.username=engine_it",
            "spring.datasource.password=unused",
            "spring.flyway.user=postgres",
            "spring.flyway.password=unused"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeastPrivilegeIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String OPS_PASSWORD = "ops-secret";
    private static final String PERMISSION_DENIED = "42501";

    @RegisterExtension
    static final Server SERVER = new Server();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException, SQLException {
        EmbeddedPostgresServer server = SERVER.start();
        try (Connection c = SERVER.connect(EmbeddedPostgresServer.USER);
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE engine_it LOGIN");
            s.execute("CREATE ROLE analyst_it LOGIN");
        }
        registry.add("spring.datasource.url", server::jdbcUrl);
        registry.add("gbsettle.ingest.allowed-dirs", () -> SERVER.inbox().toString());
        registry.add(
                "gbsettle.web.users.ops.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(OPS_PASSWORD));
        registry.add("gbsettle.web.users.ops.roles", () -> "OPERATOR");
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Value("${local.server.port}")
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);
    private final SampleDay day = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    @BeforeAll
    void the_dba_grants_the_roles_the_migration_made() throws SQLException {
        try (Connection c = SERVER.connect(EmbeddedPostgresServer.USER);
                Statement s = c.createStatement()) {
            s.execute("GRANT settlement_engine TO engine_it");
            s.execute("GRANT settlement_analyst TO analyst_it");
        }
    }

    @Test
    @Order(1)
    void the_application_logs_in_as_the_engine_login_and_loads_the_reference_data() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("engine_it");
        // the migration ran as the owner: every table belongs to postgres
        assertThat(jdbc.sql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
                        .query(String.class)
                        .list())
                .containsExactly("postgres");

        SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER).loadReference();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "../../../../etc/passwd|contains '..'",
                "/etc/passwd|outside the allowed directories",
                "@sample|outside the allowed directories",
                "escape/passwd|through a symbolic link",
                "%2e%2e/%2e%2e/etc/passwd|contains '%'",
            })
    @Order(2)
    void a_path_outside_the_allowed_directories_is_400_naming_the_rule_and_nothing_is_ingested(String row)
            throws Exception {
        String given = row.substring(0, row.indexOf('|'));
        String rule = row.substring(row.indexOf('|') + 1);
        // a real meter-data file, but in the repository, not in the allowed inbox
        String path = "@sample".equals(given) ? day.meterDataFiles().get(0).toString() : given;

        HttpResponse<String> r = post("/meter-data-files", "{\"path\": " + json.writeValueAsString(path) + "}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode invalid = json.readTree(r.body()).path("invalid-params");
        assertThat(invalid.size()).isEqualTo(1);
        assertThat(invalid.get(0).path("field").asString()).isEqualTo("path");
        assertThat(invalid.get(0).path("value").asString()).isEqualTo(path);
        assertThat(invalid.get(0).path("reason").asString()).contains(rule);
        assertThat(jdbc.sql("SELECT count(*) FROM meter_data_file")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(3)
    void the_days_files_in_the_inbox_are_ingested_over_http() throws Exception {
        long rows = 0;
        for (Path file : day.meterDataFiles()) {
            Path delivered = Files.copy(file, SERVER.inbox().resolve(file.getFileName()));
            String relative = delivered.getFileName().toString();

            HttpResponse<String> r = post(
                    "/meter-data-files",
                    "{\"path\": \"" + relative + "\", \"receivedAt\": \"" + day.receivedAt() + "\"}");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode f = json.readTree(r.body());
            assertThat(f.path("status").asString()).isEqualTo("INGESTED");
            assertThat(f.path("path").asString())
                    .isEqualTo(delivered.toRealPath().toString());
            rows += f.path("rowsRead").asLong();
        }
        // the four files' rows (the day's README): 65,029 + 67,556 + 65,136 + 9 = 197,730
        assertThat(rows).isEqualTo(197_730L);
        // the same bytes again: registered before, 200
        Path first = day.meterDataFiles().get(0);
        HttpResponse<String> again = post("/meter-data-files", "{\"path\": \"" + first.getFileName() + "\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json.readTree(again.body()).path("status").asString()).isEqualTo("ALREADY_INGESTED");
    }

    @Test
    @Order(4)
    void an_operator_runs_the_day_over_http_as_the_engine_login() throws Exception {
        HttpResponse<String> r = post(
                "/runs",
                "{\"date\": \"" + day.settlementDate() + "\", \"type\": \"" + day.runType() + "\", \"cutoff\": \""
                        + day.dataCutoff() + "\", \"reason\": \"least privilege\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode queued = json.readTree(r.body());
        assertThat(queued.path("startedBy").asString()).isEqualTo("ops");
        // the request is queued: followed to the run a queue worker makes of it
        JsonNode request = awaitEnd(r.headers().firstValue("Location").orElseThrow());
        assertThat(request.path("state").asString()).as(request.toString()).isEqualTo("DONE");
        JsonNode done = awaitEnd("/runs/" + request.path("runId").asLong());
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
        // the day's README: 13 BM units x 48 periods in each of _A and _B = 1,248 rows; supplier rows 5,962 + 5,670
        assertThat(done.path("outputRows").path("bmUnitVolume").asLong()).isEqualTo(1_248L);
        assertThat(done.path("outputRows").path("supplierVolume").asLong()).isEqualTo(11_632L);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "CREATE TABLE intruder (i INTEGER)",
                "CREATE VIEW intruder AS SELECT 1 AS i",
                "ALTER TABLE settlement_run ADD COLUMN intruder INTEGER",
                "ALTER TABLE bm_unit_volume DROP CONSTRAINT IF EXISTS bm_unit_volume_pkey",
                "DROP TABLE bm_unit_volume",
                "DROP VIEW settlement_volume_latest_v1",
                "TRUNCATE bm_unit_volume",
                "TRUNCATE settlement_run CASCADE",
                "INSERT INTO flyway_schema_history (installed_rank, description, type, script, installed_by,"
                        + " execution_time, success) VALUES (999, 'x', 'SQL', 'x', 'x', 0, TRUE)",
                "DELETE FROM flyway_schema_history",
            })
    @Order(5)
    void the_engine_login_may_not_change_the_schema(String sql) throws SQLException {
        try (Connection c = SERVER.connect("engine_it");
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "INSERT INTO bm_unit_volume SELECT * FROM bm_unit_volume LIMIT 1",
                "UPDATE bm_unit_volume SET bmuadv_mwh = 0",
                "DELETE FROM bm_unit_volume",
                "UPDATE supplier_volume SET corrected_mwh = 0",
                "DELETE FROM supplier_volume",
                "UPDATE settlement_run SET status = 'FAILED'",
                "DELETE FROM settlement_run",
                "SELECT count(*) FROM settlement_run",
            })
    @Order(6)
    void the_analyst_login_may_read_the_views_and_write_nothing(String sql) throws SQLException {
        try (Connection c = SERVER.connect("analyst_it");
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED));
            try (var rs = s.executeQuery("SELECT count(*) FROM settlement_volume_latest_v1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1_248L);
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM bm_unit_volume")
                        .query(Long.class)
                        .single())
                .isEqualTo(1_248L);
    }

    @Test
    @Order(7)
    void the_application_refuses_to_start_as_a_superuser_or_a_table_owner_unless_allowed() throws SQLException {
        assertThatThrownBy(() -> start(EmbeddedPostgresServer.USER, false))
                .hasStackTraceContaining("Refusing to run as database login postgres, a PostgreSQL superuser")
                .hasStackTraceContaining("spring.datasource.username")
                .hasStackTraceContaining("gbsettle.database.allow-privileged-login=true");

        try (Connection c = SERVER.connect(EmbeddedPostgresServer.USER);
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE owner_it LOGIN IN ROLE settlement_engine");
            s.execute("CREATE TABLE owned_by_owner_it (i INTEGER)");
            s.execute("ALTER TABLE owned_by_owner_it OWNER TO owner_it");
        }
        try {
            assertThatThrownBy(() -> start("owner_it", false))
                    .hasStackTraceContaining(
                            "Refusing to run as database login owner_it, the owner of public.owned_by_owner_it");
        } finally {
            try (Connection c = SERVER.connect(EmbeddedPostgresServer.USER);
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE owned_by_owner_it");
                s.execute("DROP ROLE owner_it");
            }
        }

        try (ConfigurableApplicationContext allowed = start(EmbeddedPostgresServer.USER, true)) {
            assertThat(allowed.getBean(JdbcClient.class)
                            .sql("SELECT current_user")
                            .query(String.class)
                            .single())
                    .isEqualTo(EmbeddedPostgresServer.USER);
        }
    }

    /** A command-line context of the application on the test's server as {@code user}. */
    private ConfigurableApplicationContext start(String user, boolean allowPrivileged) {
        return new SpringApplicationBuilder(SettlementJobsApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + SERVER.jdbcUrl(),
                        "spring.datasource.username=" + user,
                        "gbsettle.database.allow-privileged-login=" + allowPrivileged)
                .run();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        String token = Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The run or queued request at {@code path} once it is no longer running, queued or taken, polled without
     * credentials (reads are public here).
     */
    private JsonNode awaitEnd(String path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode run = json.readTree(r.body());
            if (!List.of("RUNNING", "QUEUED", "TAKEN")
                    .contains(run.path("state").asString())) {
                return run;
            }
            assertThat(System.nanoTime()).as("run %s still running", path).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The test's PostgreSQL server in a directory of its own with an {@code inbox} (holding a link {@code escape} to
     * {@code /etc}); stopped and deleted once the class is done and its context closed.
     */
    static final class Server implements AfterAllCallback {

        private @Nullable Path directory;
        private @Nullable EmbeddedPostgresServer server;

        synchronized EmbeddedPostgresServer start() throws IOException {
            EmbeddedPostgresServer started = server;
            if (started == null) {
                Path dir = Files.createTempDirectory("gbsettle-it-");
                directory = dir;
                Path inbox = Files.createDirectories(dir.resolve("inbox"));
                Files.createSymbolicLink(inbox.resolve("escape"), Path.of("/etc"));
                started = EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0, "gbsettle", Duration.ofSeconds(60));
                server = started;
            }
            return started;
        }

        synchronized String jdbcUrl() {
            return Objects.requireNonNull(server, "server").jdbcUrl();
        }

        synchronized Path inbox() {
            return Objects.requireNonNull(directory, "directory").resolve("inbox");
        }

        /** A connection as {@code user} (the server trusts local connections). */
        Connection connect(String user) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user, "unused");
        }

        @Override
        public void afterAll(ExtensionContext context) {
            EmbeddedPostgresServer s;
            Path d;
            synchronized (this) {
                s = server;
                d = directory;
                server = null;
                directory = null;
            }
            if (s != null && d != null) {
                context.getStore(ExtensionContext.Namespace.create(Server.class))
                        .put(d.toString(), (AutoCloseable) () -> {
                            s.close();
                            delete(d);
                        });
            }
        }

        private static void delete(Path tree) throws IOException {
            List<Path> paths;
            try (Stream<Path> s = Files.walk(tree)) {
                paths = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            }
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
