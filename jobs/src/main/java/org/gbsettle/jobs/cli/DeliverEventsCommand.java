package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.events.EventDelivery;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle deliver-events}: one delivery pass of the run events to the configured subscribers ({@link
 * EventDelivery#deliverDue()}), for cron-style operation without {@code serve}.
 */
@Command(
        name = "deliver-events",
        mixinStandardHelpOptions = true,
        description = {
            "Delivers the run events not yet delivered to each subscriber of gbsettle.events.subscribers, as"
                    + " CloudEvents (HTTP binary mode), in order, until one fails; a failed event is tried again at a"
                    + " later pass after an exponential backoff (gbsettle.events.retry-initial, doubled per failure up"
                    + " to gbsettle.events.retry-max). serve does the same every gbsettle.events.poll-interval.",
            "Exit code 0 when nothing is left undelivered, 3 when some events still wait (see 'events')."
        })
final class DeliverEventsCommand implements Callable<Integer> {

    /** The exit code when events are left undelivered. */
    static final int UNDELIVERED = 3;

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        return parent.contexts().withContext(context -> {
            EventDelivery delivery = context.getBean(EventDelivery.class);
            PrintWriter out = spec.commandLine().getOut();
            if (delivery.subscribers().isEmpty()) {
                out.println("No subscribers (gbsettle.events.subscribers): nothing to deliver.");
                out.flush();
                return ExitCode.OK;
            }
            EventDelivery.Report r = delivery.deliverDue();
            out.println("Events: " + r.summary());
            out.flush();
            return r.undelivered() == 0 ? ExitCode.OK : UNDELIVERED;
        });
    }
}
