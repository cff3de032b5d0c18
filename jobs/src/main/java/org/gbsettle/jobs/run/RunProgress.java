package org.gbsettle.jobs.run;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The progress of a run in flight, logged (so on standard error) every {@code gbsettle.run.progress-interval}
 * (default 5 s; 0 turns it off): partitions complete over planned, meter rows read by the complete partitions, the
 * rate in rows per second and the estimated time left, from the partitions completed so far in this execution.
 * A run that ends before the first interval prints nothing.
 */
@Component
public final class RunProgress {

    private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);

    private final JdbcClient jdbc;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gbsettle-progress");
        t.setDaemon(true);
        return t;
    });

    @org.springframework.beans.factory.annotation.Autowired
    public RunProgress(JdbcClient jdbc, @Value("${gbsettle.run.progress-interval:5s}") String interval) {
        this(jdbc, org.springframework.boot.convert.DurationStyle.detectAndParse(interval.strip()));
    }

    RunProgress(JdbcClient jdbc, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("gbsettle.run.progress-interval is negative: " + interval);
        }
        this.jdbc = jdbc;
        this.interval = interval;
    }

    /** A run's partition counts and meter rows read by its complete partitions. */
    record Counts(int done, int total, long rowsRead) {}

    /** Reports a run's progress until closed. */
    public final class Reporter implements AutoCloseable {

        private final long runId;
        private final long startNanos = System.nanoTime();
        private @Nullable Counts first;
        private @Nullable ScheduledFuture<?> task;

        private Reporter(long runId) {
            this.runId = runId;
        }

        private void tick() {
            org.slf4j.MDC.put(RunLogging.RUN_ID, Long.toString(runId));
            try {
                Counts now = counts(runId);
                Counts start = first;
                if (start == null) {
                    start = new Counts(now.done(), now.total(), now.rowsRead());
                    first = start;
                }
                LOG.info(line(runId, start, now, Duration.ofNanos(System.nanoTime() - startNanos)));
            } catch (RuntimeException e) {
                LOG.debug("Run {}: no progress: {}", runId, e.toString());
            } finally {
                org.slf4j.MDC.remove(RunLogging.RUN_ID);
            }
        }

        @Override
        public void close() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /** Starts reporting a run's progress; close the reporter when the run's job has ended. */
    public Reporter report(long runId) {
        Reporter reporter = new Reporter(runId);
        if (!interval.isZero()) {
            // the counts of partitions already complete (a restart's) are taken at once, not counted in the rate
            reporter.first = counts(runId);
            reporter.task = timer.scheduleAtFixedRate(
                    reporter::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return reporter;
    }

    Counts counts(long runId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'COMPLETE'), count(*),
                               COALESCE(sum(meter_rows_read) FILTER (WHERE status = 'COMPLETE'), 0)
                          FROM run_partition WHERE run_id = :run
                        """)
                .param("run", runId)
                .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getLong(3)))
                .single();
    }

    /**
     * The progress line: {@code Run 7: 3/14 partitions, 1234567 meter rows read, 250000 rows/s, ETA 1m 10s}; the
     * rate and ETA from what completed since {@code start} in {@code elapsed} ({@code ETA -} before any).
     */
    static String line(long runId, Counts start, Counts now, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        long rows = now.rowsRead() - start.rowsRead();
        int done = now.done() - start.done();
        String eta;
        if (now.total() > 0 && now.done() >= now.total()) {
            eta = "publishing";
        } else if (done <= 0 || now.total() == 0) {
            eta = "ETA -";
        } else {
            long left = Math.round(seconds / done * (now.total() - now.done()));
            eta = "ETA " + (left >= 60 ? left / 60 + "m " + left % 60 + "s" : left + "s");
        }
        return String.format(
                Locale.ROOT,
                "Run %d: %d/%d partitions, %d meter rows read, %d rows/s, %s",
                runId,
                now.done(),
                now.total(),
                now.rowsRead(),
                Math.round(rows / seconds),
                eta);
    }
}
