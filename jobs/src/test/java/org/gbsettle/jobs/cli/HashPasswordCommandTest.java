package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import picocli.CommandLine;

/** {@code gbsettle hash-password}: a bcrypt hash that Spring Security's {@code {bcrypt}} encoder accepts. */
class HashPasswordCommandTest {

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new HashPasswordCommand()
                .readingFrom(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void the_hash_of_the_first_line_of_standard_input_matches_the_password_only() {
        Result r = run("correct horse battery\nsecond line\n", "--strength", "4");

        assertThat(r.exitCode()).as(r.err()).isZero();
        String hash = r.out().strip();
        // {bcrypt}, then $2a$, the cost 04, $ and 53 characters of salt and hash
        assertThat(hash).matches("\\{bcrypt}\\$2a\\$04\\$[./0-9A-Za-z]{53}");
        PasswordEncoder spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(spring.matches("correct horse battery", hash)).isTrue();
        assertThat(spring.matches("correct horse batterY", hash)).isFalse();
        assertThat(spring.matches("second line", hash)).isFalse();
    }

    @Test
    void the_default_strength_is_10() {
        Result r = run("correct horse battery\n");

        assertThat(r.out()).startsWith("{bcrypt}$2a$10$");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "short|--strength=4|shorter than 12 characters",
                "''|--strength=4|No password on standard input",
                "correct horse battery|--strength=3|--strength must be 4 to 31",
                "correct horse battery|--strength=32|--strength must be 4 to 31",
            })
    void a_short_or_missing_password_or_a_bad_strength_is_refused(String stdin, String option, String message) {
        Result r = run(stdin.isEmpty() ? "" : stdin + "\n", option);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(message);
    }
}
