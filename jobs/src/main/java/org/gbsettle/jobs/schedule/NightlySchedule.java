package org.gbsettle.jobs.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * The scheduler tick ({@link NightlyRuns#tick()}) on a cron, in the long-lived {@code serve} process: {@code
 * gbsettle.schedule.cron} (Spring's six fields, second first; default {@code 0 30 1 * * *}, 01:30 every night) in the
 * zone {@code gbsettle.schedule.zone} (default Europe/London), unless {@code gbsettle.schedule.enabled} is false. One
 * thread: a tick still running when the next is due delays it. Started by {@code serve} only (not at context start, so
 * the other commands never tick); stopped when the context closes, letting a running tick finish for up to a minute.
 */
@Component
public final class NightlySchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(NightlySchedule.class);

    private static final int STOP_WAIT_SECONDS = 60;

    private final NightlyRuns nightly;
    private final boolean enabled;
    private final String cron;
    private final String zone;

    private @Nullable ThreadPoolTaskScheduler scheduler;
    private @Nullable ScheduledFuture<?> future;
    private volatile boolean running;

    public NightlySchedule(
            NightlyRuns nightly,
            @Value("${gbsettle.schedule.enabled:true}") boolean enabled,
            @Value("${gbsettle.schedule.cron:0 30 1 * * *}") String cron,
            @Value("${gbsettle.schedule.zone:Europe/London}") String zone) {
        this.nightly = Objects.requireNonNull(nightly, "nightly");
        this.enabled = enabled;
        this.cron = cron;
        this.zone = zone;
    }

    /** Whether ticks are scheduled at all ({@code gbsettle.schedule.enabled}). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The next tick after {@code after}, by the cron in the zone.
     *
     * @throws GbSettleException if the cron or the zone is not valid
     */
    public Instant nextTick(Instant after) {
        ZonedDateTime next = cronExpression().next(after.atZone(zoneId()));
        if (next == null) {
            throw new GbSettleException("gbsettle.schedule.cron '" + cron + "' never fires");
        }
        return next.toInstant();
    }

    /** One line: the cron, zone and next tick, or that the schedule is disabled. */
    public String describe() {
        if (!enabled) {
            return "schedule disabled (gbsettle.schedule.enabled=false)";
        }
        return "schedule '" + cron + "' (" + zone + "), next tick " + nextTick(Instant.now());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (!enabled) {
            LOG.info("Schedule disabled (gbsettle.schedule.enabled=false): no tick will run");
            running = true;
            return;
        }
        CronTrigger trigger = new CronTrigger(cronExpression().toString(), zoneId());
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix("schedule-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
        s.initialize();
        future = s.schedule(this::tick, trigger);
        scheduler = s;
        running = true;
        LOG.info("Schedule started: {}", describe());
    }

    private void tick() {
        try {
            nightly.tick();
        } catch (RuntimeException e) {
            LOG.error("Schedule tick failed: {}", NightlyRuns.describe(e));
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledFuture<?> f = future;
        if (f != null) {
            f.cancel(false);
        }
        ThreadPoolTaskScheduler s = scheduler;
        if (s != null) {
            s.shutdown();
        }
        future = null;
        scheduler = null;
        if (running) {
            LOG.info("Schedule stopped");
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started by {@code serve}, not with the context. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    private CronExpression cronExpression() {
        try {
            return CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new GbSettleException(
                    "gbsettle.schedule.cron '" + cron + "' is not a cron expression (six fields,"
                            + " second first, e.g. 0 30 1 * * *): " + e.getMessage(),
                    e);
        }
    }

    private ZoneId zoneId() {
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new GbSettleException(
                    "gbsettle.schedule.zone '" + zone + "' is not a time zone: " + e.getMessage(), e);
        }
    }
}
