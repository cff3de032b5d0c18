package org.gbsettle.jobs.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker's side of remote partitioning ({@code gbsettle worker}): {@code threads} threads each take a queued
 * partition request ({@link PartitionRequests#take}, {@code FOR UPDATE SKIP LOCKED}), run its Spring Batch step
 * execution with the settlement run job's partition step ({@link PartitionCalculation}) and wait {@code
 * pollInterval} when the queue is empty. While a partition runs, its request's heartbeat is refreshed every {@code
 * gbsettle.partitioning.heartbeat-interval} (default 5 s): the manager sends a partition whose heartbeat is older than
 * its {@code gbsettle.partitioning.worker-timeout} to another worker.
 *
 * <p>Started only by the {@code worker} command ({@link #begin}). On shutdown (SIGTERM closes the context) no request
 * is taken any more; the GSP group being calculated finishes and is written, a partition's further groups are not
 * started ({@link RunShutdown}) and its request is released, so that the manager sends it again; the context waits
 * for the partitions in flight at most {@code gbsettle.run.shutdown-timeout}.
 */
@Component
public final class PartitionWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWorker.class);

    private final PartitionRequests requests;
    private final JobRepository jobRepository;
    private final Step partitionStep;
    private final RunShutdown shutdown;
    private final Duration heartbeatInterval;
    private final Duration shutdownTimeout;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final RunMeterData meterData;
    /** The partitions in flight in this worker, by settlement run id. */
    private final Map<Long, Integer> inFlight = new HashMap<>();

    private final String name;

    private volatile boolean running;
    private @Nullable ExecutorService pool;
    private @Nullable ScheduledExecutorService heartbeats;

    PartitionWorker(
            PartitionRequests requests,
            JobRepository jobRepository,
            @Qualifier("runPartitionStep") Step partitionStep,
            RunShutdown shutdown,
            RunMeterData meterData,
            @Value("${gbsettle.partitioning.heartbeat-interval:5s}") String heartbeatInterval,
            @Value("${gbsettle.run.shutdown-timeout:10m}") String shutdownTimeout) {
        this.requests = requests;
        this.jobRepository = jobRepository;
        this.partitionStep = partitionStep;
        this.shutdown = shutdown;
        this.meterData = meterData;
        this.heartbeatInterval = DurationStyle.detectAndParse(heartbeatInterval.strip());
        this.shutdownTimeout = DurationStyle.detectAndParse(shutdownTimeout.strip());
        if (this.heartbeatInterval.isNegative() || this.heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("gbsettle.partitioning.heartbeat-interval is " + heartbeatInterval);
        }
        this.name = PartitionRequests.processName();
    }

    /** This worker's name in {@code partition_request.worker}: host name and process id (and the thread). */
    public String name() {
        return name;
    }

    /**
     * Starts taking partitions on {@code threads} threads, polling every {@code pollInterval} while the queue is empty.
     */
    public synchronized void begin(int threads, Duration pollInterval) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ", not 1 or more");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval is " + pollInterval + ", not positive");
        }
        if (running) {
            throw new IllegalStateException("the worker is running already");
        }
        running = true;
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gbsettle-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = heartbeatInterval.toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        heartbeats = beats;
        ExecutorService threadPool = Executors.newFixedThreadPool(threads, new java.util.concurrent.ThreadFactory() {
            private int n;

            @Override
            public synchronized Thread newThread(Runnable r) {
                return new Thread(r, "gbsettle-worker-" + ++n);
            }
        });
        for (int i = 0; i < threads; i++) {
            threadPool.execute(() -> poll(pollInterval));
        }
        threadPool.shutdown();
        pool = threadPool;
        LOG.info(
                "Worker {}: taking settlement partitions on {} threads, polling every {}, heartbeat every {}",
                name,
                threads,
                pollInterval,
                heartbeatInterval);
    }

    private void poll(Duration pollInterval) {
        String me = name + "#" + Thread.currentThread().getName();
        while (running && !shutdown.stopRequested()) {
            Optional<PartitionRequests.Taken> taken;
            try {
                taken = requests.take(me);
            } catch (RuntimeException e) {
                LOG.warn("Worker {}: taking a partition request failed: {}", me, e.toString());
                taken = Optional.empty();
            }
            if (taken.isPresent()) {
                run(taken.get());
                continue;
            }
            forgetFinished();
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs a taken request's step execution, then ends the request: done, released or cancelled. */
    private void run(PartitionRequests.Taken taken) {
        held.add(taken.token());
        synchronized (inFlight) {
            inFlight.merge(taken.runId(), 1, Integer::sum);
        }
        MDC.put(RunLogging.RUN_ID, Long.toString(taken.runId()));
        String end = "DONE";
        try {
            StepExecution step = jobRepository.getStepExecution(taken.jobExecutionId(), taken.stepExecutionId());
            if (step == null
                    || !step.getStatus().isRunning()
                    || !step.getJobExecution().getStatus().isRunning()) {
                LOG.info(
                        "Run {}: partition request {} cancelled: step execution {} or its job execution is no longer"
                                + " running",
                        taken.runId(),
                        taken.requestId(),
                        taken.stepExecutionId());
                end = "CANCELLED";
                return;
            }
            step.getExecutionContext().putLong(PartitionRequests.REQUEST_ID, taken.requestId());
            step.getExecutionContext()
                    .putString(PartitionRequests.TOKEN, taken.token().toString());
            LOG.info(
                    "Run {}: partition {} (step execution {}) taken by {}",
                    taken.runId(),
                    step.getStepName(),
                    step.getId(),
                    Thread.currentThread().getName());
            partitionStep.execute(step);
            if (step.getStatus() != BatchStatus.COMPLETED && shutdown.stopRequested()) {
                end = "RELEASED";
            }
            LOG.info(
                    "Run {}: partition {} (step execution {}) ended {}{}{}",
                    taken.runId(),
                    step.getStepName(),
                    step.getId(),
                    step.getStatus(),
                    end.equals("RELEASED") ? ", released for another worker (this one is stopping)" : "",
                    step.getFailureExceptions().isEmpty()
                            ? ""
                            : ": " + step.getFailureExceptions().get(0).getMessage());
        } catch (Exception e) {
            // the step records its own failures: this is the repository or the database failing around it
            LOG.warn("Run {}: partition request {} failed: {}", taken.runId(), taken.requestId(), e.toString());
            end = "RELEASED";
        } finally {
            held.remove(taken.token());
            try {
                if (!requests.finish(taken, end)) {
                    LOG.warn(
                            "Run {}: partition request {} was taken from this worker (sent again) before it ended",
                            taken.runId(),
                            taken.requestId());
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "Run {}: ending partition request {} failed: {}",
                        taken.runId(),
                        taken.requestId(),
                        e.toString());
            }
            forgetIfDone(taken.runId());
            MDC.remove(RunLogging.RUN_ID);
        }
    }

    /** A partition of the run ended in this worker: forgets the days of the runs that are over. */
    private void forgetIfDone(long runId) {
        synchronized (inFlight) {
            if (inFlight.merge(runId, -1, Integer::sum) <= 0) {
                inFlight.remove(runId);
            }
        }
        forgetFinished();
    }

    /**
     * Forgets the days (reference data and file index, read once per run in each worker) of the runs that are over:
     * this worker runs no partition of them, none is queued and they are no longer {@code RUNNING} (a run's next step
     * sends its partitions soon after its last one ended, so a running run's day is kept). Called as partitions end
     * and while the worker is idle.
     */
    private void forgetFinished() {
        for (long run : meterData.runs()) {
            synchronized (inFlight) {
                if (inFlight.containsKey(run)) {
                    continue;
                }
            }
            try {
                if (!requests.runInProgress(run)) {
                    meterData.release(run);
                    LOG.info("Run {}: its day forgotten, the run is over", run);
                }
            } catch (RuntimeException e) {
                LOG.warn("Run {}: checking whether the run is over failed: {}", run, e.toString());
            }
        }
    }

    private void beat() {
        try {
            requests.heartbeat(Set.copyOf(held));
        } catch (RuntimeException e) {
            LOG.warn("Worker {}: heartbeat failed: {}", name, e.toString());
        }
    }

    /** Not started with the context: the {@code worker} command calls {@link #begin}. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public void start() {
        // started by begin(threads, pollInterval) only
    }

    /** Takes no more partitions and waits for those in flight, at most {@code gbsettle.run.shutdown-timeout}. */
    @Override
    public void stop() {
        running = false;
        ExecutorService p = pool;
        if (p != null) {
            LOG.info("Worker {}: stopping; partitions in flight: {}", name, held.size());
            try {
                if (!p.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Worker {}: shutdown timeout {} passed with partitions in flight", name, shutdownTimeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ScheduledExecutorService b = heartbeats;
        if (b != null) {
            b.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped with the runs, before the database pool is closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
