package org.gbsettle.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabasePropertiesTest {

    @Test
    void a_relative_data_directory_resolves_against_the_working_directory() {
        DatabaseProperties p = new DatabaseProperties("./var/pgdata", 0, "gbsettle", Duration.ofSeconds(60));

        assertThat(p.dataDirectory())
                .isEqualTo(Path.of(System.getProperty("user.dir"), "var", "pgdata"))
                .isAbsolute();
    }

    @Test
    void an_absolute_data_directory_is_normalised() {
        DatabaseProperties p =
                new DatabaseProperties("/srv/gbsettle/../pg/data/", 5433, "gbsettle", Duration.ZERO.plusSeconds(1));

        assertThat(p.dataDirectory()).isEqualTo(Path.of("/srv/pg/data"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''          | 0     | PT60S | gbsettle.database.data-dir is empty
            var/pgdata  | -1    | PT60S | gbsettle.database.port -1 is not between 0 and 65535
            var/pgdata  | 65536 | PT60S | gbsettle.database.port 65536 is not between 0 and 65535
            var/pgdata  | 0     | PT0S  | gbsettle.database.startup-timeout PT0S is not positive
            """)
    void bad_settings_are_rejected_with_their_property_name(
            String dataDir, int port, Duration timeout, String message) {
        assertThatThrownBy(() -> new DatabaseProperties(dataDir, port, "gbsettle", timeout))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
