package org.gbsettle.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.calendar.TimetableRules;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.ChildJvm;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.gbsettle.refdata.calendar.ShippedCalendars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Load: 20 runs queued at once over HTTP (the three sample days, each II, SF, R1, R2, R3 and RF, and the winter day's
 * D and DR, in a shuffled order; all forced, so a D completing before a later-planned RF does not refuse it; the
 * default suite queues the first 10 of them, {@code -Dqueue.load.runs=20} all) on a {@code serve} whose queue
 * workers are off; that {@code serve} stopped and another started (the packaged jar in a child JVM, {@code -Xmx1g},
 * default pool and 2 queue workers), whose workers run them all. Asserted: every request DONE and its run COMPLETE; the
 * runs created (run ids) in timetable order, worked out here from the shipped timetable rules (planned day WD+n, an
 * unplanned D or DR on the day requested; then settlement date, then run type rank); the serve's database sessions
 * (pool and run locks, sampled from {@code pg_stat_activity}) never above the pool size + the workers' run locks + 2;
 * its peak resident memory (VmHWM) under 1.5 GiB. The measured numbers are printed.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueueLoadIT {

    private static final Pattern SERVING = Pattern.compile("Serving on port (\\d+) ");
    private static final String APPLICATION_NAME = "gbsettle-load-serve";
    /** The default {@code spring.datasource.hikari.maximum-pool-size} (application.properties). */
    private static final int POOL = 14;

    private static final int WORKERS = 2;

    /**
     * How many of the 20 requests are queued: all with {@code -Dqueue.load.runs=20} (about 3 minutes here), else the
     * first 10 of the shuffled list, to keep the default suite short.
     */
    private static final int RUNS = Integer.getInteger("queue.load.runs", 10);

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcConnectionDetails database;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Requested(SampleDay day, RunType type) {}

    @Test
    void twenty_queued_runs_all_complete_in_timetable_order_with_bounded_memory_and_connections() throws Exception {
        long started = System.nanoTime();
        GbSettleCli cli = GbSettleCli.in(() -> context);
        List<SampleDay> days = List.of(
                SampleDayFixture.sampleDay(SampleDayFixture.WINTER),
                SampleDayFixture.sampleDay("2026-03-29_spring_clock_change"),
                SampleDayFixture.sampleDay("2026-10-25_autumn_clock_change"));
        for (SampleDay day : days) {
            SampleDayFixture fixture = new SampleDayFixture(cli, day);
            fixture.loadReference();
            fixture.ingestMeterData();
        }
        List<Requested> requests = new ArrayList<>();
        for (SampleDay day : days) {
            for (RunType type : List.of(RunType.II, RunType.SF, RunType.R1, RunType.R2, RunType.R3, RunType.RF)) {
                requests.add(new Requested(day, type));
            }
        }
        requests.add(new Requested(days.get(0), RunType.D));
        requests.add(new Requested(days.get(0), RunType.DR));
        assertThat(requests).hasSize(20);
        Collections.shuffle(requests, new Random(7));
        requests = List.copyOf(requests.subList(0, RUNS));
        LocalDate requestedOn = LocalDate.now(SettlementDate.UK);

        Path workDir = DATABASE.directory().resolve("load");
        Files.createDirectories(workDir);
        String user = "-Dgbsettle.web.users.load.password={bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        ChildJvm child = ChildJvm.of(
                workDir,
                database.getJdbcUrl(),
                "-Dserver.port=0",
                "-Dgbsettle.schedule.enabled=false",
                "-Dgbsettle.queue.workers=" + WORKERS,
                "-Dgbsettle.queue.poll-interval=200ms",
                "-Dspring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME,
                user,
                "-Dgbsettle.web.users.load.roles=OPERATOR");

        // a serve that only queues: the 20 requests at once (in a shuffled order)
        ChildJvm.Started queuer = child.withOptions(
                        "-Dserver.port=0",
                        "-Dgbsettle.schedule.enabled=false",
                        "-Dgbsettle.queue.enabled=false",
                        user,
                        "-Dgbsettle.web.users.load.roles=OPERATOR")
                .start("serve");
        try {
            int port = port(queuer);
            List<Thread> posts = new ArrayList<>();
            List<Integer> codes = Collections.synchronizedList(new ArrayList<>());
            for (Requested r : requests) {
                Thread t = new Thread(() -> codes.add(post(port, r)));
                posts.add(t);
                t.start();
            }
            for (Thread t : posts) {
                t.join(60_000);
            }
            assertThat(codes).hasSize(RUNS).containsOnly(202);
        } finally {
            queuer.process().destroy();
            assertThat(queuer.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(count("SELECT count(*) FROM run_queue WHERE state = 'QUEUED'"))
                .as("queued, and kept after the serve stopped")
                .isEqualTo(RUNS);

        // a serve with workers: it takes them all
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger peakSessions = new AtomicInteger();
        AtomicInteger peakBusy = new AtomicInteger();
        AtomicLong peakRssKb = new AtomicLong();
        long runsStarted = System.nanoTime();
        ChildJvm.Started server = child.start("serve");
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                // every session of the serve (its pool's and its run locks'), and those of them not idle
                int[] sessions = jdbc.sql("SELECT count(*), count(*) FILTER (WHERE state <> 'idle')"
                                + " FROM pg_stat_activity WHERE application_name = '" + APPLICATION_NAME
                                + "' OR application_name LIKE 'gbsettle run lock%'")
                        .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                        .single();
                peakSessions.accumulateAndGet(sessions[0], Math::max);
                peakBusy.accumulateAndGet(sessions[1], Math::max);
                peakRssKb.accumulateAndGet(status(server.process(), "VmHWM"), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            port(server);
            long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
            while (count("SELECT count(*) FROM run_queue WHERE state IN ('QUEUED', 'TAKEN')") > 0) {
                assertThat(server.process().isAlive()).as("serve running").isTrue();
                assertThat(System.nanoTime()).as("the queue not drained").isLessThan(deadline);
                Thread.sleep(250);
            }
        } finally {
            sampling.set(false);
            sampler.join(10_000);
            server.process().destroy();
            assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        double runSeconds = (System.nanoTime() - runsStarted) / 1e9;

        assertThat(jdbc.sql("SELECT state || ': ' || detail FROM run_queue WHERE state <> 'DONE'")
                        .query(String.class)
                        .list())
                .as("every request done")
                .isEmpty();
        assertThat(count("SELECT count(*) FROM settlement_run r JOIN run_queue q ON q.run_id = r.run_id"
                        + " WHERE r.status = 'COMPLETE'"))
                .isEqualTo(RUNS);

        // timetable order: the planned day of each (date, type) from the shipped rules, an unplanned run on the day
        // requested; then the settlement date; then the type's rank
        TimetableRules rules = ShippedCalendars.timetableRules();
        Comparator<Requested> timetable = Comparator.<Requested, LocalDate>comparing(
                        r -> rules.plannedRuns(SettlementDate.of(r.day().settlementDate())).stream()
                                .filter(e -> e.runType() == r.type())
                                .map(SettlementCalendarEntry::plannedRunDate)
                                .findFirst()
                                .orElse(requestedOn))
                .thenComparing(r -> r.day().settlementDate())
                .thenComparingInt(r -> r.type().rank());
        List<String> expected = requests.stream()
                .sorted(timetable)
                .map(r -> r.day().settlementDate() + " " + r.type())
                .toList();
        List<String> actual = jdbc.sql("""
                        SELECT r.settlement_date || ' ' || r.run_type FROM settlement_run r
                          JOIN run_queue q ON q.run_id = r.run_id ORDER BY r.run_id
                        """).query(String.class).list();
        // requests of the same planned day, date and rank (D and DR) may start either way round: their order is that
        // of their requests, posted at once
        java.util.Map<String, Requested> byName = new java.util.HashMap<>();
        requests.forEach(r -> byName.put(r.day().settlementDate() + " " + r.type(), r));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual.stream().map(byName::get).toList())
                .as("runs started in timetable order: %s", actual)
                .isSortedAccordingTo(timetable);

        long peakMib = peakRssKb.get() / 1024;
        System.out.printf(
                "QueueLoadIT: %d runs in %.1f s by %d workers; peak serve sessions %d, of them not idle %d (pool %d +"
                        + " %d run locks); peak RSS %d MiB (-Xmx1g); whole test %.1f s%n",
                RUNS,
                runSeconds,
                WORKERS,
                peakSessions.get(),
                peakBusy.get(),
                POOL,
                WORKERS,
                peakMib,
                (System.nanoTime() - started) / 1e9);
        assertThat(peakSessions.get()).as("database sessions of serve").isBetween(1, POOL + WORKERS + 2);
        assertThat(peakMib).as("peak RSS of serve (MiB)").isBetween(1L, 1536L);
    }

    /** The password of the operator {@code load} the requests are posted as. */
    private static final String PASSWORD = "load-secret";

    private int post(int port, Requested r) {
        String body = "{\"date\": \"" + r.day().settlementDate() + "\", \"type\": \"" + r.type() + "\", \"cutoff\": \""
                + r.day().dataCutoff() + "\", \"reason\": \"load test\", \"by\": \"load\", \"force\": true}";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/runs"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            ("load:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** A field of {@code /proc/PID/status} in kB (0 once the process is gone). */
    private static long status(Process process, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The port a started serve prints, waited for up to 3 minutes. */
    private static int port(ChildJvm.Started serve) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            String out = Files.exists(serve.out()) ? Files.readString(serve.out(), StandardCharsets.UTF_8) : "";
            Matcher m = SERVING.matcher(out);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!serve.process().isAlive()) {
                throw new AssertionError(
                        "serve ended before serving: " + out + Files.readString(serve.err(), StandardCharsets.UTF_8));
            }
            assertThat(System.nanoTime()).as("serve started").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
