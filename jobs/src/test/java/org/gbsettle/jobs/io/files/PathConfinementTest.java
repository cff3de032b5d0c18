package org.gbsettle.jobs.io.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paths confined to allowed directories: a tree {@code inbox/} (allowed, with {@code day1/m.parquet} and a link
 * {@code escape -> ../secret}, a link {@code inner -> day1}, a link {@code file-escape -> ../secret/key} and a dangling
 * link {@code gone}), {@code secret/key} outside and {@code inbox2/} (not allowed, a prefix-sharing sibling).
 */
class PathConfinementTest {

    private static final String SETTING = "gbsettle.ingest.allowed-dirs";

    @TempDir
    Path root;

    private Path inbox;
    private PathConfinement confinement;

    @BeforeEach
    void tree() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
        Files.createDirectories(inbox.resolve("day1"));
        Files.writeString(inbox.resolve("day1").resolve("m.parquet"), "x");
        Files.writeString(inbox.resolve("%2e%2e"), "x");
        Path secret = Files.createDirectories(root.resolve("secret"));
        Files.writeString(secret.resolve("key"), "k");
        Files.createDirectories(root.resolve("inbox2"));
        Files.writeString(root.resolve("inbox2").resolve("m.parquet"), "x");
        Files.createSymbolicLink(inbox.resolve("escape"), Path.of("..", "secret"));
        Files.createSymbolicLink(inbox.resolve("file-escape"), Path.of("..", "secret", "key"));
        Files.createSymbolicLink(inbox.resolve("inner"), Path.of("day1"));
        Files.createSymbolicLink(inbox.resolve("gone"), root.resolve("nowhere"));
        confinement = PathConfinement.of(SETTING, List.of(inbox));
    }

    @Test
    void a_file_inside_given_absolute_or_relative_is_its_real_path() throws IOException {
        Path real = inbox.resolve("day1").resolve("m.parquet").toRealPath();

        assertThat(confinement.resolve(inbox.resolve("day1/m.parquet").toString()))
                .isEqualTo(real);
        assertThat(confinement.resolve("day1/m.parquet")).isEqualTo(real);
        assertThat(confinement.resolve("./day1//m.parquet")).isEqualTo(real);
        // a link that stays inside is followed
        assertThat(confinement.resolve("inner/m.parquet")).isEqualTo(real);
        // a file not there yet under an allowed directory passes: whoever reads it reports it missing
        assertThat(confinement.resolve("day2/m.parquet"))
                .isEqualTo(inbox.toRealPath().resolve("day2").resolve("m.parquet"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // path (relative to the temporary root when it starts with @) | words of the reason
                "../secret/key | contains '..'",
                "day1/../../secret/key | contains '..'",
                "@inbox/../secret/key | contains '..'",
                "@secret/key | outside the allowed directories",
                "/etc/passwd | outside the allowed directories",
                "@inbox2/m.parquet | outside the allowed directories",
                "escape/key | through a symbolic link",
                "file-escape | through a symbolic link",
                "escape/not-yet-there | through a symbolic link",
                "gone | cannot be resolved",
                "%2e%2e/secret/key | contains '%'",
                "%2e%2e | contains '%'",
                "..%2fsecret%2fkey | contains '%'",
                "'   ' | required",
            })
    void a_path_breaking_a_rule_is_refused_naming_it(String given, String reason) {
        String path = given.startsWith("@") ? root.resolve(given.substring(1)).toString() : given;

        assertThatThrownBy(() -> confinement.resolve(path)).isInstanceOfSatisfying(PathRefusedException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void a_nul_or_control_character_is_refused() {
        assertThatThrownBy(() -> confinement.resolve("day1/m.parquet\u0000.txt"))
                .isInstanceOfSatisfying(
                        PathRefusedException.class, e -> assertThat(e.reason()).contains("control character"));
        assertThatThrownBy(() -> confinement.resolve("day1/\nm.parquet"))
                .isInstanceOfSatisfying(
                        PathRefusedException.class, e -> assertThat(e.reason()).contains("control character"));
    }

    @Test
    void with_no_directory_every_path_is_refused_naming_the_setting() {
        PathConfinement none = PathConfinement.of(SETTING, List.of());

        assertThatThrownBy(() -> none.resolve(inbox.resolve("day1/m.parquet").toString()))
                .isInstanceOfSatisfying(
                        PathRefusedException.class, e -> assertThat(e.reason()).contains(SETTING + " is not set"));
    }

    @Test
    void an_allowed_directory_given_through_a_link_allows_its_real_contents() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("inbox-link"), inbox);
        PathConfinement viaLink = PathConfinement.of(SETTING, List.of(link, root.resolve("secret")));

        assertThat(viaLink.resolve(link.resolve("day1/m.parquet").toString()))
                .isEqualTo(inbox.resolve("day1/m.parquet").toRealPath());
        // the second directory is allowed too; a relative path resolves against the first
        assertThat(viaLink.resolve(root.resolve("secret/key").toString()))
                .isEqualTo(root.resolve("secret/key").toRealPath());
        assertThat(viaLink.directories()).containsExactly(link, root.resolve("secret"));
    }
}
