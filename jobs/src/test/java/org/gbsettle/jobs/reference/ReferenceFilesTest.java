package org.gbsettle.jobs.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceFilesTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "ccc.csv, CCC",
        "bm_units.csv, BM_UNITS",
        "registrations.csv, REGISTRATIONS",
        "registrations.parquet, REGISTRATIONS",
        "profile_coefficients.parquet, PROFILE_COEFFICIENTS",
        "llfc_site_specific.csv, LLFC_SITE_SPECIFIC",
        "LLFEELC20260115PTF1.D0265, LLF",
        "llfeelc.d0265, LLF",
        "CDCA-I029_20260115_SF.I029, GSP_GROUP_TAKE",
        "take.i029, GSP_GROUP_TAKE"
    })
    void files_are_recognised_by_name(String name, ReferenceFileKind kind) {
        assertThat(ReferenceFileKind.ofFileName(name)).contains(kind);
    }

    @ParameterizedTest
    @CsvSource({"CCC.csv", "ccc.csv.bak", "README.md", "meter_data.parquet", "ccc.parquet", "bm_units.parquet"})
    void other_files_are_not_reference_files(String name) {
        assertThat(ReferenceFileKind.ofFileName(name)).isEqualTo(Optional.empty());
    }

    @Test
    void a_folder_csv_replaces_the_shipped_one_and_flow_files_add_up() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("ccc.csv"), "x");
        Files.writeString(a.resolve("one.D0265"), "x");
        Files.writeString(b.resolve("two.D0265"), "x");
        Files.writeString(b.resolve("notes.txt"), "x");

        List<ReferenceFile> files = ReferenceFiles.gather(true, List.of(a, b));

        // shipped: gsp_groups, ccc, scaling_weights, hh_default_eac; a's ccc.csv replaces the shipped ccc.csv
        assertThat(files)
                .extracting(ReferenceFile::recordedName)
                .containsExactly(
                        "shipped/gsp_groups.csv",
                        "shipped/scaling_weights.csv",
                        "shipped/hh_default_eac.csv",
                        a + "/ccc.csv",
                        a + "/one.D0265",
                        b + "/two.D0265");
    }

    @Test
    void the_sha256_is_of_the_bytes() {
        ReferenceFile f = ReferenceFile.of("x.csv", "o", ReferenceFileKind.CCC, "abc".getBytes(StandardCharsets.UTF_8));
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(f.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(f.size()).isEqualTo(3);
    }

    @Test
    void the_reader_is_strict_utf8_a_latin1_byte_fails_the_read_naming_the_rule() throws Exception {
        // "Ä" is C3 84 in UTF-8: read as one character; a lone E9 (Latin-1 "é") is not UTF-8
        ReferenceFile good =
                ReferenceFile.of("x.csv", "o", ReferenceFileKind.CCC, new byte[] {'a', (byte) 0xC3, (byte) 0x84});
        try (java.io.Reader r = good.reader()) {
            char[] buffer = new char[8];
            assertThat(new String(buffer, 0, r.read(buffer, 0, 8))).isEqualTo("a\u00c4");
        }
        ReferenceFile bad = ReferenceFile.of("x.csv", "o", ReferenceFileKind.CCC, new byte[] {'a', (byte) 0xE9, 'b'});
        try (java.io.Reader r = bad.reader()) {
            assertThatThrownBy(() -> r.read(new char[8], 0, 8))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("is not UTF-8 text");
        }
    }

    @Test
    void folders_without_reference_files_are_refused() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ReferenceFiles.gather(false, List.of(empty)))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("holds no reference file");
    }

    @Test
    void every_problem_of_every_file_is_listed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(
                dir.resolve("scaling_weights.csv"), "ccc_id,weight,effective_from,effective_to\n1,-1,1990-01-01,\n");
        Files.writeString(
                dir.resolve("hh_default_eac.csv"),
                "measurement_class,eac_kwh,effective_from,effective_to\nC,1.0,1990-13-01,\n");

        assertThatThrownBy(() -> ReferenceLoadContent.check(ReferenceFiles.gather(false, List.of(dir))))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("scaling_weights.csv line 2, field weight")
                .hasMessageContaining("hh_default_eac.csv line 2, field effective_from");
    }
}
