package org.gbsettle.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.schedule.TickReport.Action;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two schedulers started at once, each tick on its own thread and connections: only the one that takes the advisory
 * lock acts, the other does nothing; and a tick while another session holds the lock does nothing.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TwoSchedulersIT {

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    /** The winter sample day's SF (2026-01-15) is due on Fri 2026-02-06 (WD+16, see NightlyCommandIT). */
    private static final LocalDate DUE = LocalDate.of(2026, 2, 6);

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    NightlyRuns nightly;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @Test
    void of_two_ticks_at_once_only_one_acts() throws Exception {
        SampleDayFixture fixture = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);
        fixture.loadReference();
        fixture.ingestMeterData();

        // another instance holds the lock: a tick does nothing
        try (Connection other = dataSource.getConnection()) {
            lock(other, "pg_advisory_lock");
            TickReport lockedOut = nightly.tick(DUE);
            assertThat(lockedOut.acted()).isFalse();
            assertThat(lockedOut.entries()).isEmpty();
            assertThat(lockedOut.summary()).contains("another instance is acting");
            lock(other, "pg_advisory_unlock");
        }
        assertThat(count("scheduled_run")).isZero();

        // two ticks: the first takes the lock and is kept inside it (the schedule table locked by this test's
        // transaction) while the second starts
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE scheduled_run IN ACCESS EXCLUSIVE MODE");
            }
            Future<TickReport> first = threads.submit(() -> nightly.tick(DUE));
            awaitAdvisoryLock();
            Future<TickReport> second = threads.submit(() -> nightly.tick(DUE));
            TickReport other = second.get(60, TimeUnit.SECONDS);
            assertThat(other.acted()).isFalse();
            assertThat(first.isDone()).isFalse();
            blocker.rollback();

            TickReport acting = first.get(5, TimeUnit.MINUTES);
            assertThat(acting.acted()).isTrue();
            assertThat(acting.entries(Action.LAUNCHED)).singleElement().satisfies(e -> {
                assertThat(e.due().entry().settlementDate().date()).isEqualTo(LocalDate.of(2026, 1, 15));
                assertThat(e.due().entry().runType()).isEqualTo(RunType.SF);
            });
        } finally {
            threads.shutdownNow();
        }
        assertThat(count("settlement_run")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT max(attempts) FROM scheduled_run")
                        .query(Integer.class)
                        .single())
                .as("every due run checked by one tick only")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
                        .query(Long.class)
                        .single())
                .as("the lock released")
                .isZero();
    }

    private static void lock(Connection c, String function) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
            ps.setLong(1, ScheduleLock.KEY);
            ps.execute();
        }
    }

    private void awaitAdvisoryLock() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
                        .query(Long.class)
                        .single()
                == 0) {
            assertThat(System.nanoTime()).as("the first tick took the lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
