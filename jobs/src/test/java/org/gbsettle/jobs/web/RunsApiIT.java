package org.gbsettle.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API and metrics over real HTTP (embedded Tomcat on a random port, {@link HttpClient}) on embedded
 * PostgreSQL: the winter sample day loaded, ingested and run SF through the command line, then listed and shown in
 * detail with its counts (worked out from the day's README: its meter-data files' rows, its bad file's quarantine,
 * its expected outputs' rows and correction factor ranges), an unknown run (404), every kind of bad request (400
 * naming the field), operator runs queued over HTTP (202 and {@code Location} of the queued request, whose run a queue
 * worker makes, then COMPLETE; the SF run then SUPERSEDED by the R1), access control (health public, the other reads
 * for any user, a POST without credentials or with wrong ones 401, by a user without the role OPERATOR 403), a second
 * start of a date and type while its run is held mid-way (409), a date at RF (409
 * without {@code force}, 202 with it), and {@code /actuator/prometheus} and {@code /actuator/health}.
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=servlet")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsApiIT {

    private static final String DATE = "2026-01-15";
    private static final String CUTOFF = "2026-02-06T00:00:00Z";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    /** An operator, {@code ops}, who starts the runs, and a user with no role, {@code viewer}, who may only read. */
    private static final String OPS_PASSWORD = "ops-secret";

    private static final String VIEWER_PASSWORD = "viewer-secret";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        // cost 4: the lowest bcrypt allows, each request checks its password
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("gbsettle.web.users.ops.password", () -> "{bcrypt}" + bcrypt.encode(OPS_PASSWORD));
        registry.add("gbsettle.web.users.ops.roles", () -> "OPERATOR");
        registry.add("gbsettle.web.users.viewer.password", () -> "{bcrypt}" + bcrypt.encode(VIEWER_PASSWORD));
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Value("${local.server.port}")
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    private long sf;

    @BeforeAll
    void run_the_winter_day_from_the_command_line() {
        sf = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER).loadIngestAndRun("--reason", "sample day");
    }

    @Test
    @Order(1)
    void prometheus_shows_the_metrics_of_the_command_line_run() throws Exception {
        HttpResponse<String> r = get("/actuator/prometheus");

        assertThat(r.statusCode()).isEqualTo(200);
        String text = r.body();
        assertThat(metric(text, "gbsettle_runs_started_total", "type", "SF")).isEqualTo(1.0);
        assertThat(metric(text, "gbsettle_runs_completed_total", "type", "SF")).isEqualTo(1.0);
        assertThat(metric(text, "gbsettle_run_duration_seconds_count", "type", "SF", "outcome", "completed"))
                .isEqualTo(1.0);
        assertThat(metric(text, "gbsettle_run_duration_seconds_sum", "type", "SF", "outcome", "completed"))
                .isPositive();
        // the four files' rows (README): 65,029 + 67,556 + 65,136 + 9 = 197,730
        assertThat(metric(text, "gbsettle_run_meter_rows_total", "type", "SF")).isEqualTo(197_730.0);
        assertThat(metric(text, "gbsettle_run_last_rows_per_second")).isPositive();
        // the bad file (README): rows 3 and 4 in _A, 7, 8 and 9 in _B, 1 and 2 registered in no group
        assertThat(metric(text, "gbsettle_run_quarantined_rows_total", "gsp_group", "_A"))
                .isEqualTo(2.0);
        assertThat(metric(text, "gbsettle_run_quarantined_rows_total", "gsp_group", "_B"))
                .isEqualTo(3.0);
        assertThat(metric(text, "gbsettle_run_quarantined_rows_total", "gsp_group", "none"))
                .isEqualTo(2.0);
        // correction factor lowest / highest (README, from the independent oracle)
        assertThat(metric(text, "gbsettle_run_last_correction_factor_min", "gsp_group", "_A"))
                .isCloseTo(0.961562575, within(1e-12));
        assertThat(metric(text, "gbsettle_run_last_correction_factor_max", "gsp_group", "_A"))
                .isCloseTo(1.062870503, within(1e-12));
        assertThat(metric(text, "gbsettle_run_last_correction_factor_min", "gsp_group", "_B"))
                .isCloseTo(0.964087166, within(1e-12));
        assertThat(metric(text, "gbsettle_run_last_correction_factor_max", "gsp_group", "_B"))
                .isCloseTo(1.139998967, within(1e-12));
    }

    @Test
    @Order(2)
    void health_includes_the_database() throws Exception {
        HttpResponse<String> r = get("/actuator/health");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode health = json.readTree(r.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    @Order(2)
    void health_needs_no_credentials_but_the_other_reads_do() throws Exception {
        assertThat(get("/actuator/health", null, null).statusCode()).isEqualTo(200);

        // gbsettle.web.read-access=authenticated, the default: any configured user reads, no one else
        for (String path : List.of("/runs", "/runs/" + sf, "/schedule", "/actuator/prometheus")) {
            HttpResponse<String> anonymous = get(path, null, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"gbsettle\"");
            assertThat(get(path, "viewer", VIEWER_PASSWORD).statusCode())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void a_post_without_credentials_is_401_with_wrong_ones_401_without_the_role_403() throws Exception {
        long runs = runCount();
        String body = "{\"date\": \"2026-01-15\", \"type\": \"R1\", \"reason\": \"why\"}";

        HttpResponse<String> anonymous = post("/runs", body, null, null);
        HttpResponse<String> wrong = post("/runs", body, "ops", "not-the-password");
        HttpResponse<String> unknown = post("/runs", body, "mallory", OPS_PASSWORD);
        HttpResponse<String> viewer = post("/runs", body, "viewer", VIEWER_PASSWORD);

        for (HttpResponse<String> r : List.of(anonymous, wrong, unknown)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"gbsettle\"");
        }
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
        for (HttpResponse<String> r : List.of(anonymous, wrong, viewer)) {
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(r.body());
            assertThat(problem.path("status").asInt()).isEqualTo(r.statusCode());
            assertThat(problem.path("instance").asString()).isEqualTo("/runs");
        }
        assertThat(json.readTree(anonymous.body()).path("detail").asString())
                .contains("POST /runs needs a user's credentials");
        assertThat(json.readTree(wrong.body()).path("detail").asString()).contains("not accepted");
        assertThat(json.readTree(viewer.body()).path("detail").asString())
                .isEqualTo("User viewer may not POST /runs: that needs the role OPERATOR");
        assertThat(runCount()).isEqualTo(runs);
    }

    @Test
    @Order(2)
    void the_schedule_lists_a_held_run_with_its_reason() throws Exception {
        jdbc.sql("""
                        INSERT INTO scheduled_run (settlement_date, run_type, planned_run_date, data_cutoff, state,
                                                   reason, attempts, first_seen, last_checked)
                        VALUES (DATE '2026-03-02', 'SF', DATE '2026-03-24', TIMESTAMPTZ '2026-03-24T00:00:00Z', 'HELD',
                                'no GSP group take (CDCA-I029) loaded for _A on 2026-03-02', 1, now(), now())
                        """).update();
        try {
            HttpResponse<String> r = get("/schedule?state=held");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode rows = json.readTree(r.body());
            assertThat(rows.size()).isEqualTo(1);
            assertThat(rows.get(0).path("settlementDate").asString()).isEqualTo("2026-03-02");
            assertThat(rows.get(0).path("state").asString()).isEqualTo("HELD");
            assertThat(rows.get(0).path("reason").asString()).contains("no GSP group take");
            assertThat(json.readTree(get("/schedule?state=DONE").body()).size()).isZero();
        } finally {
            jdbc.sql("DELETE FROM scheduled_run WHERE settlement_date = DATE '2026-03-02'")
                    .update();
        }
    }

    @Test
    @Order(3)
    void the_list_shows_the_run_with_its_counts() throws Exception {
        HttpResponse<String> r = get("/runs");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode runs = json.readTree(r.body());
        assertThat(runs.isArray()).isTrue();
        assertThat(runs.size()).isEqualTo(1);
        JsonNode run = runs.get(0);
        assertThat(run.path("runId").asLong()).isEqualTo(sf);
        assertThat(run.path("settlementDate").asString()).isEqualTo(DATE);
        assertThat(run.path("runType").asString()).isEqualTo("SF");
        assertThat(run.path("runNumber").asInt()).isEqualTo(1);
        assertThat(run.path("dataCutoff").asString()).isEqualTo(CUTOFF);
        assertThat(run.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("startedBy").asString()).isEqualTo("it");
        assertThat(run.path("reason").asString()).isEqualTo("sample day");
        assertThat(run.path("createdAt").isString()).isTrue();
        assertThat(run.path("completedAt").isString()).isTrue();
        assertThat(run.path("durationSeconds").asDouble()).isPositive();
        assertThat(run.path("partitionsDone").asInt()).isEqualTo(2);
        assertThat(run.path("partitionsTotal").asInt()).isEqualTo(2);
        // rows of the four files less the two registered in no group: 197,730 - 2 = 197,728, of which 2 + 3 = 5
        // quarantined in the groups (README's bad-file table)
        JsonNode meterRows = run.path("meterRows");
        assertThat(meterRows.path("read").asLong()).isEqualTo(197_728L);
        assertThat(meterRows.path("accepted").asLong()).isEqualTo(197_723L);
        assertThat(meterRows.path("quarantined").asLong()).isEqualTo(5L);
        assertThat(meterRows.path("quarantinedInNoGroup").asLong()).isEqualTo(2L);
        // README's expected outputs: BM unit volume rows 624 + 624, supplier volume rows 5,962 + 5,670,
        // calculation issues 4 + 3 in _A and 4 + 2 + 3 in _B
        JsonNode outputRows = run.path("outputRows");
        assertThat(outputRows.path("bmUnitVolume").asLong()).isEqualTo(1_248L);
        assertThat(outputRows.path("supplierVolume").asLong()).isEqualTo(11_632L);
        assertThat(outputRows.path("calculationIssue").asLong()).isEqualTo(16L);
        // one row of the bad file per quarantine reason in the groups
        JsonNode quality = run.path("dataQuality");
        for (String measure : List.of(
                "QUARANTINED_BAD_PERIOD",
                "QUARANTINED_NEGATIVE",
                "QUARANTINED_WRONG_MQ",
                "QUARANTINED_BAD_VALUE",
                "QUARANTINED_OUT_OF_RANGE")) {
            assertThat(quality.path(measure).asLong()).as(measure).isEqualTo(1L);
        }

        assertThat(runIds("/runs?date=" + DATE + "&type=sf&state=completed&limit=1"))
                .containsExactly(sf);
        assertThat(runIds("/runs?date=2026-01-16")).isEmpty();
        assertThat(runIds("/runs?type=R1")).isEmpty();
        assertThat(runIds("/runs?state=FAILED")).isEmpty();
    }

    @Test
    @Order(4)
    void the_detail_shows_fingerprints_manifest_and_partitions() throws Exception {
        HttpResponse<String> r = get("/runs/" + sf);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode run = json.readTree(r.body());
        assertThat(run.path("runId").asLong()).isEqualTo(sf);
        assertThat(run.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("attempts").asInt()).isEqualTo(1);
        assertThat(run.path("failureMessage").isNull()).isTrue();
        Map<String, Object> row = jdbc.sql("SELECT input_fingerprint, output_fingerprint, input_manifest::text AS m"
                        + " FROM settlement_run WHERE run_id = :id")
                .param("id", sf)
                .query()
                .singleRow();
        assertThat(run.path("inputFingerprint").asString())
                .matches("[0-9a-f]{64}")
                .isEqualTo(row.get("input_fingerprint"));
        assertThat(run.path("outputFingerprint").asString())
                .matches("[0-9a-f]{64}")
                .isEqualTo(row.get("output_fingerprint"));
        assertThat(run.path("inputManifest").isObject()).isTrue();
        assertThat(run.path("inputManifest")).isEqualTo(json.readTree((String) row.get("m")));

        JsonNode partitions = run.path("partitions");
        assertThat(partitions.size()).isEqualTo(2);
        // README: 2,774 metering systems in each group; quarantined rows 2 (_A) and 3 (_B); 13 BM units x 48
        // periods = 624 BM unit volume rows; supplier volume rows 5,962 and 5,670; issues 7 and 9
        Object[][] expected = {{"_A", 2774, 2L, 624, 5962, 7}, {"_B", 2774, 3L, 624, 5670, 9}};
        for (int i = 0; i < 2; i++) {
            JsonNode p = partitions.get(i);
            assertThat(p.path("gspGroup").asString()).isEqualTo(expected[i][0]);
            assertThat(p.path("state").asString()).isEqualTo("COMPLETE");
            assertThat(p.path("attempts").asInt()).isEqualTo(1);
            assertThat(p.path("meteringSystems").asInt()).isEqualTo(expected[i][1]);
            assertThat(p.path("rowsQuarantined").asLong()).isEqualTo(expected[i][2]);
            assertThat(p.path("rowsRead").asLong())
                    .isEqualTo(p.path("rowsAccepted").asLong()
                            + p.path("rowsQuarantined").asLong());
            assertThat(p.path("bmUnitVolumeRows").asInt()).isEqualTo(expected[i][3]);
            assertThat(p.path("supplierVolumeRows").asInt()).isEqualTo(expected[i][4]);
            assertThat(p.path("calculationIssueRows").asInt()).isEqualTo(expected[i][5]);
            assertThat(p.path("outputFingerprint").asString()).matches("[0-9a-f]{64}");
            assertThat(p.path("durationSeconds").asDouble()).isNotNegative();
        }
    }

    @Test
    @Order(5)
    void an_unknown_run_is_404_with_a_problem_detail() throws Exception {
        HttpResponse<String> r = get("/runs/987654");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asString()).contains("987654");
        assertThat(problem.path("instance").asString()).isEqualTo("/runs/987654");
    }

    Stream<Arguments> bad_requests() {
        String ok = "\"date\": \"2026-01-15\", \"type\": \"R1\", \"reason\": \"why\", \"by\": \"ops\"";
        return Stream.of(
                Arguments.of("GET", "/runs?date=2026-13-01", null, "date", "2026-13-01"),
                Arguments.of("GET", "/runs?date=yesterday", null, "date", "yesterday"),
                Arguments.of("GET", "/runs?type=XX", null, "type", "XX"),
                Arguments.of("GET", "/runs?state=DONE", null, "state", "DONE"),
                Arguments.of("GET", "/schedule?state=WAITING", null, "state", "WAITING"),
                Arguments.of("GET", "/runs?limit=0", null, "limit", "0"),
                Arguments.of("GET", "/runs?limit=ten", null, "limit", "ten"),
                Arguments.of("GET", "/runs/abc", null, "id", "abc"),
                Arguments.of("POST", "/runs", "{\"type\": \"R1\", \"reason\": \"why\", \"by\": \"ops\"}", "date", null),
                Arguments.of("POST", "/runs", "{" + ok.replace("2026-01-15", "15/01/2026") + "}", "date", "15/01/2026"),
                Arguments.of("POST", "/runs", "{" + ok.replace("R1", "S1") + "}", "type", "S1"),
                Arguments.of(
                        "POST",
                        "/runs",
                        "{\"date\": \"2026-01-15\", \"type\": \"R1\", \"by\": \"ops\"}",
                        "reason",
                        null),
                Arguments.of("POST", "/runs", "{" + ok.replace("why", " ") + "}", "reason", " "),
                Arguments.of("POST", "/runs", "{" + ok.replace("ops", "someone else") + "}", "by", "someone else"),
                Arguments.of("POST", "/runs", "{" + ok + ", \"cutoff\": \"tomorrow\"}", "cutoff", "tomorrow"),
                Arguments.of("POST", "/runs", "{" + ok + ", \"force\": \"yes\"}", "force", "yes"),
                Arguments.of("POST", "/runs", "{\"date\": ", "body", null),
                Arguments.of("POST", "/runs", "[\"2026-01-15\"]", "body", null),
                Arguments.of("POST", "/runs", "", "body", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @MethodSource("bad_requests")
    @Order(6)
    void a_bad_request_is_400_naming_the_field(String method, String path, String body, String field, String value)
            throws Exception {
        long runs = runCount();

        HttpResponse<String> r = "GET".equals(method) ? get(path) : post(path, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).contains(field);
        JsonNode invalid = problem.path("invalid-params");
        assertThat(invalid.size()).as(r.body()).isEqualTo(1);
        assertThat(invalid.get(0).path("field").asString()).isEqualTo(field);
        if (value == null) {
            assertThat(invalid.get(0).path("value").isNull()).as(r.body()).isTrue();
        } else {
            assertThat(invalid.get(0).path("value").asString()).isEqualTo(value);
        }
        assertThat(invalid.get(0).path("reason").asString()).isNotBlank();
        assertThat(runCount()).isEqualTo(runs);
    }

    @Test
    @Order(7)
    void an_empty_object_is_400_naming_every_required_field_by_being_the_user() throws Exception {
        HttpResponse<String> r = post("/runs", "{}");

        assertThat(r.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json.readTree(r.body())
                .path("invalid-params")
                .forEach(p -> fields.add(p.path("field").asString()));
        assertThat(fields).containsExactly("date", "type", "reason");
    }

    @Test
    @Order(8)
    void a_post_starts_a_run_that_completes_and_supersedes_the_sf_run() throws Exception {
        HttpResponse<String> r = post(
                "/runs",
                "{\"date\": \"2026-01-15\", \"type\": \"R1\", \"cutoff\": \"" + CUTOFF + "\","
                        + " \"reason\": \"operator rerun, ticket 42\", \"by\": \"ops\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode queued = json.readTree(r.body());
        assertThat(r.headers().firstValue("Location"))
                .hasValue("/queue/" + queued.path("queueId").asLong());
        assertThat(queued.path("runType").asString()).isEqualTo("R1");
        assertThat(queued.path("dataCutoff").asString()).isEqualTo(CUTOFF);
        assertThat(queued.path("startedBy").asString()).isEqualTo("ops");
        assertThat(queued.path("reason").asString()).isEqualTo("operator rerun, ticket 42");
        assertThat(queued.path("state").asString()).isIn("QUEUED", "TAKEN", "DONE");
        long id = runOf(r);
        JsonNode run = json.readTree(get("/runs/" + id).body());
        assertThat(run.path("runType").asString()).isEqualTo("R1");
        assertThat(run.path("runNumber").asInt()).isEqualTo(1);
        assertThat(run.path("dataCutoff").asString()).isEqualTo(CUTOFF);
        assertThat(run.path("startedBy").asString()).isEqualTo("ops");
        assertThat(run.path("reason").asString()).isEqualTo("operator rerun, ticket 42");

        JsonNode done = awaitEnd("/runs/" + id);
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("partitionsDone").asInt()).isEqualTo(2);
        // R1 ranks above SF (domain.md §3): the SF run is authoritative for no group any more
        assertThat(json.readTree(get("/runs/" + sf).body()).path("state").asString())
                .isEqualTo("SUPERSEDED");
        assertThat(runIds("/runs?state=SUPERSEDED")).containsExactly(sf);
        assertThat(runIds("/runs")).containsExactly(id, sf);
    }

    @Test
    @Order(9)
    void a_second_post_of_a_date_and_type_while_its_run_runs_is_409() throws Exception {
        String body = "{\"date\": \"2026-01-15\", \"type\": \"R2\", \"cutoff\": \"" + CUTOFF + "\","
                + " \"reason\": \"held run\", \"by\": \"ops\"}";
        long first;
        // hold the run mid-way: its partitions cannot write supplier volumes while this transaction holds the table
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE supplier_volume IN SHARE MODE");
            }
            HttpResponse<String> started = post("/runs", body);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            first = runOf(started);

            HttpResponse<String> again = post("/runs", body);

            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(again.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(again.body());
            assertThat(problem.path("status").asInt()).isEqualTo(409);
            assertThat(problem.path("runId").asLong()).isEqualTo(first);
            assertThat(problem.path("detail").asString()).contains("run " + first);
            c.rollback();
        }
        assertThat(awaitEnd("/runs/" + first).path("state").asString()).isEqualTo("COMPLETED");
        assertThat(runIds("/runs?type=R2")).containsExactly(first);
    }

    @Test
    @Order(10)
    void a_date_at_rf_runs_again_only_with_force() throws Exception {
        HttpResponse<String> rf = post(
                "/runs",
                "{\"date\": \"2026-01-15\", \"type\": \"RF\", \"cutoff\": \"" + CUTOFF + "\", \"reason\": \"final\","
                        + " \"by\": \"ops\"}");
        assertThat(rf.statusCode()).as(rf.body()).isEqualTo(202);
        long rfId = runOf(rf);
        assertThat(awaitEnd("/runs/" + rfId).path("state").asString()).isEqualTo("COMPLETED");
        String sfAgain = "{\"date\": \"2026-01-15\", \"type\": \"SF\", \"cutoff\": \"" + CUTOFF + "\","
                + " \"reason\": \"dispute\", \"by\": \"ops\"";

        HttpResponse<String> refused = post("/runs", sfAgain + "}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("detail").asString()).contains("RF").contains("force");
        assertThat(problem.path("runId").asLong()).isEqualTo(rfId);

        HttpResponse<String> forced = post("/runs", sfAgain + ", \"force\": true}");

        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(202);
        assertThat(json.readTree(forced.body()).path("runType").asString()).isEqualTo("SF");
        long forcedId = runOf(forced);
        JsonNode run = awaitEnd("/runs/" + forcedId);
        assertThat(run.path("runNumber").asInt()).isEqualTo(2);
        assertThat(run.path("state").asString()).isEqualTo("SUPERSEDED");
    }

    @Test
    @Order(11)
    void prometheus_counts_the_runs_started_over_http() throws Exception {
        String text = get("/actuator/prometheus").body();

        // SF from the command line and SF again (forced), R1, R2 and RF over HTTP, all complete
        assertThat(metric(text, "gbsettle_runs_started_total", "type", "SF")).isEqualTo(2.0);
        assertThat(metric(text, "gbsettle_runs_completed_total", "type", "SF")).isEqualTo(2.0);
        for (String type : List.of("R1", "R2", "RF")) {
            assertThat(metric(text, "gbsettle_runs_completed_total", "type", type))
                    .as(type)
                    .isEqualTo(1.0);
            assertThat(metric(text, "gbsettle_run_duration_seconds_count", "type", type, "outcome", "completed"))
                    .as(type)
                    .isEqualTo(1.0);
        }
        // five complete runs of the same day: five times the bad file's quarantined rows
        assertThat(metric(text, "gbsettle_run_quarantined_rows_total", "gsp_group", "_B"))
                .isEqualTo(15.0);
    }

    /** GET as the operator. */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "ops", OPS_PASSWORD);
    }

    /** GET with HTTP Basic credentials, or none when {@code user} is null. */
    private HttpResponse<String> get(String path, @Nullable String user, @Nullable String password)
            throws IOException, InterruptedException {
        return http.send(
                authorized(HttpRequest.newBuilder(uri(path)), user, password)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST as the operator. */
    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, "ops", OPS_PASSWORD);
    }

    /** POST with HTTP Basic credentials, or none when {@code user} is null. */
    private HttpResponse<String> post(String path, String body, @Nullable String user, @Nullable String password)
            throws IOException, InterruptedException {
        return http.send(
                authorized(HttpRequest.newBuilder(uri(path)), user, password)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorized(
            HttpRequest.Builder request, @Nullable String user, @Nullable String password) {
        if (user == null) {
            return request;
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + token);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private List<Long> runIds(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json.readTree(r.body()).forEach(run -> ids.add(run.path("runId").asLong()));
        return ids;
    }

    /**
     * The run a 202 of {@code POST /runs} led to: its {@code Location} ({@code /queue/{id}}) followed until a queue
     * worker has taken the request and created its run.
     */
    private long runOf(HttpResponse<String> accepted) throws IOException, InterruptedException {
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/queue/");
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            JsonNode q = json.readTree(get(location).body());
            if (q.path("runId").isNumber()) {
                return q.path("runId").asLong();
            }
            assertThat(q.path("state").asString()).as(q.toString()).isIn("QUEUED", "TAKEN");
            assertThat(System.nanoTime()).as("request %s not taken", location).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The run at {@code path} once it is no longer RUNNING, polled. */
    private JsonNode awaitEnd(String path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            JsonNode run = json.readTree(get(path).body());
            String state = run.path("state").asString();
            if (!"RUNNING".equals(state)) {
                return run;
            }
            assertThat(System.nanoTime()).as("run %s still %s", path, state).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long runCount() {
        return jdbc.sql("SELECT count(*) FROM settlement_run").query(Long.class).single();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The value of the one sample of {@code name} in Prometheus text whose labels include {@code labels} (name, value
     * pairs); fails the test unless there is exactly one.
     */
    private static double metric(String text, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Double> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    have.put(l.group(1), l.group(2));
                }
            }
            if (have.entrySet().containsAll(wanted.entrySet())) {
                found.add(Double.parseDouble(m.group(3)));
            }
        }
        assertThat(found).as("samples of %s %s in:%n%s", name, wanted, text).hasSize(1);
        return found.get(0);
    }
}
