package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.inbound.MessageFlusher;
import org.gbsettle.jobs.inbound.MessageFlusher.FlushedBatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle flush-messages [--all]}: flushes staged consumption messages into the meter-data store ({@link
 * MessageFlusher}), as {@code serve} does on its interval; for operators (before a run, or when no {@code serve}
 * runs).
 */
@Command(
        name = "flush-messages",
        mixinStandardHelpOptions = true,
        description = {
            "Writes staged meter-data messages (received by POST /meter-data/messages or the drop directory) to"
                    + " Parquet files under gbsettle.inbound.store-dir and registers them like ingested files: batches"
                    + " of at most gbsettle.inbound.flush.max-rows values, when that many wait or the oldest has"
                    + " waited gbsettle.inbound.flush.max-age; with --all, everything staged now. Batches left"
                    + " unfinished by a crash are completed first."
        })
final class FlushMessagesCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--all", description = "Flush every staged message now, not only full or old batches.")
    private boolean all;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        return parent.contexts().withContext(context -> {
            List<FlushedBatch> batches = context.getBean(MessageFlusher.class).flush(all);
            PrintWriter out = spec.commandLine().getOut();
            for (FlushedBatch b : batches) {
                out.println("batch " + b.batchId() + ": " + b.messages() + " message(s), " + b.rows() + " value(s) -> "
                        + b.file() + " (meter-data file " + b.fileId()
                        + (b.registeredBefore() ? ", registered before" : "")
                        + ")");
            }
            out.println(batches.isEmpty() ? "Nothing to flush." : "Flushed " + batches.size() + " batch(es).");
            out.flush();
            return ExitCode.OK;
        });
    }
}
