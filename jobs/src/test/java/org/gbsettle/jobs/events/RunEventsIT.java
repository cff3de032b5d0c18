package org.gbsettle.jobs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.run.RunLauncher;
import org.gbsettle.jobs.run.RunRequest;
import org.gbsettle.jobs.run.SettlementRunService;
import org.gbsettle.jobs.schedule.NightlyRuns;
import org.gbsettle.jobs.schedule.TickReport;
import org.gbsettle.jobs.testing.ChildJvm;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run events end to end on a real embedded PostgreSQL and a real HTTP subscriber ({@link TestSubscriber}): timetabled
 * runs held; the winter sample day run SF, then R1 superseding it, with the subscriber down (503, then connections
 * refused) until the dispatcher has retried; then an R2 run in a child JVM that exits before any delivery, its events
 * delivered by {@code deliver-events} in another child JVM; state changes that do not commit leave no event; and two
 * dispatchers delivering at once send each event once, in order.
 * Every event reaches the subscriber exactly once after de-duplication by {@code ce-id}, in the order of the state
 * changes, as a CloudEvent 1.0 with the expected attributes and a valid signature.
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        properties = {
            "gbsettle.events.retry-initial=200ms",
            "gbsettle.events.retry-max=1s",
            "gbsettle.events.poll-interval=100ms",
            "gbsettle.events.timeout=5s",
            "gbsettle.schedule.look-back-days=0",
            "gbsettle.schedule.housekeeping=false"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunEventsIT {

    static final String SECRET = "it-secret";

    private static final LocalDate DATE = LocalDate.parse("2026-01-15");
    private static final Instant CUTOFF = Instant.parse("2026-02-06T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TestSubscriber SUBSCRIBER = TestSubscriber.start();

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        // a list's elements bind from one property source only: all of the subscriber's here
        registry.add("gbsettle.events.subscribers[0].url", SUBSCRIBER::url);
        registry.add("gbsettle.events.subscribers[0].name", () -> "it");
        registry.add("gbsettle.events.subscribers[0].secret", () -> SECRET);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RunLauncher launcher;

    @Autowired
    SettlementRunService service;

    @Autowired
    NightlyRuns nightly;

    @Autowired
    EventDelivery delivery;

    @Autowired
    EventDispatcher dispatcher;

    @Autowired
    EventOutbox outbox;

    @Autowired
    RunEvents events;

    @Autowired
    PlatformTransactionManager transactionManager;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    private final SampleDayFixture winter = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);

    private int held;
    private long sf;
    private long r1;

    @BeforeAll
    void hold_timetabled_runs_then_load_the_winter_day() {
        // 2026-07-01, look-back 0: whatever is due then has no meter data in the empty database, so it is held
        TickReport first = nightly.tick(LocalDate.parse("2026-07-01"));
        held = first.entries(TickReport.Action.HELD).size();
        assertThat(held).isPositive();
        assertThat(first.entries(TickReport.Action.LAUNCHED)).isEmpty();
        TickReport again = nightly.tick(LocalDate.parse("2026-07-01"));
        assertThat(again.entries(TickReport.Action.HELD)).hasSize(held);
        assertThat(typesOf(null))
                .as("held again for the same reason: no second event")
                .hasSize(held)
                .containsOnly("org.gbsettle.run.held.v1");
        winter.loadReference();
        winter.ingestMeterData();
    }

    @AfterAll
    void stop_the_subscriber() {
        dispatcher.stop();
        SUBSCRIBER.stop();
    }

    @Test
    @Order(1)
    void the_day_and_its_r1_reach_a_subscriber_down_for_a_while_exactly_once_in_order() throws Exception {
        SUBSCRIBER.answer(503);
        sf = GbSettleCli.runId(winter.run().out());
        r1 = launcher.run(new RunRequest(DATE, RunType.R1, null, CUTOFF, "it", "R1 of the winter day"), false)
                .runId();

        // the outbox: SF started, completed, volumes; R1 started, completed, SF superseded (in R1's completion), R1
        // volumes
        assertThat(typesOfRuns())
                .containsExactly(
                        sf + " started",
                        sf + " completed",
                        sf + " supplier-volumes-available",
                        r1 + " started",
                        r1 + " completed",
                        sf + " superseded",
                        r1 + " supplier-volumes-available");
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery")
                        .query(Long.class)
                        .single())
                .as("nothing delivered yet: no dispatcher runs")
                .isZero();

        // down (503): the first held event is tried, fails, and the others wait behind it
        EventDelivery.Report down = delivery.deliverDue();
        assertThat(down.delivered()).isZero();
        assertThat(down.failed()).isEqualTo(1);
        assertThat(down.undelivered()).isEqualTo(held + 7);
        EventDelivery.SubscriberStatus status = delivery.status().get(0);
        assertThat(status.headAttempts()).isEqualTo(1);
        assertThat(status.lastError()).isEqualTo("HTTP 503: down for maintenance");
        assertThat(status.nextAttempt()).isNotNull();
        assertThat(SUBSCRIBER.all()).hasSize(1);

        // connection refused
        SUBSCRIBER.stop();
        waitFor(() -> delivery.deliverDue().failed() == 1);
        assertThat(delivery.status().get(0).lastError()).contains("ConnectException");
        assertThat(delivery.status().get(0).headAttempts()).isEqualTo(2);

        // back up: the dispatcher (as serve runs it) delivers everything after its backoff
        SUBSCRIBER.restart();
        SUBSCRIBER.answer(204);
        dispatcher.start();
        try {
            waitFor(() -> delivery.undelivered() == 0);
        } finally {
            dispatcher.stop();
        }

        List<TestSubscriber.Received> received = SUBSCRIBER.distinct();
        assertThat(received).hasSize(held + 7);
        List<Map<String, Object>> outboxRows = jdbc.sql(
                        "SELECT sequence, event_id, type, subject, data::text AS data FROM event_outbox ORDER BY sequence")
                .query()
                .listOfRows();
        assertThat(received)
                .as("in outbox order")
                .extracting(r -> UUID.fromString(r.header("ce-id")))
                .containsExactlyElementsOf(
                        outboxRows.stream().map(m -> (UUID) m.get("event_id")).toList());
        for (int i = 0; i < received.size(); i++) {
            assertCloudEvent(received.get(i), outboxRows.get(i));
        }
        // the head was tried three times (503, refused, accepted); each of the others once
        assertThat(jdbc.sql("SELECT attempts FROM event_delivery ORDER BY sequence")
                        .query(Integer.class)
                        .list())
                .first()
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery WHERE attempts = 1 AND delivered_at IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(held + 7 - 1);

        // what the run events say
        JsonNode completed = data(received, "org.gbsettle.run.completed.v1", sf);
        assertThat(completed.get("outputFingerprint").asString())
                .isEqualTo(jdbc.sql("SELECT output_fingerprint FROM settlement_run WHERE run_id = :r")
                        .param("r", sf)
                        .query(String.class)
                        .single());
        assertThat(completed.get("settlementDate").asString()).isEqualTo("2026-01-15");
        assertThat(completed.get("runType").asString()).isEqualTo("SF");
        assertThat(completed.get("dataCutoff").asString()).isEqualTo("2026-02-06T00:00:00Z");
        assertThat(completed.get("gspGroups").toString()).isEqualTo("[\"_A\",\"_B\"]");
        assertThat(completed.get("authoritativeGspGroups").toString()).isEqualTo("[\"_A\",\"_B\"]");
        JsonNode superseded = data(received, "org.gbsettle.run.superseded.v1", sf);
        assertThat(superseded.get("supersededBy").get("runId").asLong()).isEqualTo(r1);
        assertThat(superseded.get("supersededBy").get("runType").asString()).isEqualTo("R1");
        JsonNode volumes = data(received, "org.gbsettle.run.supplier-volumes-available.v1", r1);
        List<String> suppliers = jdbc.sql(
                        "SELECT DISTINCT supplier_id FROM supplier_volume WHERE run_id = :r ORDER BY 1")
                .param("r", r1)
                .query(String.class)
                .list();
        assertThat(suppliers).isNotEmpty();
        List<String> listed = new ArrayList<>();
        volumes.get("suppliers").forEach(s -> listed.add(s.get("supplierId").asString()));
        assertThat(listed).containsAll(suppliers);
        assertThat(volumes.get("query").get("view").asString()).isEqualTo("supplier_volume_latest_v1");
        String query = volumes.get("query").get("sql").asString().replace(":supplier_id", "'" + suppliers.get(0) + "'");
        assertThat(jdbc.sql(query).query().listOfRows()).as(query).isNotEmpty();
    }

    @Test
    @Order(2)
    void events_of_a_run_made_by_a_process_that_ended_before_delivering_are_delivered_by_the_next() throws Exception {
        SUBSCRIBER.clear();
        Path work = DATABASE.directory().resolve("children");
        java.nio.file.Files.createDirectories(work);
        String url = context.getBean(EmbeddedPostgresServer.class).jdbcUrl();
        ChildJvm engine = ChildJvm.of(work, url);
        long r2 = ChildJvm.runId(ChildJvm.ok(engine.run(
                        "run", "--date", DATE.toString(), "--type", "R2", "--cutoff", CUTOFF.toString(), "--by", "it"))
                .out());
        assertThat(SUBSCRIBER.all()).as("the engine delivers nothing itself").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE run_id IN (:r2, :r1)")
                        .param("r2", r2)
                        .param("r1", r1)
                        .query(Long.class)
                        .single())
                .as("R2 started, completed, volumes; R1 superseded; and R1's three before")
                .isEqualTo(4 + 3);

        ChildJvm.Result delivered = ChildJvm.ok(engine.withOptions(
                        "-Dgbsettle.events.subscribers[0].name=it",
                        "-Dgbsettle.events.subscribers[0].url=" + SUBSCRIBER.url(),
                        "-Dgbsettle.events.subscribers[0].secret=" + SECRET)
                .run("deliver-events"));
        assertThat(delivered.out()).contains("Events: 4 delivered, 0 failed attempt(s), 0 undelivered");
        assertThat(SUBSCRIBER.distinct())
                .extracting(r -> r.header("ce-subject") + " " + shortType(r.header("ce-type")))
                .containsExactly(
                        "runs/" + r2 + " started",
                        "runs/" + r2 + " completed",
                        "runs/" + r1 + " superseded",
                        "runs/" + r2 + " supplier-volumes-available");
        assertThat(SUBSCRIBER.all()).as("each once").hasSize(4);

        ChildJvm.Result listing = ChildJvm.ok(engine.run("events", "--limit", "3"));
        assertThat(listing.out()).contains("it: " + (held + 7 + 4) + " delivered, 0 undelivered");
    }

    @Test
    @Order(3)
    void a_state_change_that_does_not_commit_leaves_no_event_and_a_failed_run_has_its_event() {
        long before = count();
        assertThatThrownBy(() -> outbox.append(RunEventType.HELD, "x", null, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no transaction");
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql("UPDATE scheduled_run SET reason = 'changed'").update();
                    events.held(DATE, RunType.SF, DATE.plusDays(20), CUTOFF, "changed");
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");
        assertThat(count()).as("rolled back with its state change").isEqualTo(before);

        // a run of a day with no registrations: created (started), then failed in its preparation (failed)
        LocalDate empty = LocalDate.parse("2026-01-16");
        RunRequest request = new RunRequest(empty, RunType.SF, 1, CUTOFF, "it", "nothing registered");
        assertThatThrownBy(() -> launcher.run(request, false)).isInstanceOf(GbSettleException.class);
        long failed = jdbc.sql("SELECT run_id FROM settlement_run WHERE settlement_date = :d")
                .param("d", empty)
                .query(Long.class)
                .single();
        assertThat(typesOf(failed)).containsExactly("org.gbsettle.run.started.v1", "org.gbsettle.run.failed.v1");
        // the same run number again: its creation fails, no started event
        assertThatThrownBy(() -> service.create(request, false)).isInstanceOf(GbSettleException.class);
        assertThat(count()).isEqualTo(before + 2);
        JsonNode data = JSON.readTree(
                jdbc.sql("SELECT data::text FROM event_outbox WHERE run_id = :r AND type LIKE" + " '%failed%'")
                        .param("r", failed)
                        .query(String.class)
                        .single());
        assertThat(data.get("message").asString())
                .contains("missing reference data, nothing calculated")
                .contains("no GSP group take (CDCA-I029) loaded for _A on 2026-01-16");
        assertThat(data.get("gspGroupsNotComplete").size()).isZero();
        assertThat(data.get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void two_dispatchers_at_once_send_each_event_once_in_order() throws Exception {
        delivery.deliverDue();
        SUBSCRIBER.clear();
        SUBSCRIBER.delay(30);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        for (int i = 0; i < 20; i++) {
            int n = i;
            tx.executeWithoutResult(s -> events.held(DATE, RunType.SF, DATE.plusDays(20), CUTOFF, "concurrency " + n));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<EventDelivery.Report>> passes =
                    pool.invokeAll(List.of(delivery::deliverDue, delivery::deliverDue));
            int delivered = 0;
            for (var p : passes) {
                delivered += p.get().delivered();
            }
            assertThat(delivered).isEqualTo(20);
        } finally {
            pool.shutdown();
            SUBSCRIBER.delay(0);
        }
        assertThat(SUBSCRIBER.all())
                .as("each sent once, in order")
                .extracting(r -> JSON.readTree(r.bodyText()).get("reason").asString())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "concurrency " + i)
                        .toList());
    }

    private void assertCloudEvent(TestSubscriber.Received r, Map<String, Object> row) throws Exception {
        CloudEvent e = r.event();
        assertThat(e.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(r.header("ce-specversion")).isEqualTo("1.0");
        assertThat(e.getId()).isEqualTo(row.get("event_id").toString());
        assertThat(e.getType()).isEqualTo(row.get("type"));
        assertThat(e.getSource()).hasToString("/gbsettle");
        assertThat(e.getSubject()).isEqualTo(row.get("subject"));
        assertThat(e.getTime()).isNotNull();
        assertThat(e.getDataContentType()).isEqualTo("application/json");
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(e.getExtension("sequence")).isEqualTo(String.format("%020d", (Long) row.get("sequence")));
        JsonNode data = JSON.readTree(r.bodyText());
        assertThat(data).isEqualTo(JSON.readTree((String) row.get("data")));
        assertConformsToItsSchema(e.getType(), data);
        // the signature: HMAC-SHA256 with the secret over "<id>.<body>", computed here
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((e.getId() + "." + r.bodyText()).getBytes(StandardCharsets.UTF_8));
        assertThat(r.header("x-gbsettle-signature"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(expected));
    }

    /**
     * The data has every property its JSON Schema requires and none it does not define (the top level, and each
     * object property's own required properties).
     */
    private static void assertConformsToItsSchema(String type, JsonNode data) throws Exception {
        String resource = RunEventType.parse(type).schemaResource();
        JsonNode schema;
        try (java.io.InputStream in = RunEventsIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            schema = JSON.readTree(in);
        }
        assertConforms(type, schema, data);
    }

    private static void assertConforms(String where, JsonNode schema, JsonNode data) {
        assertThat(data.isObject()).as(where).isTrue();
        List<String> names = new ArrayList<>(data.propertyNames());
        List<String> defined = new ArrayList<>(schema.get("properties").propertyNames());
        assertThat(defined).as(where + ": properties defined").containsAll(names);
        schema.get("required").forEach(n -> assertThat(names).as(where).contains(n.asString()));
        for (String name : names) {
            JsonNode property = schema.get("properties").get(name);
            if (property.has("properties")) {
                assertConforms(where + "." + name, property, data.get(name));
            }
        }
    }

    private static JsonNode data(List<TestSubscriber.Received> received, String type, long runId) {
        return received.stream()
                .filter(r -> r.header("ce-type").equals(type)
                        && r.header("ce-subject").equals("runs/" + runId))
                .map(r -> JSON.readTree(r.bodyText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " of run " + runId));
    }

    private static String shortType(String type) {
        return type.replace("org.gbsettle.run.", "").replace(".v1", "");
    }

    /** The types of the events of a run (or, for null, of no run), in sequence order. */
    private List<String> typesOf(@org.jspecify.annotations.Nullable Long runId) {
        return jdbc.sql("SELECT type FROM event_outbox WHERE run_id IS NOT DISTINCT FROM :r ORDER BY sequence")
                .param("r", runId, java.sql.Types.BIGINT)
                .query(String.class)
                .list();
    }

    /** "run-id short-type" of every event about a run, in sequence order. */
    private List<String> typesOfRuns() {
        return jdbc.sql("SELECT run_id, type FROM event_outbox WHERE run_id IS NOT NULL ORDER BY sequence")
                .query((rs, n) -> rs.getLong(1) + " " + shortType(rs.getString(2)))
                .list();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM event_outbox").query(Long.class).single();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
