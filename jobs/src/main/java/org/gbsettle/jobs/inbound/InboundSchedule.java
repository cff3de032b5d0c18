package org.gbsettle.jobs.inbound;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The inbound work of the long-lived {@code serve} process (a web application only): the {@link MessageFlusher} every
 * {@code gbsettle.inbound.flush.interval} (default PT1M) unless {@code gbsettle.inbound.flush.enabled} is false, and
 * the {@link DropDirectory} polled every {@code gbsettle.inbound.drop-poll-interval} (default PT10S) when {@code
 * gbsettle.inbound.drop-dir} is set. One thread; a failure is logged and tried again at the next turn.
 */
@Component
@ConditionalOnWebApplication
public class InboundSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(InboundSchedule.class);

    private final MessageFlusher flusher;
    private final DropDirectory drop;
    private final boolean flushEnabled;
    private final Duration flushInterval;
    private final Duration dropInterval;
    private @Nullable ThreadPoolTaskScheduler scheduler;

    public InboundSchedule(
            MessageFlusher flusher,
            DropDirectory drop,
            @Value("${gbsettle.inbound.flush.enabled:true}") boolean flushEnabled,
            @Value("${gbsettle.inbound.flush.interval:PT1M}") Duration flushInterval,
            @Value("${gbsettle.inbound.drop-poll-interval:PT10S}") Duration dropInterval) {
        this.flusher = Objects.requireNonNull(flusher, "flusher");
        this.drop = Objects.requireNonNull(drop, "drop");
        this.flushEnabled = flushEnabled;
        this.flushInterval = flushInterval;
        this.dropInterval = dropInterval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || (!flushEnabled && drop.directory() == null)) {
            return;
        }
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix("gbsettle-inbound-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds(60);
        s.initialize();
        if (flushEnabled) {
            s.scheduleWithFixedDelay(this::flush, flushInterval);
        }
        if (drop.directory() != null) {
            s.scheduleWithFixedDelay(this::poll, dropInterval);
        }
        scheduler = s;
        LOG.info(
                "inbound messages: flush {}, drop directory {}",
                flushEnabled ? "every " + flushInterval : "disabled",
                drop.directory() == null ? "none" : drop.directory() + " every " + dropInterval);
    }

    private void flush() {
        try {
            flusher.flush(false);
        } catch (RuntimeException e) {
            LOG.error("inbound flush failed (tried again in {}): {}", flushInterval, e.getMessage(), e);
        }
    }

    private void poll() {
        try {
            drop.poll();
        } catch (RuntimeException e) {
            LOG.error("drop directory poll failed (tried again in {}): {}", dropInterval, e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        ThreadPoolTaskScheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdown();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
