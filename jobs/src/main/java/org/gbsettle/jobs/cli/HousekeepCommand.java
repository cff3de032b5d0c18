package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.run.RunHousekeeping;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle housekeep [--dry-run]}: deletes Spring Batch metadata and the outputs of never-authoritative runs
 * past their retention ({@link RunHousekeeping}).
 */
@Command(
        name = "housekeep",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes the Spring Batch metadata of job executions ended longer ago than gbsettle.retention.batch-metadata"
                    + " (default 90d), and the outputs of runs that were never authoritative (failed, or complete"
                    + " after a higher run of their date) created longer ago than"
                    + " gbsettle.retention.superseded-outputs (default 400d). The outputs of a run that ever was"
                    + " authoritative are kept; the runs' own rows (identity, fingerprints, counts) always are."
        })
final class HousekeepCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--dry-run", description = "Only say what would be deleted.")
    private boolean dryRun;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        return parent.contexts().withContext(context -> {
            RunHousekeeping.Report r = context.getBean(RunHousekeeping.class).run(dryRun);
            PrintWriter out = spec.commandLine().getOut();
            String verb = r.dryRun() ? "would delete" : "deleted";
            out.println("Spring Batch metadata: " + verb + " " + r.jobInstances()
                    + " job instance(s) whose executions ended over "
                    + r.batchMetadataRetention().toDays()
                    + " days ago");
            out.println("Run outputs: " + verb + " " + r.outputRows() + " row(s) of "
                    + r.runs().size()
                    + " never-authoritative run(s) created over "
                    + r.outputsRetention().toDays() + " days ago"
                    + (r.runs().isEmpty() ? "" : ": runs " + r.runs()));
            out.println("Remote partition requests: " + verb + " " + r.partitionRequests() + " that ended over "
                    + r.batchMetadataRetention().toDays() + " days ago");
            out.println("Run events: " + verb + " " + r.events() + " delivered to every subscriber, older than "
                    + r.eventsRetention().toDays() + " days");
            out.flush();
            return ExitCode.OK;
        });
    }
}
