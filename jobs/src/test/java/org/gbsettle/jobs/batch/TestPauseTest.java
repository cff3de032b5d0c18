package org.gbsettle.jobs.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gbsettle.jobs.batch.TestPause.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestPauseTest {

    @ParameterizedTest(name = "{0} at {1}: occurrence {2}")
    @CsvSource({
        // setting, point, the occurrence it pauses at (0: never)
        "output-write, OUTPUT_WRITE, 1",
        "output-write:3, OUTPUT_WRITE, 3",
        "output-write:3, COMPLETION, 0",
        "completion, AFTER_COMPLETION, 0",
        "after-completion, AFTER_COMPLETION, 1",
        "reference-write:1, REFERENCE_WRITE, 1",
        "ingest-write:12, INGEST_WRITE, 12",
    })
    void the_setting_names_a_point_and_its_occurrence(String setting, Point point, int occurrence) {
        assertThat(TestPause.occurrence(setting, point)).isEqualTo(occurrence);
    }

    @ParameterizedTest
    @CsvSource({"output-write:0", "output-write:x", "output-write:"})
    void a_bad_occurrence_is_refused(String setting) {
        assertThatThrownBy(() -> TestPause.occurrence(setting, Point.OUTPUT_WRITE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TestPause.PROPERTY);
    }

    @Test
    void inert_when_the_property_is_not_set() {
        assertThat(System.getProperty(TestPause.PROPERTY)).isNull();
        long start = System.nanoTime();
        for (Point p : Point.values()) {
            TestPause.at(p, "a test");
        }
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void point_ids_are_the_names_in_kebab_case() {
        assertThat(Point.OUTPUT_WRITE.id()).isEqualTo("output-write");
        assertThat(Point.AFTER_COMPLETION.id()).isEqualTo("after-completion");
    }
}
