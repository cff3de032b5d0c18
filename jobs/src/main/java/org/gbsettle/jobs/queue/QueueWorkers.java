package org.gbsettle.jobs.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gbsettle.jobs.GbSettleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The queue workers of a {@code serve} process: {@code gbsettle.queue.workers} threads (default {@code
 * gbsettle.web.max-concurrent-runs}, 2), each taking the first queued request ({@link RunQueue#runNext}) and running
 * it to the end, or waiting {@code gbsettle.queue.poll-interval} (default 1s) when none is queued; so at most that
 * many queued runs run at once in the process. Before each look, requests left taken by a process that died are put
 * back ({@link RunQueue#sweep}). Started with the web application context unless {@code gbsettle.queue.enabled} is
 * false; stopped before the database pool closes, a run in progress running on (it is waited for by the shutdown of
 * runs, {@code gbsettle.run.shutdown-timeout}) while no further request is taken.
 */
@Component
@ConditionalOnWebApplication
public final class QueueWorkers implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorkers.class);

    private final RunQueue queue;
    private final int workers;
    private final Duration pollInterval;
    private final boolean enabled;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public QueueWorkers(
            RunQueue queue,
            @Value("${gbsettle.queue.workers:${gbsettle.web.max-concurrent-runs:2}}") int workers,
            @Value("${gbsettle.queue.poll-interval:1s}") String pollInterval,
            @Value("${gbsettle.queue.enabled:true}") boolean enabled) {
        this.queue = Objects.requireNonNull(queue, "queue");
        if (workers < 1) {
            throw new GbSettleException("gbsettle.queue.workers is " + workers + ", not 1 or more");
        }
        this.workers = workers;
        try {
            this.pollInterval = DurationStyle.detectAndParse(pollInterval.strip());
        } catch (IllegalArgumentException e) {
            throw new GbSettleException(
                    "gbsettle.queue.poll-interval is not a duration such as 1s: " + pollInterval, e);
        }
        if (this.pollInterval.isNegative() || this.pollInterval.isZero()) {
            throw new GbSettleException("gbsettle.queue.poll-interval must be positive, not " + pollInterval);
        }
        this.enabled = enabled;
    }

    /** How many requests this process runs at once. */
    public int workers() {
        return workers;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (!enabled) {
            LOG.info("Queue workers disabled (gbsettle.queue.enabled=false): queued runs wait for another serve");
            return;
        }
        String process = ProcessHandle.current().pid() + "@" + host();
        for (int i = 1; i <= workers; i++) {
            String name = "queue-" + i + " of " + process;
            Thread t = new Thread(() -> work(name), "queue-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        LOG.info("Queue workers started: {} in process {}", workers, process);
    }

    private void work(String name) {
        while (running) {
            boolean took;
            try {
                queue.sweep();
                took = queue.runNext(name);
            } catch (RuntimeException e) {
                LOG.warn("Queue worker {}: {}", name, e.toString());
                took = false;
            }
            if (!took && running) {
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (Thread t : threads) {
            if (t.getState() == Thread.State.TIMED_WAITING) {
                t.interrupt();
            }
        }
        threads.clear();
        LOG.info("Queue workers stopped: no further request is taken");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the run shutdown and the database pool. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
