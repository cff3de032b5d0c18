package org.gbsettle.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application as an operator runs it: {@code java -jar gbsettle.jar ...} in a separate JVM, configured
 * through environment variables only, on a fresh embedded data directory kept between two runs, and on an external
 * PostgreSQL given by {@code SPRING_DATASOURCE_URL}.
 */
class ExecutableJarIT {

    private static Path jar = Path.of("target", "gbsettle.jar");

    @TempDir
    Path workDir;

    private record Result(int exitCode, String out, String err) {}

    @BeforeAll
    static void findJar() {
        String configured = System.getProperty("gbsettle.jar");
        if (configured != null) {
            jar = Path.of(configured);
        }
        assertThat(jar).as("the executable jar (mvn package)").isRegularFile();
    }

    @Test
    void help_starts_no_database() throws Exception {
        Result help = gbsettle(Map.of(), "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: gbsettle").contains("status");
        assertThat(help.err()).isEmpty();
        assertThat(workDir.resolve("var")).doesNotExist();
    }

    @Test
    void the_jar_ships_the_sample_days_and_lists_them_without_a_database() throws Exception {
        Result list = gbsettle(Map.of(), "sample", "--list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .contains("2026-01-15_normal_winter_day     Sample settlement day 2026-01-15")
                .contains("2026-03-29_spring_clock_change   Sample settlement day 2026-03-29")
                .contains("2026-10-25_autumn_clock_change   Sample settlement day 2026-10-25")
                .hasLineCount(3);
        assertThat(workDir.resolve("var")).doesNotExist();
    }

    @Test
    void status_on_a_fresh_data_directory_then_again_on_the_kept_one() throws Exception {
        Path dataDir = workDir.resolve("var").resolve("pgdata");

        Result first = gbsettle(Map.of(), "status");
        Result second = gbsettle(Map.of(), "status");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("no runs yet\n");
        assertThat(first.err())
                .contains("Database: embedded PostgreSQL 17.")
                .contains("data directory " + dataDir.toAbsolutePath() + " (new)")
                .containsPattern("Schema: applied \\d+ migration\\(s\\), now at version 0\\d{3}");
        assertThat(dataDir.resolve("PG_VERSION")).content().isEqualToIgnoringNewLines("17");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("no runs yet\n");
        assertThat(second.err())
                .contains("data directory " + dataDir.toAbsolutePath() + ",")
                .doesNotContain("(new)")
                .containsPattern("Schema: up to date at version 0\\d{3}");
        assertThat(dataDir.resolve("postmaster.pid"))
                .as("the server was stopped")
                .doesNotExist();
    }

    @Test
    void an_external_database_is_used_as_configured_and_nothing_is_started() throws Exception {
        try (EmbeddedPostgresServer external =
                EmbeddedPostgresServer.start(workDir.resolve("external"), 0, "settle_ext", Duration.ofSeconds(60))) {
            Map<String, String> superuser = Map.of(
                    "SPRING_DATASOURCE_URL",
                    external.jdbcUrl(),
                    "SPRING_DATASOURCE_USERNAME",
                    EmbeddedPostgresServer.USER,
                    "SPRING_DATASOURCE_PASSWORD",
                    "unused");
            Result refused = gbsettle(superuser, "status");

            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
            assertThat(refused.err())
                    .contains("Refusing to run as database login postgres, a PostgreSQL superuser")
                    .contains("SPRING_DATASOURCE_USERNAME")
                    .contains("gbsettle.database.allow-privileged-login=true")
                    .doesNotContain("\tat ");

            Map<String, String> allowed = new HashMap<>(superuser);
            allowed.put("GBSETTLE_DATABASE_ALLOW_PRIVILEGED_LOGIN", "true");
            Result r = gbsettle(allowed, "status");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("no runs yet\n");
            assertThat(r.err())
                    .contains("Database: external PostgreSQL " + external.jdbcUrl() + " (user postgres)")
                    .doesNotContain("embedded")
                    .doesNotContain("unused");
            assertThat(workDir.resolve("var")).doesNotExist();
        }
    }

    @Test
    void an_unreachable_external_database_is_an_error_in_one_line() throws Exception {
        Result r = gbsettle(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:1/none"), "status");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("gbsettle status: error: ")
                .contains("localhost:1")
                .doesNotContain("WARN")
                .doesNotContain("\tat ");
    }

    /** Runs the jar in {@link #workDir} with the given extra environment and no datasource variables of our own. */
    private Result gbsettle(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("GBSETTLE_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("gbsettle " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        Result result = new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
