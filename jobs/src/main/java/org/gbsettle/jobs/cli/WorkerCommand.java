package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.run.PartitionWorker;
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
 * {@code gbsettle worker}: a JVM that computes the partitions of settlement runs whose manager ({@code run}, {@code
 * serve}, {@code recover} with {@code gbsettle.partitioning.mode=remote}) sends them to workers ({@link
 * PartitionWorker}), on the shared PostgreSQL given by {@code SPRING_DATASOURCE_URL}; never on an embedded database of
 * its own. It runs until SIGTERM or SIGINT, then takes no more partitions and finishes (or releases) those in flight.
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Computes settlement partitions for managers running with gbsettle.partitioning.mode=remote: polls the"
                    + " shared PostgreSQL (SPRING_DATASOURCE_URL, required) for partition requests and runs each"
                    + " (its GSP groups calculated and written, as a local run would).",
            "Runs until SIGTERM or Ctrl-C: then takes no more partitions; the GSP group being calculated is finished"
                    + " and written, the rest of its partition is released for another worker. The meter-data files"
                    + " recorded at ingest must be readable here (a shared directory; gbsettle.meter-data.path-map"
                    + " maps a recorded path prefix to this machine's)."
        })
final class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "Partitions computed at once (default ${DEFAULT-VALUE}).")
    private int threads = 1;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            defaultValue = "PT1S",
            description = "How long to wait before asking again when no partition is queued, ISO-8601 (default 1 s).")
    private Duration pollInterval = Duration.ofSeconds(1);

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            description = "Stop after this long, ISO-8601, e.g. PT8H (default: run until SIGTERM or Ctrl-C).")
    private @Nullable Duration duration;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, not " + threads);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new ParameterException(spec.commandLine(), "--poll-interval must be positive, not " + pollInterval);
        }
        Duration duration = this.duration;
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(spec.commandLine(), "--for must be positive, not " + duration);
        }
        if (!datasourceConfigured()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "worker needs the shared database: set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to the"
                            + " PostgreSQL its managers use");
        }
        return parent.contexts().withContext(Map.of(), context -> {
            if (context.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable() != null) {
                throw new ParameterException(
                        spec.commandLine(), "worker runs on the shared database only, not on an embedded one");
            }
            CountDownLatch closed = new CountDownLatch(1);
            if (context instanceof ConfigurableApplicationContext c) {
                c.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
                    if (event instanceof ContextClosedEvent) {
                        closed.countDown();
                    }
                });
            }
            PartitionWorker worker = context.getBean(PartitionWorker.class);
            PrintWriter out = spec.commandLine().getOut();
            worker.begin(threads, pollInterval);
            out.println("Worker " + worker.name() + ": taking settlement partitions on " + threads
                    + " threads (poll interval " + pollInterval + ")");
            out.flush();
            boolean signalled = await(closed, duration);
            out.println(signalled ? "Stopping: signalled." : "Stopping: --for " + duration + " has passed.");
            out.flush();
            return ExitCode.OK;
        });
    }

    /** Whether {@code spring.datasource.url} is given (system property or environment). */
    private static boolean datasourceConfigured() {
        String property = System.getProperty("spring.datasource.url");
        String env = System.getenv("SPRING_DATASOURCE_URL");
        return (property != null && !property.isBlank()) || (env != null && !env.isBlank());
    }

    /** Waits until the context closes (SIGTERM, Ctrl-C) or the duration passes; whether it closed. */
    private static boolean await(CountDownLatch closed, @Nullable Duration duration) {
        try {
            if (duration == null) {
                closed.await();
                return true;
            }
            return closed.await(duration.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
