package org.gbsettle.jobs.run;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of settlement runs at a partition boundary. When the application context closes (on SIGTERM the
 * JVM's shutdown hook closes it), a stop is requested: partitions already calculating finish and are written, no new
 * partition starts (each fails with {@link #STOPPED_MESSAGE}), so the run ends {@code FAILED} and a {@code restart}
 * (or {@code recover}) finishes it. The context's beans (the database pool above all) are not destroyed until the
 * runs in flight have ended or {@code gbsettle.run.shutdown-timeout} (default 10 minutes) has passed.
 */
@Component
public final class RunShutdown implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    /** The failure message of a partition not started because the application was shutting down. */
    public static final String STOPPED_MESSAGE =
            "stopped by shutdown: the application was stopped (SIGTERM) before this GSP group started; the groups"
                    + " complete are kept, 'restart' or 'recover' computes the others";

    private static final Logger LOG = LoggerFactory.getLogger(RunShutdown.class);

    private final Duration timeout;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopRequested;
    private volatile boolean running;

    @org.springframework.beans.factory.annotation.Autowired
    public RunShutdown(@Value("${gbsettle.run.shutdown-timeout:10m}") String timeout) {
        this(org.springframework.boot.convert.DurationStyle.detectAndParse(timeout.strip()));
    }

    RunShutdown(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("gbsettle.run.shutdown-timeout is negative: " + timeout);
        }
        this.timeout = timeout;
    }

    /** Whether the application is shutting down: runs start no new partition. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Asks the runs of this process to stop at the next partition boundary (as a shutdown does). */
    public void requestStop() {
        if (!stopRequested) {
            stopRequested = true;
            if (!inFlight.isEmpty()) {
                LOG.warn(
                        "Shutting down: runs {} stop at a partition boundary (partitions in flight finish, no new one"
                                + " starts)",
                        inFlight);
            }
        }
    }

    /** Records that a run's job is executing in this process (until {@link #ended}). */
    void started(long runId) {
        inFlight.add(runId);
    }

    /** Records that a run's job has ended in this process. */
    void ended(long runId) {
        synchronized (inFlight) {
            inFlight.remove(runId);
            inFlight.notifyAll();
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        requestStop();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Requests the stop and waits for the runs in flight to end, at most the shutdown timeout. */
    @Override
    public void stop() {
        requestStop();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlight) {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("Shutdown timeout {} passed with runs {} still in flight", timeout, inFlight);
                    break;
                }
                try {
                    inFlight.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped first, before the partition thread pool and everything else. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
