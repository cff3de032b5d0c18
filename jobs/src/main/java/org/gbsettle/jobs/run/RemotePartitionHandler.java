package org.gbsettle.jobs.run;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gbsettle.jobs.GbSettleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The manager's side of remote partitioning ({@code gbsettle.partitioning.mode=remote}): sends the partition step
 * executions of the steps sample, calculate and combine to the workers through {@code partition_request} ({@link PartitionRequests}) instead of
 * running them on the local pool, and learns their ends by polling the job repository every {@code
 * gbsettle.partitioning.poll-interval}.
 *
 * <p>A partition whose worker stopped sending heartbeats for {@code gbsettle.partitioning.worker-timeout} (killed,
 * cut off) or released it (stopped by SIGTERM before finishing) is sent again: its step execution is marked {@code
 * FAILED} and a new step execution of the same name, with the same GSP groups, is queued. The step execution that
 * counts for the partition is the last one; the abandoned worker, should it still be alive, can write nothing (see
 * {@link PartitionRequests#checkHeld}). When the manager is shutting down, the partitions not yet taken are failed as
 * stopped by shutdown and those taken are waited for, so that {@code recover} resumes the run as in local mode.
 */
final class RemotePartitionHandler extends AbstractPartitionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RemotePartitionHandler.class);

    private final JobRepository jobRepository;
    private final PartitionRequests requests;
    private final RunShutdown shutdown;
    private final Duration pollInterval;
    private final Duration workerTimeout;

    RemotePartitionHandler(
            JobRepository jobRepository,
            PartitionRequests requests,
            RunShutdown shutdown,
            Duration pollInterval,
            Duration workerTimeout,
            int gridSize) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("gbsettle.partitioning.poll-interval is " + pollInterval);
        }
        if (workerTimeout.compareTo(pollInterval) <= 0) {
            throw new IllegalArgumentException("gbsettle.partitioning.worker-timeout " + workerTimeout
                    + " is not longer than the poll interval " + pollInterval);
        }
        this.jobRepository = Objects.requireNonNull(jobRepository, "jobRepository");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.pollInterval = pollInterval;
        this.workerTimeout = workerTimeout;
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        long runId = Objects.requireNonNull(manager.getJobParameters().getLong(SettlementRunJob.RUN_ID));
        long jobExecutionId = manager.getJobExecutionId();
        int cancelled = requests.cancelOpen(runId, jobExecutionId);
        if (cancelled > 0) {
            LOG.info("Run {}: {} partition requests of an earlier job execution cancelled", runId, cancelled);
        }
        // the partitions by step execution id: the last attempt of each
        Map<Long, StepExecution> current = new LinkedHashMap<>();
        for (StepExecution p : partitions) {
            requests.send(runId, p);
            current.put(p.getId(), p);
        }
        LOG.info("Run {}: {} partitions sent to the workers", runId, current.size());
        Map<Long, StepExecution> finished = new LinkedHashMap<>();
        long waitingSince = System.nanoTime();
        boolean stopping = false;
        while (finished.size() < current.size()) {
            Thread.sleep(pollInterval.toMillis());
            List<Long> open = new ArrayList<>(current.keySet());
            open.removeAll(finished.keySet());
            if (!stopping && shutdown.stopRequested()) {
                stopping = true;
                for (long id : requests.cancelQueued(open)) {
                    finished.put(id, stopped(jobExecutionId, id));
                    manager.addFailureException(
                            new GbSettleException("run " + runId + ": " + RunShutdown.STOPPED_MESSAGE));
                }
                open.removeAll(finished.keySet());
            }
            Set<Long> again = new LinkedHashSet<>(requests.abandonStale(open, workerTimeout.toMillis()));
            Map<Long, String> status = requests.statuses(open);
            status.forEach((id, s) -> {
                // CANCELLED: a worker found the step execution or its job not running when it took it
                if (s.equals("RELEASED") || s.equals("ABANDONED") || s.equals("CANCELLED")) {
                    again.add(id);
                }
            });
            for (long id : again) {
                StepExecution old = jobRepository.getStepExecution(jobExecutionId, id);
                if (old != null && old.getStatus() == BatchStatus.COMPLETED) {
                    finished.put(id, old); // it ended before its worker could say so
                    continue;
                }
                String why = switch (status.getOrDefault(id, "ABANDONED")) {
                    case "RELEASED" -> "its worker stopped before finishing it";
                    case "CANCELLED" -> "a worker cancelled its request";
                    default -> "its worker sent no heartbeat for " + workerTimeout;
                };
                StepExecution next = sendAgain(manager, runId, Objects.requireNonNull(current.get(id)), old, why);
                current.remove(id);
                current.put(next.getId(), next);
            }
            for (long id : current.keySet()) {
                if (finished.containsKey(id)) {
                    continue;
                }
                String s = status.get(id);
                StepExecution e = jobRepository.getStepExecution(jobExecutionId, id);
                // ended: its step execution is no longer running and its worker has let its request go
                if (e != null && !e.getStatus().isRunning() && s != null && !s.equals("QUEUED") && !s.equals("TAKEN")) {
                    finished.put(id, e);
                    if (e.getStatus() != BatchStatus.COMPLETED) {
                        manager.addFailureException(new GbSettleException(failure(e)));
                    }
                }
            }
            if (finished.size() < current.size() && System.nanoTime() - waitingSince > 60_000_000_000L) {
                waitingSince = System.nanoTime();
                int queued = requests.queued(current.keySet());
                LOG.info(
                        "Run {}: {} of {} partitions finished, {} queued for a worker{}",
                        runId,
                        finished.size(),
                        current.size(),
                        queued,
                        queued == current.size() - finished.size() ? " (is a 'gbsettle worker' running?)" : "");
            }
        }
        return new LinkedHashSet<>(finished.values());
    }

    /**
     * Marks an unfinished attempt failed and queues a new step execution of the partition, with its GSP groups.
     *
     * @param old the attempt as the job repository has it (null if it cannot be read)
     */
    private StepExecution sendAgain(
            StepExecution manager,
            long runId,
            StepExecution sent,
            @org.jspecify.annotations.Nullable StepExecution old,
            String why) {
        if (old != null && old.getStatus().isRunning()) {
            old.setStatus(BatchStatus.FAILED);
            old.setExitStatus(ExitStatus.FAILED.addExitDescription("sent to another worker: " + why));
            old.setEndTime(LocalDateTime.now());
            try {
                jobRepository.update(old);
            } catch (OptimisticLockingFailureException e) {
                LOG.warn("Run {}: step execution {} changed while being marked failed: {}", runId, old.getId(), e);
            }
        }
        StepExecution next = jobRepository.createStepExecution(sent.getStepName(), manager.getJobExecution());
        // the partition's context (its groups, phase and piece) without the keys of the worker that held it
        ExecutionContext context = new ExecutionContext(sent.getExecutionContext());
        context.remove(PartitionRequests.REQUEST_ID);
        context.remove(PartitionRequests.TOKEN);
        next.setExecutionContext(context);
        jobRepository.updateExecutionContext(next);
        requests.send(runId, next);
        LOG.warn(
                "Run {}: partition {} (step execution {}) sent again as step execution {}: {}",
                runId,
                sent.getStepName(),
                sent.getId(),
                next.getId(),
                why);
        return next;
    }

    /** A queued partition not sent to a worker because the manager is shutting down, marked failed as stopped. */
    private StepExecution stopped(long jobExecutionId, long id) {
        StepExecution e = Objects.requireNonNull(jobRepository.getStepExecution(jobExecutionId, id));
        e.setStatus(BatchStatus.FAILED);
        e.setExitStatus(ExitStatus.FAILED.addExitDescription(RunShutdown.STOPPED_MESSAGE));
        e.setEndTime(LocalDateTime.now());
        jobRepository.update(e);
        e.addFailureException(new GbSettleException(RunShutdown.STOPPED_MESSAGE));
        return e;
    }

    /**
     * The operator's message of a failed remote step execution: the first line of its exit description (the failure's
     * stack trace, as the worker recorded it) without the exception's class name.
     */
    static String failure(StepExecution e) {
        String description = e.getExitStatus().getExitDescription().strip();
        String first = description.lines().findFirst().orElse("");
        int colon = first.indexOf(": ");
        if (colon > 0 && first.substring(0, colon).matches("[\\w.$]+")) {
            first = first.substring(colon + 2);
        }
        return first.isBlank() ? "partition " + e.getStepName() + " ended " + e.getStatus() : first;
    }
}
