package org.gbsettle.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped sample days against the repository's {@code sample-data/}: the build-time index lists exactly its files
 * (so it cannot go stale) except the bad-input corpus {@code sample-data/bad/}, and extracting a day writes those files byte for byte.
 */
class SampleDaysTest {

    private static final Path SAMPLES =
            Path.of("../sample-data").toAbsolutePath().normalize();

    /** The bad-input corpus (BadInputCorpusIT): in sample-data/ but not a sample day, so not shipped. */
    private static final Path BAD = SAMPLES.resolve("bad");

    @Test
    void the_index_lists_every_file_of_sample_data_and_the_days_are_its_folders() throws IOException {
        List<String> onDisk;
        try (Stream<Path> s = Files.walk(SAMPLES)) {
            onDisk = s.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(BAD))
                    .map(p -> SAMPLES.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        List<String> folders;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            folders = s.filter(Files::isDirectory)
                    .filter(p -> !p.equals(BAD))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }

        SampleDays shipped = SampleDays.shipped();

        assertThat(shipped.files()).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(shipped.names()).isEqualTo(folders);
        // the three days of sample-data/README.md
        assertThat(shipped.names())
                .containsExactly(
                        "2026-01-15_normal_winter_day",
                        "2026-03-29_spring_clock_change",
                        "2026-10-25_autumn_clock_change");
        assertThat(shipped.contains(SampleDays.DEFAULT_DAY)).isTrue();
    }

    @Test
    void a_day_is_described_by_the_first_line_of_its_readme() {
        assertThat(SampleDays.shipped().description("2026-03-29_spring_clock_change"))
                .isEqualTo("Sample settlement day 2026-03-29: the spring clock change (Sunday), 46 periods");
        assertThat(SampleDay.description(SAMPLES.resolve("2026-10-25_autumn_clock_change")))
                .isEqualTo("Sample settlement day 2026-10-25: the autumn clock change (Sunday), 50 periods");
    }

    @Test
    void extracting_a_day_writes_its_files_byte_for_byte_and_reads_its_run(@TempDir Path tmp) throws IOException {
        String name = "2026-10-25_autumn_clock_change";
        Path target = tmp.resolve("samples").resolve(name);

        SampleDay day = SampleDays.shipped().extract(name, target);

        List<String> files = SampleDays.shipped().files(name);
        assertThat(files).contains("run.properties", "README.md", "meter-data/meter_reads_bad.parquet");
        for (String f : files) {
            assertThat(Files.readAllBytes(target.resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(SAMPLES.resolve(name).resolve(f)));
        }
        try (Stream<Path> s = Files.walk(target)) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(files.size());
        }
        // run.properties of the day: R1 of 2026-10-25, cut-off 2026-12-17T00:00:00Z, groups _A and _B
        assertThat(day.name()).isEqualTo(name);
        assertThat(day.settlementDate()).isEqualTo(LocalDate.of(2026, 10, 25));
        assertThat(day.runType()).isEqualTo(RunType.R1);
        assertThat(day.dataCutoff()).isEqualTo(Instant.parse("2026-12-17T00:00:00Z"));
        assertThat(day.receivedAt()).isEqualTo(Instant.parse("2026-12-16T00:00:00Z"));
        assertThat(day.gspGroups()).containsExactly("_A", "_B");
        assertThat(day.meterDataFiles()).allMatch(p -> p.toString().endsWith(".parquet"));
    }

    @Test
    void extracting_again_leaves_unchanged_files_alone_and_restores_changed_ones(@TempDir Path tmp) throws IOException {
        String name = SampleDays.DEFAULT_DAY;
        Path target = tmp.resolve(name);
        SampleDays.shipped().extract(name, target);
        Path meterData = target.resolve("meter-data/meter_reads_1.parquet");
        Path expected = target.resolve("expected/_A/supplier_volume.csv");
        Files.setLastModifiedTime(meterData, java.nio.file.attribute.FileTime.fromMillis(0));
        Files.writeString(expected, "changed");

        SampleDays.shipped().extract(name, target);

        assertThat(Files.getLastModifiedTime(meterData).toMillis())
                .as("not rewritten")
                .isZero();
        assertThat(Files.readAllBytes(expected))
                .isEqualTo(Files.readAllBytes(SAMPLES.resolve(name).resolve("expected/_A/supplier_volume.csv")));
    }

    @Test
    void an_unknown_day_is_refused_with_the_days_listed(@TempDir Path tmp) {
        assertThatThrownBy(() -> SampleDays.shipped().extract("2026-02-30_no_such_day", tmp))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("no sample day '2026-02-30_no_such_day'")
                .hasMessageContaining("2026-01-15_normal_winter_day");
    }
}
