package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a worker reads a meter-data file recorded at a path, given {@code gbsettle.meter-data.path-map}. */
class MeterDataPathsTest {

    @ParameterizedTest(name = "{0}: {1} read at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # map                                   | recorded                         | read at
                                                    | /srv/incoming/a.parquet          | /srv/incoming/a.parquet
            /srv/incoming=/mnt/meter-data           | /srv/incoming/a.parquet          | /mnt/meter-data/a.parquet
            /srv/incoming=/mnt/meter-data           | /srv/incoming/2026/01/a.parquet  | /mnt/meter-data/2026/01/a.parquet
            /srv/incoming=/mnt/meter-data           | /srv/other/a.parquet             | /srv/other/a.parquet
            # whole path elements only: /srv/incoming-old is not under /srv/incoming
            /srv/incoming=/mnt/meter-data           | /srv/incoming-old/a.parquet      | /srv/incoming-old/a.parquet
            # the first matching prefix wins
            /srv/incoming/x=/x ; /srv/incoming=/y   | /srv/incoming/x/a.parquet        | /x/a.parquet
            /srv/incoming/x=/x ; /srv/incoming=/y   | /srv/incoming/z/a.parquet        | /y/z/a.parquet
            /srv/incoming/=/mnt/data/               | /srv/incoming/a.parquet          | /mnt/data/a.parquet
            """)
    void a_recorded_path_is_read_under_its_mapped_prefix(String map, String recorded, String readAt) {
        MeterDataPaths paths = MeterDataPaths.parse(map == null ? "" : map);
        assertThat(paths.locate(Path.of(recorded))).isEqualTo(Path.of(readAt));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/incoming", "=/mnt", "/srv/incoming=", "/srv/incoming= ", "srv/incoming=/mnt"})
    void a_malformed_map_is_refused(String map) {
        assertThatThrownBy(() -> MeterDataPaths.parse(map))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gbsettle.meter-data.path-map");
    }
}
