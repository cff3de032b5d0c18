package org.gbsettle.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.ingest.IngestOutcome;
import org.gbsettle.jobs.ingest.IngestReport;
import org.gbsettle.jobs.ingest.IngestResult;
import org.gbsettle.jobs.ingest.MeterDataIngestService;
import org.gbsettle.jobs.reference.ReferenceLoadService;
import org.gbsettle.jobs.reference.ReferenceLoadSummary;
import org.gbsettle.jobs.run.RunLauncher;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRequest;
import org.gbsettle.jobs.sample.ExpectedOutputs;
import org.gbsettle.jobs.sample.GroupCheck;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.sample.SampleDays;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle sample [DAY]}: runs a sample settlement day end to end (extract, load its reference files, ingest
 * its meter data, run the run of its {@code run.properties}) and compares the run's outputs with the day's expected
 * outputs; exit code 1 if they differ.
 */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a sample settlement day shipped in the jar (or from --days-dir) end to end: extracts it to"
                    + " --work-dir, loads its reference files as a new load version, ingests its meter-data files"
                    + " (received a day before the data cut-off; rows and files the sample makes bad are quarantined"
                    + " or rejected, which is not an error), runs the settlement run of its run.properties (by"
                    + " 'sample'), prints the run summary, and compares the run's outputs with the day's expected"
                    + " outputs (supplier_volume, bm_unit_volume, gsp_group_correction, quarantine), one line per"
                    + " GSP group.",
            "Exit 1 when an output differs from the expected (the first " + SampleCommand.MAX_DIFFERENCES
                    + " differences per group are printed). Running a day again loads its reference files again,"
                    + " finds its meter-data files already ingested and makes the next run number."
        })
final class SampleCommand implements Callable<Integer> {

    /** Differences printed per group at most. */
    static final int MAX_DIFFERENCES = 10;

    /** Who starts the runs and loads of a sample day. */
    static final String BY = "sample";

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "DAY",
            description = "The sample day, a folder name (default: " + SampleDays.DEFAULT_DAY + "); --list lists them.")
    private @Nullable String day;

    @Option(names = "--list", description = "List the sample days with a line about each, and run nothing.")
    private boolean list;

    @Option(names = "--no-check", description = "Do not compare the run's outputs with the expected outputs.")
    private boolean noCheck;

    @Option(
            names = "--days-dir",
            paramLabel = "DIR",
            description = "Take the day from this folder of sample days (laid out as sample-data/) instead of the"
                    + " jar; its files are used in place.")
    private @Nullable Path daysDir;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            defaultValue = "${env:GBSETTLE_SAMPLES_DIR:-var/samples}",
            description = "Where a day from the jar is extracted, to DIR/DAY, and kept: the runs read its meter-data"
                    + " files there (default: ${DEFAULT-VALUE}, from GBSETTLE_SAMPLES_DIR if set).")
    private Path workDir = Path.of("var", "samples");

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            out.print(list(daysDir));
            out.flush();
            return ExitCode.OK;
        }
        String name = day != null ? day : SampleDays.DEFAULT_DAY;
        SampleDay sample;
        if (daysDir != null) {
            sample = SampleDay.read(daysDir.resolve(name));
            out.println("== Sample day " + sample.name() + " from "
                    + sample.folder().toAbsolutePath());
        } else {
            Path folder = workDir.resolve(name).toAbsolutePath().normalize();
            sample = SampleDays.shipped().extract(name, folder);
            out.println("== Sample day " + sample.name() + " extracted to " + folder);
        }
        out.println("   run " + sample.runType() + " of " + sample.settlementDate() + ", data cut-off "
                + sample.dataCutoff() + ", GSP groups " + String.join(", ", sample.gspGroups()));
        Path referenceFolder = sample.referenceFolder();
        List<Path> meterData = sample.meterDataFiles();
        RunRequest request = new RunRequest(
                sample.settlementDate(),
                sample.runType(),
                null,
                sample.dataCutoff(),
                BY,
                "sample day " + sample.name());
        out.flush();
        return parent.contexts().withContext(context -> {
            out.println("== 1. Reference files " + referenceFolder);
            // the same jobs as load-reference and ingest, so that the job repository records them
            ReferenceLoadSummary loaded =
                    context.getBean(ReferenceLoadService.class).load(false, List.of(referenceFolder), BY);
            out.print(LoadReferenceCommand.render(loaded));
            out.println("== 2. Meter-data files, received " + sample.receivedAt());
            out.flush();
            IngestReport report = context.getBean(MeterDataIngestService.class).ingest(meterData, sample.receivedAt());
            for (IngestResult result : report.results()) {
                IngestOutcome outcome = result.outcome();
                out.println(outcome != null ? IngestCommand.describe(outcome) : "error: " + result.error());
            }
            out.flush();
            String failure = report.failure();
            if (failure != null) {
                throw new GbSettleException(failure);
            }
            out.println("== 3. Settlement run");
            out.flush();
            RunOutcome outcome = run(context, request);
            out.print(RunCommand.summary(request, outcome));
            if (noCheck) {
                out.flush();
                return ExitCode.OK;
            }
            out.println("== 4. Outputs of run " + outcome.runId() + " against the expected outputs in "
                    + sample.folder().resolve("expected").toAbsolutePath());
            List<GroupCheck> checks = context.getBean(ExpectedOutputs.class).check(sample, outcome.runId());
            out.print(render(checks));
            out.flush();
            List<String> differing = checks.stream()
                    .filter(c -> !c.matches())
                    .map(GroupCheck::group)
                    .toList();
            if (differing.isEmpty()) {
                return ExitCode.OK;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("gbsettle sample: run " + outcome.runId() + " differs from the expected outputs of "
                    + sample.name() + " in " + String.join(", ", differing));
            err.flush();
            return ExitCode.SOFTWARE;
        });
    }

    /** The settlement run: the one call into the run service, as {@code gbsettle run} makes it. */
    private static RunOutcome run(ApplicationContext context, RunRequest request) {
        return context.getBean(RunLauncher.class).run(request, false);
    }

    /** One line per group: "matches expected outputs", or the count and the first differences, indented. */
    static String render(List<GroupCheck> checks) {
        int width = "unassigned".length();
        for (GroupCheck c : checks) {
            width = Math.max(width, c.group().length());
        }
        StringBuilder sb = new StringBuilder();
        for (GroupCheck c : checks) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  ", c.group()));
            if (c.matches()) {
                sb.append("matches expected outputs (")
                        .append(String.join(", ", c.tables()))
                        .append(": ")
                        .append(c.expectedRows())
                        .append(" rows)\n");
            } else {
                int shown = Math.min(MAX_DIFFERENCES, c.differences().size());
                sb.append(c.differences().size())
                        .append(" difference(s) from expected outputs")
                        .append(shown < c.differences().size() ? ", the first " + shown : "")
                        .append(":\n");
                for (String d : c.differences().subList(0, shown)) {
                    sb.append("    ").append(d).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The days with their descriptions: those shipped, or those in {@code daysDir}. */
    private static String list(@Nullable Path daysDir) {
        StringBuilder sb = new StringBuilder();
        if (daysDir == null) {
            SampleDays shipped = SampleDays.shipped();
            for (String name : shipped.names()) {
                line(sb, name, shipped.description(name), name.equals(SampleDays.DEFAULT_DAY));
            }
            return sb.toString();
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(daysDir)) {
            folders = s.filter(f -> Files.isRegularFile(f.resolve("run.properties")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new GbSettleException(daysDir + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (folders.isEmpty()) {
            throw new GbSettleException("no sample day in " + daysDir + " (no folder with a run.properties)");
        }
        for (Path f : folders) {
            String name = String.valueOf(f.getFileName());
            line(sb, name, SampleDay.description(f), name.equals(SampleDays.DEFAULT_DAY));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, @Nullable String description, boolean isDefault) {
        sb.append(String.format(
                Locale.ROOT,
                "%-32s %s%s%n",
                name,
                description == null ? "" : description,
                isDefault ? " (default)" : ""));
    }
}
