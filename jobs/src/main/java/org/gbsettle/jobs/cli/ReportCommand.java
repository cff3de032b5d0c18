package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.report.ConservationChecks;
import org.gbsettle.jobs.report.RunReportService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle report --run ID [--out DIR]}: writes a settlement run's report, a self-contained HTML page with
 * charts and a CSV bundle of its tables ({@link RunReportService}).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the report of a settlement run: DIR/run-ID-report.html, one self-contained HTML page (opens in a"
                    + " browser with no network) with the run header, input fingerprints, totals per GSP group and"
                    + " supplier, a chart per GSP group of the take and uncorrected total with the correction factor,"
                    + " data-quality counts with quarantined examples, conservation checks and the diff summary;"
                    + " and DIR/run-ID-report/, the page's tables as CSV files.",
            "Prints where it wrote them and the outcome of the conservation checks (any breach is listed in the"
                    + " report; the exit code is 0 either way)."
        })
final class ReportCommand implements Callable<Integer> {

    static final int MAX_EXAMPLES = 1000;

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The settlement run.")
    private long runId;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "var/reports",
            description = "The folder to write into, made if missing (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("var/reports");

    @Option(
            names = "--examples",
            paramLabel = "N",
            defaultValue = "" + RunReportService.DEFAULT_EXAMPLES,
            description = "Quarantined rows shown per reason, 0 to " + MAX_EXAMPLES + " (default: ${DEFAULT-VALUE}).")
    private int examples = RunReportService.DEFAULT_EXAMPLES;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        if (examples < 0 || examples > MAX_EXAMPLES) {
            throw new ParameterException(
                    spec.commandLine(), "--examples must be between 0 and " + MAX_EXAMPLES + ", not " + examples);
        }
        long runId = this.runId;
        Path directory = out.toAbsolutePath().normalize();
        int examples = this.examples;
        return parent.contexts().withContext(context -> {
            RunReportService.Written written =
                    context.getBean(RunReportService.class).write(runId, directory, examples);
            PrintWriter printer = spec.commandLine().getOut();
            printer.println("Run " + runId + " report: " + written.page());
            printer.println("CSV bundle: " + written.bundle());
            ConservationChecks checks = written.checks();
            printer.println(
                    checks.passed()
                            ? "Conservation checks: all " + checks.checks().size() + " passed"
                            : "Conservation checks: " + checks.breaches().size() + " breaches (listed in the report)");
            printer.flush();
            return ExitCode.OK;
        });
    }
}
