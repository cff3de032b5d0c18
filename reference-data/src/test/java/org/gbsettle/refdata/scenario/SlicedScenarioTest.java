package org.gbsettle.refdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.testing.Slicing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden scenarios split in three slices by MPAN (cut at the registered MPANs a third and two thirds of the way),
 * each slice stored and read back, combined in reverse order: the result equals the whole group's, record for record
 * and byte for byte in its tables; a scenario that fails whole fails sliced.
 */
class SlicedScenarioTest {

    static Stream<Arguments> scenarios() {
        return ScenarioTest.scenarios();
    }

    private static List<MpanRange> thirds(Scenario s) {
        long[] mpans = s.inputs().meteringSystems().all().stream()
                .mapToLong(Registration::mpan)
                .distinct()
                .sorted()
                .toArray();
        return Slicing.rangesAt(mpans[mpans.length / 3], mpans[2 * mpans.length / 3]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void test_scenario_split_in_three_equals_the_whole_group(String name, Path dir) {
        Scenario s = ScenarioLoader.load(dir);
        List<MpanRange> ranges = thirds(s);
        RunResult whole;
        try {
            whole = SettlementCalculator.calculate(s.inputs(), s.referenceData());
        } catch (MissingReferenceDataException e) {
            assertThatThrownBy(() -> Slicing.calculate(s.inputs(), s.referenceData(), ranges, new Random(3)))
                    .as(name)
                    .isInstanceOf(MissingReferenceDataException.class);
            return;
        }
        List<MpanRange> reversed = new java.util.ArrayList<>(ranges);
        java.util.Collections.reverse(reversed);
        RunResult sliced = Slicing.calculate(s.inputs(), s.referenceData(), reversed, null);
        assertThat(sliced).as("%s in %s", name, ranges).isEqualTo(whole);
        Map<String, String> expected = whole.tables().asMap();
        Map<String, String> actual = sliced.tables().asMap();
        for (String table : expected.keySet()) {
            assertThat(actual.get(table)).as("%s: %s", name, table).isEqualTo(expected.get(table));
        }
        assertThat(sliced.tables().fingerprint()).isEqualTo(whole.tables().fingerprint());
    }

    /**
     * The computed-load-shape scenario against its golden files: the four category K systems fall in two slices
     * ({@code ...011}, {@code ...020} | {@code ...030}, {@code ...049}), so each slice defaults against the group's
     * load-shape sample, not its own.
     */
    @Test
    void test_computed_load_shape_golden_files_hold_when_split_in_three() throws IOException {
        Path dir = ScenarioTest.scenariosRoot().resolve("given_missing_periods_defaulted_by_computed_load_shape");
        Scenario s = ScenarioLoader.load(dir);
        List<MpanRange> ranges = Slicing.rangesAt(1005000000030L, 1005000000058L);
        RunResult sliced = Scenario.withRejectedReads(
                Slicing.calculate(s.inputs(), s.referenceData(), ranges, new Random(1)),
                s.rejectedReads(),
                s.inputs().context().settlementDate().periodCount());
        Map<String, String> actual = sliced.tables().asMap();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir.resolve(ScenarioLoader.THEN))) {
            files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String table = file.getFileName().toString();
            GoldenTable expected = GoldenTable.parse(Files.readString(file, StandardCharsets.UTF_8), table);
            String text = actual.get(table);
            assertThat(text).as(table).isNotNull();
            GoldenTable produced = GoldenTable.parse(text, table).project(expected.columns, table);
            assertThat(GoldenTable.diff(expected, produced)).as(table).isEmpty();
        }
    }
}
