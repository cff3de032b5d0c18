package org.gbsettle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDirectoryTest {

    @TempDir
    Path dir;

    private static final String BMU_HEADER =
            "bm_unit_id,supplier_participant_id,lead_party_id,gsp_group_id,bm_unit_type,default_flag,effective_from,"
                    + "effective_to\n";

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void minimalFolder() throws IOException {
        write("ccc.csv", shipped("ccc.csv"));
        write("scaling_weights.csv", shipped("scaling_weights.csv"));
        write("bm_units.csv", BMU_HEADER + "2__ASUPA000,SUPA,,_A,G,T,2025-04-01,\n");
    }

    /** A shipped file as text. */
    private static String shipped(String name) throws IOException {
        try (InputStream in =
                ReferenceDirectoryTest.class.getResourceAsStream(ShippedReferenceData.RESOURCE_DIR + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void test_minimal_folder_with_shipped_groups() {
        ReferenceDirectory d = ReferenceDirectory.load(dir);

        ReferenceData ref = d.referenceData();
        assertThat(d.gspGroupIds()).containsExactlyInAnyOrderElementsOf(GspGroups.ALL);
        assertThat(ref.gspGroups()).hasSize(14);
        assertThat(ref.supplierBmUnitsOn(GspGroups.A, LocalDate.of(2026, 1, 15)))
                .hasSize(1);
        assertThat(ref.consumptionComponentClasses()).hasSize(28);
        assertThat(d.meteringSystems().size()).isZero();
        assertThat(d.llfFiles()).isEmpty();
        assertThat(ref.version()).startsWith("reference-dir:" + dir.getFileName() + ":sha256:");
    }

    @Test
    void test_llf_files_and_site_specific_classes() throws IOException {
        StringBuilder llf = new StringBuilder("ZHD||D0265001|R|EELC|G|CAPG|20260101000000||||OPER\nDIS|EELC\n");
        for (String llfc : new String[] {"210", "901"}) {
            llf.append("LLF|").append(llfc).append("\nSDT|20260115\n");
            for (int sp = 1; sp <= 48; sp++) {
                llf.append("SPL|").append(sp).append("|1.02\n");
            }
        }
        llf.append("ZPT|99|0\n");
        write("LLFEELC20250401.d0265", llf.toString());
        write("llfc_site_specific.csv", "distributor_mpid,llfc\nEELC,901\n");

        ReferenceDirectory d = ReferenceDirectory.load(dir);

        LineLossFactorClass site = LineLossFactorClass.of("EELC", "901");
        assertThat(d.llfFiles()).hasSize(1);
        assertThat(d.referenceData().lineLossFactors().forDate(site, LocalDate.of(2026, 1, 15))[0])
                .isEqualTo(1_020_000L);
        assertThat(d.referenceData().lineLossFactors().isSiteSpecific(site)).isTrue();
        assertThat(d.referenceData().lineLossFactors().isSiteSpecific(LineLossFactorClass.of("EELC", "210")))
                .isFalse();
    }

    @Test
    void test_every_problem_of_every_file_in_one_exception() throws IOException {
        write("bm_units.csv", BMU_HEADER + "2__ASUPA000,SUPA,,_A,G,T,2025-04-01,\n2__ASUPB000,SUPB,,_A,G,T,x,\n");
        write("scaling_weights.csv", "ccc_id,weight,effective_from,effective_to\n1,-1,2025-04-01,\n");
        write("hh_default_eac.csv", "measurement_class,eac_kwh,effective_from,effective_to\nQ,1.0,2025-04-01,\n");
        write("broken.D0265", "DIS|EELC\n");
        Files.delete(dir.resolve("ccc.csv"));

        assertThatThrownBy(() -> ReferenceDirectory.load(dir))
                .isInstanceOfSatisfying(
                        ReferenceFileException.class,
                        e -> assertThat(e.problems())
                                .extracting(ReferenceFileException.Problem::text)
                                .containsExactlyInAnyOrder(
                                        "ccc.csv: required reference file is missing from " + dir,
                                        "scaling_weights.csv line 2, field weight: '-1' is negative",
                                        "bm_units.csv line 3, field effective_from: 'x' is not a date (YYYY-MM-DD)",
                                        "hh_default_eac.csv line 2, field measurement_class: Measurement class 'Q' is not one of"
                                                + " A-G",
                                        "broken.D0265 line 1 (DIS): record out of order after the start of the file: expected"
                                                + " once, right after ZHD"));
    }

    @Test
    void test_gsp_groups_file_sets_the_known_groups() throws IOException {
        write("gsp_groups.csv", "gsp_group_id,name,distributor_short_code,dno_mpid\n_A,Eastern,10,EELC\n");
        write(
                "bm_units.csv",
                BMU_HEADER + "2__ASUPA000,SUPA,,_A,G,T,2025-04-01,\n2__BSUPA000,SUPA,,_B,G,T,2025-04-01,\n");

        assertThatThrownBy(() -> ReferenceDirectory.load(dir))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage("bm_units.csv line 3, field gsp_group_id: REFDATA_CONFLICT: unknown GSP group '_B' (known:"
                        + " _A)");
    }

    @Test
    void test_overlaps_of_reference_records_and_registrations_in_one_conflict() throws IOException {
        write("scaling_weights.csv", "ccc_id,weight,effective_from,effective_to\n1,0,2025-04-01,\n1,1,2025-10-01,\n");
        String reg = "1012345678903,SUPA,,10,EELC,210,_A,G,S,W,N,E,I,MHHS,,,,";
        write(
                "registrations.csv",
                String.join(",", org.gbsettle.refdata.csv.RegistrationsCsv.COLUMNS) + "\n" + reg
                        + "2025-04-01,2025-12-31\n" + reg + "2025-12-01,\n");

        assertThatThrownBy(() -> ReferenceDirectory.load(dir))
                .isInstanceOfSatisfying(
                        ReferenceDataConflictException.class,
                        e -> assertThat(e.conflicts())
                                .containsExactly(
                                        "scaling weight of CCC 1: effective ranges 2025-04-01.. and 2025-10-01.. overlap",
                                        "registration of MPAN 1012345678903: effective ranges 2025-04-01..2025-12-31 and"
                                                + " 2025-12-01.. overlap"));
    }

    @Test
    void test_not_a_folder() {
        assertThatThrownBy(() -> ReferenceDirectory.load(dir.resolve("nowhere")))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessageEndingWith("nowhere: is not a folder");
    }
}
