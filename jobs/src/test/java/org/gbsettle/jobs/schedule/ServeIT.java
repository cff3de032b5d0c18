package org.gbsettle.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gbsettle serve} as an operator runs it: the packaged jar in a JVM of its own on a fresh embedded database,
 * answering {@code /actuator/health} over real HTTP (and, with no user configured, a 401 to {@code POST /runs}), ticking on its cron (here every second), and stopping cleanly on
 * SIGTERM.
 */
class ServeIT {

    private static final Pattern SERVING = Pattern.compile("Serving on port (\\d+) ");

    private static Path jar = Path.of("target", "gbsettle.jar");

    @TempDir
    Path workDir;

    @BeforeAll
    static void findJar() {
        String configured = System.getProperty("gbsettle.jar");
        if (configured != null) {
            jar = Path.of(configured);
        }
        assertThat(jar).as("the executable jar (mvn package)").isRegularFile();
    }

    @Test
    void serve_answers_health_over_http_ticks_and_stops_on_sigterm() throws Exception {
        Path dataDir = workDir.resolve("pgdata");
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dserver.port=0",
                "-Dgbsettle.schedule.cron=* * * * * *",
                "-jar",
                jar.toAbsolutePath().toString(),
                "serve"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("GBSETTLE_"));
        pb.environment().put("GBSETTLE_DATABASE_DATA_DIR", dataDir.toString());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        try {
            Matcher serving = await(process, out, SERVING);
            int port = Integer.parseInt(serving.group(1));

            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            // no user is configured: health stays public, a run cannot be started
            HttpResponse<String> post = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/runs"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"date\": \"2026-01-15\", \"type\": \"SF\", \"reason\": \"x\"}"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as(post.body()).isEqualTo(401);
            assertThat(post.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(read(err)).contains("No user with role OPERATOR in gbsettle.web.users");
            assertThat(read(out)).contains("schedule '* * * * * *' (Europe/London), next tick ");
            // the cron fires: a tick for today, on an empty database (every due run held)
            await(process, err, Pattern.compile("Schedule tick for \\d{4}-\\d{2}-\\d{2}: .* launched"));

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped after SIGTERM")
                    .isTrue();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        assertThat(read(out)).contains("Stopping: signalled.");
        assertThat(read(err)).contains("Schedule stopped").doesNotContain("ERROR");
        assertThat(dataDir.resolve("postmaster.pid"))
                .as("the embedded database was stopped")
                .doesNotExist();
    }

    /** Waits up to 3 minutes for {@code pattern} in the file, failing if the process ends first. */
    private static Matcher await(Process process, Path file, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            Matcher m = pattern.matcher(read(file));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve ended (exit " + process.exitValue() + ") before printing " + pattern
                        + ":\n" + read(file.resolveSibling("out.txt")) + read(file.resolveSibling("err.txt")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + pattern + " in 3 minutes:\n" + read(file));
            }
            Thread.sleep(100);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
