package org.gbsettle.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.schedule.NightlyRuns;
import org.gbsettle.jobs.schedule.TickReport;
import org.gbsettle.jobs.schedule.TickReport.Action;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * Exactly one run under concurrency, on real PostgreSQL over real HTTP (embedded Tomcat, the queue workers of the web
 * context): two operators posting the same date and type at the same instant (one 202, one 409 naming the other, one
 * run); the scheduler's tick due for the SF of a date while an operator posts the same SF (one run, whichever wins);
 * and analysts polling the views as {@code settlement_analyst} while a new run publishes over an earlier one, every
 * snapshot wholly the old run or wholly the new. Two schedulers at once are {@code TwoSchedulersIT}'s.
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=servlet",
            "gbsettle.queue.poll-interval=100ms",
            "gbsettle.schedule.housekeeping=false"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunQueueIT {

    private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
    private static final String CUTOFF = "2026-02-06T00:00:00Z";
    /** The winter sample day's SF (2026-01-15) is due on Fri 2026-02-06 (WD+16, see NightlyCommandIT). */
    private static final LocalDate SF_DUE = LocalDate.of(2026, 2, 6);

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add(
                "gbsettle.web.users.ops.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(OPS_PASSWORD));
        registry.add("gbsettle.web.users.ops.roles", () -> "OPERATOR");
    }

    /** The operator's password (user {@code ops}, role {@code OPERATOR}). */
    private static final String OPS_PASSWORD = "ops-secret";

    /** The operator's HTTP Basic credentials. */
    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    NightlyRuns nightly;

    @Value("${local.server.port}")
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void load_and_ingest_the_winter_day() {
        SampleDayFixture day = SampleDayFixture.of(GbSettleCli.in(() -> context), SampleDayFixture.WINTER);
        day.loadReference();
        day.ingestMeterData();
    }

    @Test
    @Order(1)
    void two_operators_posting_the_same_date_and_type_at_once_make_one_run() throws Exception {
        String body = body("R1", "operator at the same instant");
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                posts.add(threads.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return post("/runs", body);
                }));
            }
            for (Future<HttpResponse<String>> f : posts) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
        HttpResponse<String> accepted = responses.stream()
                .filter(r -> r.statusCode() == 202)
                .findFirst()
                .orElseThrow();
        HttpResponse<String> refused = responses.stream()
                .filter(r -> r.statusCode() == 409)
                .findFirst()
                .orElseThrow();
        long queueId = json.readTree(accepted.body()).path("queueId").asLong();
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("detail").asString())
                .as(refused.body())
                .contains("request " + queueId)
                .contains("exactly one");

        JsonNode done = awaitEnded(queueId);
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(runsOf(RunType.R1)).as("exactly one R1 run").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM run_queue").query(Long.class).single())
                .as("the refused request left no row")
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void the_scheduler_and_an_operator_together_make_one_sf_run() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        TickReport tick;
        HttpResponse<String> operator;
        try {
            Future<TickReport> scheduler = threads.submit(() -> {
                barrier.await(30, TimeUnit.SECONDS);
                return nightly.tick(SF_DUE);
            });
            Future<HttpResponse<String>> post = threads.submit(() -> {
                barrier.await(30, TimeUnit.SECONDS);
                return post("/runs", body("SF", "operator beside the scheduler"));
            });
            operator = post.get(60, TimeUnit.SECONDS);
            tick = scheduler.get(5, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }

        TickReport.Entry sf = tick.entries().stream()
                .filter(e -> e.due().entry().settlementDate().date().equals(DATE)
                        && e.due().entry().runType() == RunType.SF)
                .findFirst()
                .orElseThrow();
        if (operator.statusCode() == 202) {
            // the operator's request came first: the scheduler left the date and type to it
            assertThat(sf.action()).as(sf.detail()).isEqualTo(Action.SKIPPED);
            long queueId = json.readTree(operator.body()).path("queueId").asLong();
            assertThat(awaitEnded(queueId).path("state").asString()).isEqualTo("DONE");
        } else {
            // the scheduler's run came first: the operator was refused, naming it
            assertThat(operator.statusCode()).as(operator.body()).isEqualTo(409);
            assertThat(json.readTree(operator.body()).path("detail").asString()).contains(DATE + " SF");
            assertThat(sf.action()).as(sf.detail()).isEqualTo(Action.LAUNCHED);
        }
        awaitQueueIdle();
        assertThat(runsOf(RunType.SF)).as("exactly one SF run").isEqualTo(1);
    }

    /**
     * While an R2 publishes over the R1 (and the SF), four readers as {@code settlement_analyst} poll, each poll one
     * statement (one snapshot): the authoritative run ids of the date in {@code settlement_run_latest_v1}, {@code
     * supplier_volume_latest_v1} and {@code supplier_daily_total_latest_v1}, the supplier volume rows and their
     * corrected MWh, and the daily totals' corrected MWh. Every snapshot must show one run id in all three views, and
     * the rows and totals that run wrote (read from the tables by run id, before for the R1 and after for the R2).
     */
    @Test
    @Order(3)
    void analysts_polling_the_views_while_a_run_publishes_see_the_old_run_or_the_new_never_a_mix() throws Exception {
        long r1 = jdbc.sql("SELECT run_id FROM settlement_run WHERE run_type = 'R1'")
                .query(Long.class)
                .single();
        Known old = known(r1);
        assertThat(old.rows()).isPositive();

        List<Snapshot> seen = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        long queueId;
        try {
            for (int i = 0; i < 4; i++) {
                readers.submit(() -> {
                    try (Connection c = dataSource.getConnection();
                            Statement s = c.createStatement()) {
                        s.execute("SET ROLE settlement_analyst");
                        try {
                            while (!stop.get()) {
                                seen.add(snapshot(s));
                            }
                        } finally {
                            s.execute("RESET ROLE");
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                    return null;
                });
            }
            Thread.sleep(300);
            HttpResponse<String> r2 = post("/runs", body("R2", "publish under readers"));
            assertThat(r2.statusCode()).as(r2.body()).isEqualTo(202);
            queueId = json.readTree(r2.body()).path("queueId").asLong();
            JsonNode ended = awaitEnded(queueId);
            assertThat(ended.path("state").asString()).as(ended.toString()).isEqualTo("DONE");
            Thread.sleep(300);
        } finally {
            stop.set(true);
            readers.shutdown();
            assertThat(readers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(errors).isEmpty();
        long r2 = jdbc.sql("SELECT run_id FROM run_queue WHERE queue_id = :id")
                .param("id", queueId)
                .query(Long.class)
                .single();
        Known fresh = known(r2);

        List<Snapshot> mixed =
                seen.stream().filter(s -> !(s.is(old) || s.is(fresh))).toList();
        assertThat(mixed)
                .as("snapshots neither wholly R1 %s nor wholly R2 %s", old, fresh)
                .isEmpty();
        assertThat(seen.stream().filter(s -> s.is(old)).count())
                .as("snapshots of the R1")
                .isPositive();
        assertThat(seen.stream().filter(s -> s.is(fresh)).count())
                .as("snapshots of the R2")
                .isPositive();
    }

    /** What one run wrote for the date, from the tables by run id: rows and corrected MWh, daily totals' MWh. */
    record Known(long runId, long rows, BigDecimal correctedMwh, BigDecimal dailyCorrectedMwh) {}

    /** One poll of the views: the run ids each shows for the date, and the rows and sums. */
    record Snapshot(
            String latestRuns, String volumeRuns, String dailyRuns, long rows, BigDecimal mwh, BigDecimal dailyMwh) {

        boolean is(Known k) {
            String id = Long.toString(k.runId());
            return latestRuns.equals(id)
                    && volumeRuns.equals(id)
                    && dailyRuns.equals(id)
                    && rows == k.rows()
                    && mwh.compareTo(k.correctedMwh()) == 0
                    && dailyMwh.compareTo(k.dailyCorrectedMwh()) == 0;
        }
    }

    private Known known(long runId) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM supplier_volume WHERE run_id = :run),
                               (SELECT coalesce(sum(corrected_exact_mwh), 0) FROM supplier_volume WHERE run_id = :run),
                               (SELECT coalesce(sum(corrected_exact_mwh), 0) FROM supplier_daily_total_v1
                                 WHERE run_id = :run)
                        """)
                .param("run", runId)
                .query((rs, n) -> new Known(runId, rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
                .single();
    }

    private static Snapshot snapshot(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("""
                SELECT (SELECT string_agg(DISTINCT run_id::text, ',') FROM settlement_run_latest_v1
                         WHERE settlement_date = DATE '2026-01-15'),
                       (SELECT string_agg(DISTINCT run_id::text, ',') FROM supplier_volume_latest_v1
                         WHERE settlement_date = DATE '2026-01-15'),
                       (SELECT string_agg(DISTINCT run_id::text, ',') FROM supplier_daily_total_latest_v1
                         WHERE settlement_date = DATE '2026-01-15'),
                       (SELECT count(*) FROM supplier_volume_latest_v1 WHERE settlement_date = DATE '2026-01-15'),
                       (SELECT coalesce(sum(corrected_exact_mwh), 0) FROM supplier_volume_latest_v1
                         WHERE settlement_date = DATE '2026-01-15'),
                       (SELECT coalesce(sum(corrected_exact_mwh), 0) FROM supplier_daily_total_latest_v1
                         WHERE settlement_date = DATE '2026-01-15')
                """)) {
            rs.next();
            return new Snapshot(
                    String.valueOf(rs.getString(1)),
                    String.valueOf(rs.getString(2)),
                    String.valueOf(rs.getString(3)),
                    rs.getLong(4),
                    rs.getBigDecimal(5),
                    rs.getBigDecimal(6));
        }
    }

    private static String body(String type, String reason) {
        return "{\"date\": \"" + DATE + "\", \"type\": \"" + type + "\", \"cutoff\": \"" + CUTOFF + "\", \"reason\": \""
                + reason + "\", \"by\": \"ops\"}";
    }

    private long runsOf(RunType type) {
        return jdbc.sql("SELECT count(*) FROM settlement_run WHERE settlement_date = :date AND run_type = :type")
                .param("date", DATE)
                .param("type", type.name())
                .query(Long.class)
                .single();
    }

    /** The request once it is neither queued nor taken. */
    private JsonNode awaitEnded(long queueId) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = get("/queue/" + queueId);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode q = json.readTree(r.body());
            String state = q.path("state").asString();
            if (!state.equals("QUEUED") && !state.equals("TAKEN")) {
                return q;
            }
            assertThat(System.nanoTime())
                    .as("request %s still %s", queueId, state)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void awaitQueueIdle() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (json.readTree(get("/queue").body()).size() > 0) {
            assertThat(System.nanoTime()).as("the queue still busy").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
