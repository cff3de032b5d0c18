package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRecovery;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle recover}: restarts the runs whose process is gone (recorded as running, but no process holds their
 * run lock) and the runs stopped by a shutdown, each from its finished partitions.
 */
@Command(
        name = "recover",
        mixinStandardHelpOptions = true,
        description = {
            "Restarts every settlement run whose process is gone (killed, machine lost: recorded as running, but no"
                    + " process holds the run lock of its date and type) and every run stopped by a shutdown: the"
                    + " abandoned Spring Batch job execution is marked failed, then the run restarts from its finished"
                    + " partitions, so its outputs equal an uninterrupted run's byte for byte.",
            "Runs in progress in a live process are left alone. Exit 0 when every run looked at was recovered or is in"
                    + " progress, 1 when one failed again ('status --run ID' says why)."
        })
final class RecoverCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        return parent.contexts().withContext(context -> {
            List<RunRecovery.Result> results =
                    context.getBean(RunRecovery.class).recoverAbandoned();
            PrintWriter out = spec.commandLine().getOut();
            out.print(report(results));
            out.flush();
            return results.stream().anyMatch(r -> r.action() == RunRecovery.Action.FAILED)
                    ? ExitCode.SOFTWARE
                    : ExitCode.OK;
        });
    }

    /** One line per run looked at, or that there was nothing to recover. */
    static String report(List<RunRecovery.Result> results) {
        if (results.isEmpty()) {
            return "nothing to recover: no run is left running by a process that is gone\n";
        }
        StringBuilder sb = new StringBuilder();
        for (RunRecovery.Result r : results) {
            sb.append("Run ").append(r.runId()).append(": ");
            RunOutcome o = r.outcome();
            switch (r.action()) {
                case RECOVERED ->
                    sb.append("recovered, COMPLETE, output fingerprint ")
                            .append(o == null ? "-" : o.outputFingerprint());
                case IN_PROGRESS -> sb.append("in progress in another process (its run lock is held), left alone");
                case FAILED -> sb.append("recovery FAILED: ").append(r.message());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
