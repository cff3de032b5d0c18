package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gbsettle.jobs.events.EventDispatcher;
import org.gbsettle.jobs.schedule.NightlySchedule;
import org.gbsettle.jobs.schedule.StartupRecovery;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle serve}: the long-lived service. Starts the application as a web application (Actuator health at
 * {@code /actuator/health} on {@code server.port}), calls every {@link StartupRecovery}, starts the scheduler tick on
 * its cron ({@link NightlySchedule}) and the run events' delivery ({@link EventDispatcher}), and runs until SIGTERM or SIGINT (or {@code --for} has passed), when Spring closes
 * the context: the schedule stops, the web server and the embedded database too.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the long-lived service: a web server on server.port (default 8080) with Actuator health at"
                    + " /actuator/health, and the scheduler tick (as nightly) on the cron gbsettle.schedule.cron"
                    + " (default 0 30 1 * * *, 01:30) in gbsettle.schedule.zone (default Europe/London), unless"
                    + " gbsettle.schedule.enabled=false.",
            "At start it recovers what a previous process left unfinished; it runs until SIGTERM or Ctrl-C, then stops"
                    + " cleanly. Several instances may run: only one acts at each tick, and their queue workers"
                    + " (gbsettle.queue.workers each, default 2) share the runs queued by POST /runs or 'queue --add'."
        })
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            description = "Stop after this long, ISO-8601, e.g. PT8H (default: run until SIGTERM or Ctrl-C).")
    private @Nullable Duration duration;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        Duration duration = this.duration;
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(spec.commandLine(), "--for must be positive, not " + duration);
        }
        return parent.contexts().withWebContext(Map.of(), context -> {
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch closed = new CountDownLatch(1);
            if (context instanceof ConfigurableApplicationContext c) {
                c.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
                    if (event instanceof ContextClosedEvent) {
                        closed.countDown();
                    }
                });
            }
            context.getBeanProvider(StartupRecovery.class).orderedStream().forEach(StartupRecovery::recover);
            NightlySchedule schedule = context.getBean(NightlySchedule.class);
            schedule.start();
            EventDispatcher events = context.getBean(EventDispatcher.class);
            events.start();
            String port = context.getEnvironment().getProperty("local.server.port", "(no web server)");
            out.println("Serving on port " + port + " (health: /actuator/health); " + schedule.describe() + "; "
                    + events.describe());
            out.flush();
            boolean signalled = await(closed, duration);
            schedule.stop();
            events.stop();
            out.println(signalled ? "Stopping: signalled." : "Stopping: --for " + duration + " has passed.");
            out.flush();
            return ExitCode.OK;
        });
    }

    /** Waits until the context closes (SIGTERM, Ctrl-C) or the duration passes; whether it closed. */
    private static boolean await(CountDownLatch closed, @Nullable Duration duration) {
        try {
            if (duration == null) {
                closed.await();
                return true;
            }
            return closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
