package org.gbsettle.refdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden scenarios: every {@code given_*} folder under {@code src/test/resources/scenarios} is loaded, calculated
 * and compared with its {@code then/} files (see {@code FORMAT.md} there). Each expected table is compared on the
 * columns its header names, rows in any order.
 *
 * <p>{@code mvn test -Dgolden.update=true} rewrites the {@code then/*.csv} files of the source tree from the actual
 * output, keeping each file's columns. A rewritten golden file must be checked against the hand arithmetic of the
 * scenario's README before it is committed: the update records what the engine does, not what it should do.
 */
class ScenarioTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Path scenariosRoot() {
        return Path.of(System.getProperty("basedir", "."))
                .resolve("src/test/resources/scenarios")
                .toAbsolutePath();
    }

    static Stream<Arguments> scenarios() {
        List<Path> dirs = ScenarioLoader.scenarios(scenariosRoot());
        assertThat(dirs).as("given_* folders in %s", scenariosRoot()).isNotEmpty();
        return dirs.stream().map(d -> Arguments.of(d.getFileName().toString(), d));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void test_scenario(String name, Path dir) throws IOException {
        Scenario scenario = ScenarioLoader.load(dir);
        Path then = dir.resolve(ScenarioLoader.THEN);
        Path failure = then.resolve("failure.txt");
        if (Files.isRegularFile(failure)) {
            List<String> expected = Files.readAllLines(failure, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
            assertThatThrownBy(scenario::calculate)
                    .as("%s: then/failure.txt expects the run to fail", name)
                    .isInstanceOfSatisfying(
                            MissingReferenceDataException.class,
                            e -> assertThat(e.getMessage())
                                    .as("the failure message")
                                    .contains(expected));
            return;
        }

        RunResult result = scenario.calculate();
        Map<String, String> actual = result.tables().asMap();
        List<Path> expectedFiles = csvFiles(then);
        assertThat(expectedFiles)
                .as("%s: then/ holds no expected table (nor failure.txt)", name)
                .isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (Path file : expectedFiles) {
            String table = file.getFileName().toString();
            String text = actual.get(table);
            if (text == null) {
                failures.add(table + ": not a result table; the tables are " + actual.keySet());
                continue;
            }
            GoldenTable expected = GoldenTable.parse(Files.readString(file, StandardCharsets.UTF_8), table);
            GoldenTable produced = GoldenTable.parse(text, table).project(expected.columns, table);
            if (UPDATE) {
                Files.writeString(file, produced.render(), StandardCharsets.UTF_8);
                continue;
            }
            String diff = GoldenTable.diff(expected, produced);
            if (!diff.isEmpty()) {
                failures.add(table + ":\n" + diff);
            }
        }
        if (!failures.isEmpty()) {
            fail(name + " differs from then/ (rerun with -Dgolden.update=true only after checking the README's"
                    + " arithmetic):\n" + String.join("\n", failures));
        }
    }

    private static List<Path> csvFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .sorted()
                    .toList();
        }
    }
}
