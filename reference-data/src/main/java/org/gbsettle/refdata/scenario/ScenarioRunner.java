package org.gbsettle.refdata.scenario;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.refdata.ReferenceFileException;
import org.jspecify.annotations.Nullable;

/**
 * Command line that calculates a scenario folder and prints its result tables:
 *
 * <pre>
 * ScenarioRunner &lt;scenario-dir&gt; [--out DIR]
 * </pre>
 *
 * <p>Loads {@code <scenario-dir>/when/} with {@link ScenarioLoader}, calculates with the engine, and prints each result
 * table as CSV under a {@code == name ==} heading, or with {@code --out DIR} writes them as {@code DIR/<table>.csv}.
 * Exit codes: 0 done; 1 the run cannot be calculated (missing reference data, listed); 2 bad arguments or bad input
 * files (every problem listed).
 */
public final class ScenarioRunner {

    /** Exit code of a calculated run. */
    public static final int OK = 0;

    /** Exit code of a run that cannot be calculated ({@link MissingReferenceDataException}). */
    public static final int RUN_FAILED = 1;

    /** Exit code of bad arguments or input files. */
    public static final int BAD_INPUT = 2;

    private static final String USAGE = "usage: ScenarioRunner <scenario-dir> [--out DIR]";

    private ScenarioRunner() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // standard output and error as UTF-8 whatever the platform default
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the command line, printing to the given streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path scenario = null;
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--out")) {
                if (i + 1 >= args.length) {
                    err.println("--out needs a folder\n" + USAGE);
                    return BAD_INPUT;
                }
                outDir = Path.of(args[++i]);
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return OK;
            } else if (a.startsWith("-") || scenario != null) {
                err.println("unexpected argument '" + a + "'\n" + USAGE);
                return BAD_INPUT;
            } else {
                scenario = Path.of(a);
            }
        }
        if (scenario == null) {
            err.println(USAGE);
            return BAD_INPUT;
        }
        if (!Files.isDirectory(scenario)) {
            err.println("scenario folder " + scenario + " does not exist\n" + USAGE);
            return BAD_INPUT;
        }
        try {
            Scenario s = ScenarioLoader.load(scenario);
            RunResult result = s.calculate();
            print(s, result, outDir, out);
            return OK;
        } catch (ReferenceFileException | ReferenceDataConflictException e) {
            err.println("Bad input in " + scenario + ":\n" + e.getMessage());
            return BAD_INPUT;
        } catch (MissingReferenceDataException e) {
            err.println("The run cannot be calculated: " + e.getMessage());
            return RUN_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("Bad input in " + scenario + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("Cannot read or write files: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private static void print(Scenario s, RunResult result, @Nullable Path outDir, PrintStream out) {
        RunContext c = result.context();
        out.println("Scenario " + s.name() + ": run " + c.runType() + " " + c.runNumber() + " of " + c.settlementDate()
                + ", GSP group " + c.gspGroup() + ", data cut-off " + c.dataCutoff());
        Map<String, String> tables = result.tables().asMap();
        if (outDir != null) {
            try {
                Files.createDirectories(outDir);
                for (Map.Entry<String, String> t : tables.entrySet()) {
                    Path f = outDir.resolve(t.getKey());
                    Files.writeString(f, t.getValue(), StandardCharsets.UTF_8);
                    out.println("wrote " + f + " (" + (t.getValue().lines().count() - 1) + " rows)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write tables to " + outDir, e);
            }
            return;
        }
        for (Map.Entry<String, String> t : tables.entrySet()) {
            out.println();
            out.println("== " + t.getKey() + " ==");
            out.print(t.getValue());
        }
    }
}
