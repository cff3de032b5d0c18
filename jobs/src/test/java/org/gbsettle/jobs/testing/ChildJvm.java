package org.gbsettle.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;

/**
 * The packaged application ({@code java -jar gbsettle.jar}) started as a child JVM per command against a given
 * database ({@code SPRING_DATASOURCE_URL}), partitions one at a time; each command's standard output and error go to
 * numbered files in a work directory.
 *
 * @param workDir the child's working directory, which also holds its output files
 * @param jdbcUrl the database the child uses, as user {@link EmbeddedPostgresServer#USER}
 * @param options JVM options added to every command, e.g. {@code -Dgbsettle.run.test.partition-delay=3s}
 * @param counter numbers the output files, shared by the copies made with {@link #withOptions}
 */
public record ChildJvm(Path workDir, String jdbcUrl, List<String> options, AtomicInteger counter) {

    private static final Pattern RUN_ID = Pattern.compile("(?m)^Run (\\d+):");

    /** A command's outcome: its exit code, standard output and standard error. */
    public record Result(int exitCode, String out, String err) {}

    /** A started command: the process and the files its output goes to. */
    public record Started(Process process, Path out, Path err) {

        /** Waits for the command to end and reads its output. */
        public Result await(long minutes) throws IOException, InterruptedException {
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the command did not finish in " + minutes + " minutes");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    public ChildJvm {
        options = List.copyOf(options);
    }

    /** Child JVMs on a database, with the given JVM options. */
    public static ChildJvm of(Path workDir, String jdbcUrl, String... options) {
        return new ChildJvm(workDir, jdbcUrl, List.of(options), new AtomicInteger());
    }

    /** The same children on another database. */
    public ChildJvm onDatabase(String url) {
        return new ChildJvm(workDir, url, options, counter);
    }

    /** The same children with other JVM options. */
    public ChildJvm withOptions(String... replacement) {
        return new ChildJvm(workDir, jdbcUrl, List.of(replacement), counter);
    }

    /** Starts a command, its output to files in the work directory. */
    public Started start(String... args) throws IOException {
        int n = counter.incrementAndGet();
        Path out = workDir.resolve("out-" + n + ".txt");
        Path err = workDir.resolve("err-" + n + ".txt");
        Process p = command(args)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new Started(p, out, err);
    }

    /** Runs a command to its end (at most 5 minutes). */
    public Result run(String... args) throws IOException, InterruptedException {
        return start(args).await(5);
    }

    /** Runs a command that must succeed (exit 0). */
    public Result ok(String... args) throws IOException, InterruptedException {
        return ok(run(args));
    }

    /** The result, asserted to be a success (exit 0). */
    public static Result ok(Result r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    /** The run id in a {@code run} or {@code recover} command's output ({@code Run N: ...}). */
    public static long runId(String out) {
        Matcher m = RUN_ID.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private ProcessBuilder command(String... args) {
        String jar = System.getProperty(
                "gbsettle.jar", Path.of("target", "gbsettle.jar").toString());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dgbsettle.run.pool-size=1"));
        command.addAll(options);
        command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("GBSETTLE_"));
        pb.environment().put("SPRING_DATASOURCE_URL", jdbcUrl);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        // the test's embedded server has only its superuser: allowed explicitly (LoginPrivilegeCheck)
        pb.environment().put("GBSETTLE_DATABASE_ALLOW_PRIVILEGED_LOGIN", "true");
        return pb;
    }
}
