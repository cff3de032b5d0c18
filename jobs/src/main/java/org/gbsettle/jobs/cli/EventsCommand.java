package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.events.EventDelivery;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle events}: the delivery state of the run events, per subscriber (delivered, undelivered, and the
 * oldest undelivered event with its attempts, next attempt and last error) and the latest events of the outbox.
 */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Shows the run events' delivery: per subscriber how many were delivered and how many wait, the"
                + " oldest waiting event with its attempts, next attempt and last error; then the latest events.")
final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "How many of the latest events to list (default 20).")
    private int limit;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        return parent.contexts().withContext(context -> {
            EventDelivery delivery = context.getBean(EventDelivery.class);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Subscribers:");
            var subscribers = delivery.status();
            if (subscribers.isEmpty()) {
                out.println("  none (gbsettle.events.subscribers)");
            }
            for (EventDelivery.SubscriberStatus s : subscribers) {
                out.println("  " + s.subscriber() + ": " + s.delivered() + " delivered, " + s.undelivered()
                        + " undelivered");
                if (s.headSequence() != null) {
                    out.println("    oldest undelivered: event " + s.headSequence() + " " + s.headType() + " "
                            + s.headSubject() + ", " + s.headAttempts() + " attempt(s), next attempt "
                            + (s.nextAttempt() == null
                                    ? "-"
                                    : s.nextAttempt().toInstant().toString())
                            + (s.lastError() == null ? "" : ", last error: " + s.lastError()));
                }
            }
            out.println("Latest events (sequence, time, type, subject, id, subscribers delivered/waiting):");
            for (EventDelivery.ListedEvent e : delivery.recent(limit)) {
                out.println(String.format(
                        "  %6d  %s  %-46s %-16s %s  %d/%d",
                        e.sequence(), e.time().toInstant(), e.type(), e.subject(), e.id(), e.delivered(), e.pending()));
            }
            out.flush();
            return ExitCode.OK;
        });
    }
}
