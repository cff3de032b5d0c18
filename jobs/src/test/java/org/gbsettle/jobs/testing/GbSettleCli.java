package org.gbsettle.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gbsettle.jobs.cli.ContextProvider;
import org.gbsettle.jobs.cli.GbSettleCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/**
 * The {@code gbsettle} command line run in-process, as {@code main} would run it, with commands that need the database
 * given contexts by a {@link ContextProvider} (in an integration test, the test's own started Spring context); each
 * run returns its exit code and what it printed on standard output and standard error.
 */
public final class GbSettleCli {

    private static final Pattern RUN_ID = Pattern.compile("(?m)^Run (\\d+):");

    private final ContextProvider contexts;

    private GbSettleCli(ContextProvider contexts) {
        this.contexts = contexts;
    }

    /** The command line with its contexts from {@code contexts}. */
    public static GbSettleCli of(ContextProvider contexts) {
        return new GbSettleCli(contexts);
    }

    /**
     * The command line for commands that must not need the database: a command that asks for a context fails the
     * test.
     */
    public static GbSettleCli withoutDatabase() {
        return new GbSettleCli(work -> {
            throw new AssertionError("the command started the application context");
        });
    }

    /**
     * The command line running every command in the context {@code context} gives when the command runs (a test's
     * autowired context: {@code GbSettleCli.in(() -> context)} as a field initializer).
     */
    public static GbSettleCli in(Supplier<ApplicationContext> context) {
        return new GbSettleCli(work -> work.applyAsInt(context.get()));
    }

    /** What a command printed, and its exit code (0 success, 1 error, 2 bad arguments). */
    public record Result(int exitCode, String out, String err) {

        /** Standard output then standard error, for an assertion's description. */
        public String printed() {
            return out + err;
        }
    }

    /** Runs {@code gbsettle ARGS} and returns its exit code and output. */
    public Result run(String... args) {
        return run(new StringWriter(), args);
    }

    /**
     * As {@link #run(String...)}, printing standard output into {@code out} as the command runs (for a command that
     * runs until stopped, read from another thread).
     */
    public Result run(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = GbSettleCommand.commandLine(contexts);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs {@code gbsettle ingest --received-at RECEIVED_AT FILES}. */
    public Result ingest(String receivedAt, List<Path> files) {
        List<String> args = new ArrayList<>(List.of("ingest", "--received-at", receivedAt));
        files.forEach(f -> args.add(f.toString()));
        return run(args.toArray(String[]::new));
    }

    /** The run id of the first {@code Run N:} line of a command's output; fails the test if there is none. */
    public static long runId(String out) {
        Matcher m = RUN_ID.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }
}
