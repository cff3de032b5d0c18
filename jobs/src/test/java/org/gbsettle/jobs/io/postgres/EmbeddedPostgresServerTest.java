package org.gbsettle.jobs.io.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gbsettle.jobs.GbSettleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks made before the server starts; starting it is covered by the integration tests. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void a_missing_or_empty_directory_is_created() throws Exception {
        assertThat(EmbeddedPostgresServer.checkDataDirectory(tmp.resolve("pgdata")))
                .isTrue();
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(EmbeddedPostgresServer.checkDataDirectory(empty)).isTrue();
    }

    @Test
    void a_postgresql_17_directory_is_reused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("pgdata"));
        Files.writeString(dir.resolve("PG_VERSION"), "17\n");

        assertThat(EmbeddedPostgresServer.checkDataDirectory(dir)).isFalse();
    }

    @Test
    void a_directory_of_another_postgresql_version_is_refused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("pgdata"));
        Files.writeString(dir.resolve("PG_VERSION"), "14\n");

        assertThatThrownBy(() -> EmbeddedPostgresServer.checkDataDirectory(dir))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("was created by PostgreSQL 14, but the embedded server is PostgreSQL 17");
    }

    @Test
    void a_directory_holding_other_files_is_refused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("pgdata"));
        Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> EmbeddedPostgresServer.checkDataDirectory(dir))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("is not empty and is not a PostgreSQL data directory");
    }

    @Test
    void a_file_is_refused() throws Exception {
        Path file = Files.writeString(tmp.resolve("pgdata"), "");

        assertThatThrownBy(() -> EmbeddedPostgresServer.checkDataDirectory(file))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("is a file, not a directory");
    }

    @Test
    void the_server_log_sits_beside_the_data_directory() {
        assertThat(EmbeddedPostgresServer.logFileOf(Path.of("/srv/var/pgdata")))
                .isEqualTo(Path.of("/srv/var/pgdata.log"));
    }

    @Test
    void bad_names_and_ports_are_rejected_before_anything_starts() {
        Duration timeout = Duration.ofSeconds(1);
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(tmp, 0, "Settle-DB", timeout))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Database name 'Settle-DB'");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(tmp, 70_000, "gbsettle", timeout))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Port 70000 is not between 0 and 65535");
        assertThat(tmp).isEmptyDirectory();
    }
}
