package org.gbsettle.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.gbsettle.jobs.reference.ReferenceLoadService;
import org.gbsettle.jobs.reference.ReferenceLoadSummary;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gbsettle load-reference}: loads reference files into the reference tables under a new load version. */
@Command(
        name = "load-reference",
        mixinStandardHelpOptions = true,
        description = {
            "Loads reference files into the database under a new load version, all or nothing.",
            "Files: gsp_groups.csv, ccc.csv, scaling_weights.csv, bsc_parties.csv, bm_units.csv, hh_default_eac.csv,"
                    + " profile_coefficients.csv, llfc_site_specific.csv, registrations.csv, *.D0265 (line loss"
                    + " factors), *.I029 (CDCA GSP group take). A CSV kind comes from the last source that has it;"
                    + " D0265 and I029 files add up.",
            "Registrations and profile coefficients may come as Parquet instead (registrations.parquet,"
                    + " profile_coefficients.parquet; not both forms in one folder): the CSV's columns by name, each a"
                    + " string holding the CSV's text or a typed column - mpan_core int64; distributor_short_code,"
                    + " profile_class, settlement_period int32/int64; annual_consumption_kwh, coefficient decimal,"
                    + " double or integer; effective_from, effective_to, settlement_date date; domestic boolean;"
                    + " nullable columns OPTIONAL. LLFC, SSC and TPR are strings (leading zeros). A *.parquet file of"
                    + " another name given on its own is known by its columns.",
            "A file that breaks its format, or overlapping effective ranges, fail the whole load with every problem"
                    + " listed; nothing is written."
        })
final class LoadReferenceCommand implements Callable<Integer> {

    @ParentCommand
    private @Nullable GbSettleCommand parent;

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "DIR|FILE",
            description = "Folders of reference files, or single reference files, applied in this order.")
    private List<Path> folders = new ArrayList<>();

    @Option(
            names = "--shipped",
            description = "Load the shipped files first (GSP groups, CCCs, scaling weights, HH default EACs).")
    private boolean shipped;

    @Option(
            names = "--by",
            paramLabel = "NAME",
            description = "Who loads it, recorded with the load (default: the user name).")
    private @Nullable String loadedBy;

    @Override
    public Integer call() {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        if (!shipped && folders.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Give at least one folder DIR, file FILE or --shipped");
        }
        String by = loadedBy != null ? loadedBy : System.getProperty("user.name", "unknown");
        if (by.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--by must not be blank");
        }
        List<Path> sources = List.copyOf(folders);
        GbSettleCommand parent = Objects.requireNonNull(this.parent, "parent");
        return parent.contexts().withContext(context -> {
            ReferenceLoadSummary summary =
                    context.getBean(ReferenceLoadService.class).load(shipped, sources, by);
            PrintWriter out = spec.commandLine().getOut();
            out.print(render(summary));
            out.flush();
            return ExitCode.OK;
        });
    }

    /** The summary: the load version, then rows loaded per table. */
    static String render(ReferenceLoadSummary summary) {
        StringBuilder sb = new StringBuilder();
        sb.append("Reference load version ")
                .append(summary.loadVersion())
                .append(": ")
                .append(summary.files())
                .append(" file(s), loaded by ")
                .append(summary.loadedBy())
                .append('\n');
        int width = "TABLE".length();
        for (String t : summary.rowsByTable().keySet()) {
            width = Math.max(width, t.length());
        }
        sb.append(String.format(java.util.Locale.ROOT, "%-" + width + "s  %10s%n", "TABLE", "ROWS"));
        for (Map.Entry<String, Long> e : summary.rowsByTable().entrySet()) {
            sb.append(String.format(java.util.Locale.ROOT, "%-" + width + "s  %10d%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }
}
