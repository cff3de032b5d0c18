package org.gbsettle.jobs.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.inbound.InboundMessageStore.Batch;
import org.gbsettle.jobs.inbound.MessageFlusher.FlushedBatch;
import org.gbsettle.jobs.ingest.MeterDataIngestService;
import org.gbsettle.jobs.sample.ExpectedOutputs;
import org.gbsettle.jobs.sample.GroupCheck;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.gbsettle.jobs.web.ApiAccessProperties;
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

/**
 * Meter data fed as messages over real HTTP (embedded Tomcat, {@link HttpClient}) and a drop directory, on embedded
 * PostgreSQL: the winter sample day's three regular meter-data files turned into one message per file, MPAN and
 * measurement quantity and posted in batches; duplicates, an id reused with other content and invalid messages (each
 * refused with its field and rule, worked out by hand from the ingest's rules); late messages (every value x 10)
 * after a cut-off; a flush with a crash after a file is written and another after it is registered; then the day run
 * SF with that cut-off gives exactly the day's expected outputs (those of the same data ingested from Parquet, with
 * the day's bad file ingested as Parquet as usual), and a run with a later cut-off does not.
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=servlet",
            "gbsettle.inbound.flush.enabled=false",
            "gbsettle.inbound.flush.max-rows=60000"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboundMessagesIT {

    private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
    private static final int MESSAGES_PER_REQUEST = 400;
    // the three regular files' rows (the day's README): 65,029 + 67,556 + 65,136
    private static final long SAMPLE_VALUES = 65_029L + 67_556L + 65_136L;
    private static final int LATE_MESSAGES = 25;

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add(
                "gbsettle.inbound.store-dir",
                () -> DATABASE.directory().resolve("messages").toString());
        registry.add(
                "gbsettle.inbound.drop-dir",
                () -> DATABASE.directory().resolve("drop").toString());
        registry.add(
                "gbsettle.web.users.nord.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(SENDER_PASSWORD));
        registry.add("gbsettle.web.users.nord.roles", () -> ApiAccessProperties.DATA_SERVICE);
    }

    /** The data service's password (user {@code nord}, role {@code DATA_SERVICE}). */
    private static final String SENDER_PASSWORD = "nord-secret";

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageFlusher flusher;

    @Autowired
    DropDirectory drop;

    @Autowired
    MeterDataIngestService ingest;

    @Autowired
    ExpectedOutputs expectedOutputs;

    @Value("${local.server.port}")
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    private final SampleDay day = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    private final List<Map<String, Object>> sampleMessages = new ArrayList<>();

    private Instant cutoff = Instant.EPOCH;

    @BeforeAll
    void load_the_reference_and_make_the_messages() {
        SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER).loadReference();
        String[] senders = {"NORD", "MERC", "TALY"};
        for (int f = 1; f <= 3; f++) {
            Path file = day.folder().resolve("meter-data/meter_reads_" + f + ".parquet");
            ParquetMessages.Converted converted =
                    ParquetMessages.of(file, senders[f - 1], "f" + f, Instant.parse("2026-01-17T05:00:00Z"));
            assertThat(converted.rowsLeftOut()).isZero();
            sampleMessages.addAll(converted.messages());
        }
    }

    /**
     * A valid message of one value of a valid MPAN (1001332019673: the day's README names it as the correct one) on
     * 2026-01-20, a date the tests do not run.
     */
    private static Map<String, Object> oneValue(String id) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("utcPeriodStart", "2026-01-20T09:30:00Z");
        value.put("kwh", "0.084");
        value.put("quality", "A");
        return ParquetMessages.message(
                id,
                "NORD",
                Instant.parse("2026-01-20T10:00:00Z"),
                "1001332019673",
                "AI",
                new ArrayList<>(List.of(value)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Map<String, Object> m, String name) {
        return (Map<String, Object>) m.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstValue(Map<String, Object> m) {
        return ((List<Map<String, Object>>) part(m, "payload").get("periods")).get(0);
    }

    /** Each invalid message: how it is spoilt, the field and rule it is refused for (from the ingest's rules). */
    static Stream<Arguments> invalid_messages() {
        return Stream.of(
                Arguments.of(
                        "check digit 6 instead of 3",
                        (Consumer<Map<String, Object>>) m -> part(m, "payload").put("mpan", "1001332019676"),
                        "payload.mpan",
                        "BAD_MPAN"),
                Arguments.of(
                        "14 digits",
                        (Consumer<Map<String, Object>>) m -> part(m, "payload").put("mpan", "10013320196730"),
                        "payload.mpan",
                        "BAD_MPAN"),
                Arguments.of(
                        "not a number",
                        (Consumer<Map<String, Object>>) m -> part(m, "payload").put("mpan", "10013320196X3"),
                        "payload.mpan",
                        "BAD_MPAN"),
                Arguments.of(
                        "quantity RI",
                        (Consumer<Map<String, Object>>) m -> part(m, "payload").put("measurementQuantity", "RI"),
                        "payload.measurementQuantity",
                        "WRONG_MQ"),
                Arguments.of(
                        "start 09:10, off a half-hour",
                        (Consumer<Map<String, Object>>)
                                m -> firstValue(m).put("utcPeriodStart", "2026-01-20T09:10:00Z"),
                        "payload.periods[0].utcPeriodStart",
                        "BAD_PERIOD"),
                Arguments.of(
                        "start missing",
                        (Consumer<Map<String, Object>>) m -> firstValue(m).remove("utcPeriodStart"),
                        "payload.periods[0].utcPeriodStart",
                        "BAD_PERIOD"),
                Arguments.of(
                        "4 decimal places",
                        (Consumer<Map<String, Object>>) m -> firstValue(m).put("kwh", "0.0841"),
                        "payload.periods[0].kwh",
                        "BAD_VALUE"),
                Arguments.of(
                        "1,000,000,000 kWh: beyond 999,999,999.999",
                        (Consumer<Map<String, Object>>) m -> firstValue(m).put("kwh", new BigDecimal("1000000000")),
                        "payload.periods[0].kwh",
                        "BAD_VALUE"),
                Arguments.of(
                        "kWh missing",
                        (Consumer<Map<String, Object>>) m -> firstValue(m).remove("kwh"),
                        "payload.periods[0].kwh",
                        "BAD_VALUE"),
                Arguments.of(
                        "quality X",
                        (Consumer<Map<String, Object>>) m -> firstValue(m).put("quality", "X"),
                        "payload.periods[0].quality",
                        "BAD_VALUE"),
                Arguments.of(
                        "no message id",
                        (Consumer<Map<String, Object>>) m -> part(m, "header").remove("messageId"),
                        "header.messageId",
                        "REQUIRED"),
                Arguments.of(
                        "sender in lower case",
                        (Consumer<Map<String, Object>>) m -> part(m, "header").put("sender", "nord"),
                        "header.sender",
                        "FORMAT"),
                Arguments.of(
                        "schema version 2",
                        (Consumer<Map<String, Object>>) m -> part(m, "header").put("schemaVersion", "2.0"),
                        "header.schemaVersion",
                        "SCHEMA"),
                Arguments.of(
                        "no periods",
                        (Consumer<Map<String, Object>>) m -> part(m, "payload").put("periods", List.of()),
                        "payload.periods",
                        "SCHEMA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @Order(1)
    void invalid_messages(String what, Consumer<Map<String, Object>> spoil, String field, String rule)
            throws Exception {
        Map<String, Object> m = oneValue("invalid-" + what.replaceAll("[^A-Za-z0-9]", "-"));
        spoil.accept(m);

        HttpResponse<String> r = post(json(m));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonNode result = MessageJson.MAPPER.readTree(r.body()).get("results").get(0);
        assertThat(result.get("status").stringValue()).isEqualTo("REJECTED");
        JsonNode problem = result.get("problem");
        assertThat(problem.get("status").intValue()).isEqualTo(422);
        assertThat(problem.get("invalid-params").values()).as(r.body()).anySatisfy(p -> {
            assertThat(p.get("field").stringValue()).isEqualTo(field);
            assertThat(p.get("rule").stringValue()).isEqualTo(rule);
        });
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(2)
    void a_body_that_is_not_json_is_a_bad_request() throws Exception {
        HttpResponse<String> r = post("{\"header\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    @Order(3)
    void the_sample_days_messages_are_accepted_once() throws Exception {
        int requests = 0;
        for (int from = 0; from < sampleMessages.size(); from += MESSAGES_PER_REQUEST) {
            List<Map<String, Object>> batch =
                    sampleMessages.subList(from, Math.min(sampleMessages.size(), from + MESSAGES_PER_REQUEST));
            HttpResponse<String> r = post(json(batch));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = MessageJson.MAPPER.readTree(r.body());
            assertThat(body.get("accepted").longValue()).isEqualTo(batch.size());
            requests++;
        }
        assertThat(requests).isGreaterThan(1);

        // the first request again: every message a duplicate, nothing stored twice
        HttpResponse<String> again = post(json(sampleMessages.subList(0, MESSAGES_PER_REQUEST)));
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode body = MessageJson.MAPPER.readTree(again.body());
        assertThat(body.get("accepted").longValue()).isZero();
        assertThat(body.get("duplicates").longValue()).isEqualTo(MESSAGES_PER_REQUEST);

        // a single message again, as an object (not an array): a duplicate too
        HttpResponse<String> single = post(json(sampleMessages.get(7)));
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(MessageJson.MAPPER
                        .readTree(single.body())
                        .get("results")
                        .get(0)
                        .get("status")
                        .stringValue())
                .isEqualTo("DUPLICATE");

        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message")
                        .query(Long.class)
                        .single())
                .isEqualTo(sampleMessages.size());
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message_value")
                        .query(Long.class)
                        .single())
                .isEqualTo(SAMPLE_VALUES);
    }

    @Test
    @Order(4)
    void an_id_reused_with_other_content_is_refused() throws Exception {
        Map<String, Object> changed = copy(sampleMessages.get(3));
        firstValue(changed).put("kwh", "123.456");

        HttpResponse<String> r = post(json(List.of(changed, oneValue("fresh-one"))));

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode results = MessageJson.MAPPER.readTree(r.body()).get("results");
        assertThat(results.get(0).get("status").stringValue()).isEqualTo("REJECTED");
        assertThat(results.get(0)
                        .get("problem")
                        .get("invalid-params")
                        .get(0)
                        .get("rule")
                        .stringValue())
                .isEqualTo("ID_REUSED");
        // the other message of the same request is accepted (a value of 2026-01-20: nothing in the run of the 15th)
        assertThat(results.get(1).get("status").stringValue()).isEqualTo("ACCEPTED");
    }

    @Test
    @Order(5)
    void the_bad_file_as_parquet_then_late_messages_after_the_cutoff() throws Exception {
        Path bad = day.folder().resolve("meter-data/meter_reads_bad.parquet");
        GbSettleCli.Result ingested = gbsettle.ingest("2026-01-18T09:30:00Z", List.of(bad));
        assertThat(ingested.exitCode()).as(ingested.printed()).isZero();

        Thread.sleep(20);
        cutoff = Instant.now();
        Thread.sleep(20);

        List<Map<String, Object>> late = new ArrayList<>();
        for (int i = 0; i < LATE_MESSAGES; i++) {
            Map<String, Object> m = copy(sampleMessages.get(i * 97));
            part(m, "header").put("messageId", "late-" + part(m, "header").get("messageId"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> values =
                    (List<Map<String, Object>>) part(m, "payload").get("periods");
            for (Map<String, Object> v : values) {
                v.put("kwh", new BigDecimal(String.valueOf(v.get("kwh"))).multiply(BigDecimal.TEN));
            }
            late.add(m);
        }
        HttpResponse<String> r = post(json(late));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT min(received_at) > :cutoff FROM inbound_message WHERE message_id LIKE 'late-%'")
                        .param("cutoff", java.time.OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    @Order(6)
    void the_drop_directory_takes_ndjson_and_arrays_and_sorts_them() throws Exception {
        Path dir = java.util.Objects.requireNonNull(drop.directory());
        Files.createDirectories(dir);
        // another date (2026-01-20): not in the run of the 15th
        Map<String, Object> a = oneValue("drop-a");
        firstValue(a).put("utcPeriodStart", "2026-01-20T12:00:00Z");
        Map<String, Object> b = oneValue("drop-b");
        firstValue(b).put("utcPeriodStart", "2026-01-20T12:30:00Z");
        Map<String, Object> wrong = oneValue("drop-wrong");
        firstValue(wrong).put("quality", "Z");
        Files.write(dir.resolve("good.json"), json(List.of(a, b)));
        Files.writeString(
                dir.resolve("mixed.ndjson"),
                new String(json(oneValue("drop-c")), java.nio.charset.StandardCharsets.UTF_8) + "\n"
                        + new String(json(wrong), java.nio.charset.StandardCharsets.UTF_8) + "\n");
        Files.writeString(dir.resolve("broken.json"), "[{");
        Files.writeString(dir.resolve("still-writing.json.tmp"), "[");

        List<DropDirectory.Dropped> dropped = drop.poll();

        assertThat(dropped).hasSize(3);
        assertThat(dir.resolve("processed/good.json")).exists();
        assertThat(dir.resolve("rejected/mixed.ndjson")).exists();
        assertThat(dir.resolve("rejected/broken.json")).exists();
        assertThat(dir.resolve("still-writing.json.tmp")).exists();
        JsonNode good = MessageJson.MAPPER.readTree(
                dir.resolve("processed/good.json.result.json").toFile());
        assertThat(good.get("accepted").longValue()).isEqualTo(2);
        JsonNode mixed = MessageJson.MAPPER.readTree(
                dir.resolve("rejected/mixed.ndjson.result.json").toFile());
        // drop-c is the fresh-one message's content under another id: accepted; drop-wrong's quality Z refused
        assertThat(mixed.get("accepted").longValue()).isEqualTo(1);
        assertThat(mixed.get("results")
                        .get(1)
                        .get("problem")
                        .get("invalid-params")
                        .get(0)
                        .get("field")
                        .stringValue())
                .isEqualTo("payload.periods[0].quality");
        JsonNode broken = MessageJson.MAPPER.readTree(
                dir.resolve("rejected/broken.json.result.json").toFile());
        assertThat(broken.get("error").stringValue()).startsWith("not valid JSON");
    }

    @Test
    @Order(7)
    void a_flush_interrupted_after_writing_and_after_registering_stores_every_value_once() {
        // crash 1: a batch claimed and its file written, not registered
        Batch first = flusher.claimBatch().orElseThrow();
        Path firstFile = flusher.writeBatchFile(first.batchId());
        assertThat(firstFile).exists();
        // crash 2: a batch claimed, written and registered, its messages not marked
        Batch second = flusher.claimBatch().orElseThrow();
        Path secondFile = flusher.writeBatchFile(second.batchId());
        assertThat(ingest.ingest(List.of(secondFile), Instant.parse("2026-01-17T00:00:00Z"))
                        .allUsable())
                .isTrue();

        List<FlushedBatch> flushed = flusher.flush(true);

        assertThat(flushed.get(0).batchId()).isEqualTo(first.batchId());
        assertThat(flushed.get(0).registeredBefore()).isFalse();
        assertThat(flushed.get(1).batchId()).isEqualTo(second.batchId());
        assertThat(flushed.get(1).registeredBefore()).isTrue();
        // bounded batches: at most 60,000 values each, far fewer files than messages
        assertThat(flushed).allSatisfy(b -> assertThat(b.rows()).isLessThanOrEqualTo(60_000));
        assertThat(flushed.size()).isBetween(4, 6);
        // every staged value in exactly one registered file: the files' rows = the staged values
        long staged = jdbc.sql("SELECT count(*) FROM inbound_message_value")
                .query(Long.class)
                .single();
        long inFiles = jdbc.sql(
                        "SELECT sum(rows_accepted) FROM meter_data_file WHERE file_path LIKE '%inbound-batch-%'")
                .query(Long.class)
                .single();
        assertThat(inFiles).isEqualTo(staged);
        assertThat(jdbc.sql("SELECT count(*) FROM meter_data_file WHERE file_path LIKE '%inbound-batch-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(flushed.size());
        assertThat(jdbc.sql("SELECT count(*) FROM inbound_message WHERE file_id IS NULL")
                        .query(Long.class)
                        .single())
                .isZero();
        // nothing more to flush, says the operators' command
        GbSettleCli.Result again = gbsettle.run("flush-messages", "--all");
        assertThat(again.exitCode()).as(again.printed()).isZero();
        assertThat(again.out()).isEqualTo("Nothing to flush.\n");
    }

    @Test
    @Order(8)
    void the_run_with_the_cutoff_gives_the_days_expected_outputs() {
        long runId = run(cutoff);

        List<GroupCheck> checks = expectedOutputs.check(day, runId);

        assertThat(checks)
                .allSatisfy(c -> assertThat(c.differences()).as(c.group()).isEmpty());
    }

    @Test
    @Order(9)
    void a_run_with_a_later_cutoff_takes_the_late_messages() {
        long runId = run(Instant.now());

        List<GroupCheck> checks = expectedOutputs.check(day, runId);

        assertThat(checks.stream().flatMap(c -> c.differences().stream()))
                .anySatisfy(d -> assertThat(d).startsWith("supplier_volume"));
    }

    @Test
    @Order(10)
    void a_run_flushes_the_messages_received_by_its_cutoff_first() throws Exception {
        Map<String, Object> m = copy(sampleMessages.get(1));
        part(m, "header").put("messageId", "unflushed-" + part(m, "header").get("messageId"));
        HttpResponse<String> r = post(json(m));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(flusher.flush(false))
                .as("not yet due for the periodic flush")
                .isEmpty();

        long runId = run(Instant.now());

        // flushed before the run was created: its file is among the files the run pinned
        long fileId = jdbc.sql("SELECT file_id FROM inbound_message WHERE message_id LIKE 'unflushed-%'")
                .query(Long.class)
                .single();
        long pinned = jdbc.sql("SELECT meter_data_file_max FROM settlement_run WHERE run_id = :run")
                .param("run", runId)
                .query(Long.class)
                .single();
        assertThat(fileId).isLessThanOrEqualTo(pinned);
    }

    private long run(Instant cutoff) {
        GbSettleCli.Result r = gbsettle.run(
                "run", "--date", DATE.toString(), "--type", "SF", "--cutoff", cutoff.toString(), "--by", "it");
        assertThat(r.exitCode()).as(r.printed()).isZero();
        return GbSettleCli.runId(r.out());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> m) {
        return MessageJson.MAPPER.convertValue(m, Map.class);
    }

    private static byte[] json(Object value) {
        return MessageJson.MAPPER.writeValueAsBytes(value);
    }

    /** Every POST of messages goes through here, as the data service {@code nord}. */
    private HttpResponse<String> post(byte[] body) throws Exception {
        String token = Base64.getEncoder().encodeToString(("nord:" + SENDER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/meter-data/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + token)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
