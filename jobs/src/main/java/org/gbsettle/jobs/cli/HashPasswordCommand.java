package org.gbsettle.jobs.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gbsettle hash-password}: the bcrypt hash of a password, as an HTTP API user's
 * {@code gbsettle.web.users.<name>.password} takes it ({@code {bcrypt}$2a$10$...}). The password is read from the
 * terminal without echo (twice), or as the first line of standard input when there is no terminal; never from the
 * command line, where it would stay in the shell's history. Starts no database.
 */
@Command(
        name = "hash-password",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the bcrypt hash of a password for an HTTP API user: gbsettle.web.users.<name>.password={bcrypt}...",
            "Reads the password from the terminal without echo, or the first line of standard input. Needs no"
                    + " database."
        })
final class HashPasswordCommand implements Callable<Integer> {

    /** The shortest password accepted. */
    static final int MIN_LENGTH = 12;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(
            names = "--strength",
            paramLabel = "N",
            defaultValue = "10",
            description = "bcrypt's cost: 2^N rounds, 4 to 31 (default ${DEFAULT-VALUE}).")
    private int strength = 10;

    /** Where the password is read when there is no terminal; standard input unless a test sets it. */
    private InputStream in = System.in;

    /** Reads from {@code stream} instead of standard input (tests). */
    HashPasswordCommand readingFrom(InputStream stream) {
        this.in = stream;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        CommandSpec spec = Objects.requireNonNull(this.spec, "spec");
        if (strength < 4 || strength > 31) {
            throw new ParameterException(spec.commandLine(), "--strength must be 4 to 31, not " + strength);
        }
        char[] password = read(spec);
        try {
            if (password.length < MIN_LENGTH) {
                throw new ParameterException(
                        spec.commandLine(), "The password is shorter than " + MIN_LENGTH + " characters");
            }
            String hash = new BCryptPasswordEncoder(strength).encode(new String(password));
            PrintWriter out = spec.commandLine().getOut();
            out.println("{bcrypt}" + hash);
            out.flush();
            return ExitCode.OK;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] read(CommandSpec spec) throws IOException {
        Console console = in == System.in ? System.console() : null;
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new ParameterException(spec.commandLine(), "The two passwords differ");
            }
            Arrays.fill(again, '\0');
            return first;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null) {
            throw new ParameterException(spec.commandLine(), "No password on standard input");
        }
        return line.toCharArray();
    }
}
