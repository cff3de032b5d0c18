package org.gbsettle.jobs.events;

import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Event delivery on a timer in the long-lived {@code serve} process: a pass of {@link EventDelivery#deliverDue()}
 * every {@code gbsettle.events.poll-interval} (default 5 s, measured from the end of the previous pass), when
 * subscribers are configured. One thread. Started by {@code serve} only (the other commands never deliver; {@code
 * deliver-events} makes one pass for cron-style operation); stopped when the context closes. Several instances may run:
 * the claim in {@link EventDelivery} keeps them from sending the same event at once.
 */
@Component
public final class EventDispatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventDelivery delivery;
    private final EventsProperties properties;

    private @Nullable ThreadPoolTaskScheduler scheduler;
    private @Nullable ScheduledFuture<?> future;
    private volatile boolean running;

    public EventDispatcher(EventDelivery delivery, EventsProperties properties) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** One line: the subscribers and the interval, or that there are none. */
    public String describe() {
        if (properties.subscribers().isEmpty()) {
            return "no event subscribers (gbsettle.events.subscribers)";
        }
        return "events to " + properties.subscribers().size() + " subscriber(s) every " + properties.pollInterval();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (properties.subscribers().isEmpty()) {
            LOG.info("Event dispatcher: no subscribers (gbsettle.events.subscribers); events are only written");
            return;
        }
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix("events-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds((int) Math.max(1, properties.timeout().toSeconds() + 1));
        s.initialize();
        future = s.scheduleWithFixedDelay(this::pass, properties.pollInterval());
        scheduler = s;
        LOG.info("Event dispatcher started: {}", describe());
    }

    private void pass() {
        try {
            EventDelivery.Report r = delivery.deliverDue();
            if (r.delivered() > 0 || r.failed() > 0) {
                LOG.info("Event dispatcher: {}", r.summary());
            }
        } catch (RuntimeException e) {
            LOG.error("Event dispatcher pass failed: {}", String.valueOf(e));
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
        if (running && s != null) {
            LOG.info("Event dispatcher stopped");
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
}
