package org.gbsettle.refdata.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** Copies of the sample scenario in a temporary folder, to change for a test. */
final class ScenarioFixtures {

    static final String SAMPLE = "given_one_hh_import_mpan_normal_day";

    private ScenarioFixtures() {}

    static Path sample() {
        return ScenarioTest.scenariosRoot().resolve(SAMPLE);
    }

    /** A copy of the sample scenario under {@code tmp}. */
    static Path copy(Path tmp) {
        Path target = tmp.resolve(SAMPLE);
        try (Stream<Path> files = Files.walk(sample())) {
            for (Path f : files.toList()) {
                Path t = target.resolve(sample().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void replace(Path file, String from, String to) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            if (!s.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain " + from);
            }
            Files.writeString(file, s.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
