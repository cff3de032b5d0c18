package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.run.RunDefinition;
import org.gbsettle.jobs.run.RunLauncher;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle restart --run ID}: restarts a failed settlement run; only the GSP group partitions that did not
 * complete are recomputed, from the inputs the run pinned when it was created, so the outputs equal those of an
 * uninterrupted run byte for byte.
 */
@Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description = {
            "Restarts a FAILED settlement run (its Spring Batch job): the GSP groups already written are kept, the"
                    + " others are recomputed from the same inputs as the first attempt (the reference loads and"
                    + " meter-data files the run pinned when it was created), then the run is marked COMPLETE.",
            "A run whose process was killed is still recorded as RUNNING: restart it with --recover once that"
                    + " process is known to be gone."
        })
final class RestartCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run id (see 'status').")
    private long runId;

    @Option(
            names = "--recover",
            description = "The process that ran the run is gone (killed, machine lost): mark its job execution"
                    + " failed, then restart.")
    private boolean recover;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        if (runId < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--run must be a run id (1 or more), not " + runId);
        }
        return parent.contexts().withContext(context -> {
            RunOutcome outcome = context.getBean(RunLauncher.class).restart(runId, recover);
            RunDefinition run =
                    context.getBean(JdbcSettlementRunRepository.class).get(runId);
            RunRequest request = new RunRequest(
                    run.settlementDate(), run.runType(), run.runNumber(), run.dataCutoff(), "restart", "");
            PrintWriter out = spec.commandLine().getOut();
            out.print(RunCommand.summary(request, outcome));
            out.flush();
            return ExitCode.OK;
        });
    }
}
