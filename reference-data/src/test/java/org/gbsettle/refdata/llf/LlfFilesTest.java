package org.gbsettle.refdata.llf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.junit.jupiter.api.Test;

class LlfFilesTest {

    private static final LineLossFactorClass LV = LineLossFactorClass.of("EELC", "210");
    private static final LineLossFactorClass HV = LineLossFactorClass.of("EELC", "500");
    private static final LineLossFactorClass OTHER = LineLossFactorClass.of("LOND", "210");

    private static LlfFile file(String name, String distributor, String created, String... llfcBlocks) {
        StringBuilder sb = new StringBuilder("ZHD||D0265001|R|" + distributor + "|G|CAPG|" + created + "||||OPER\n");
        sb.append("DIS|").append(distributor).append('\n');
        for (String spec : llfcBlocks) {
            // spec: llfc:date:value
            String[] p = spec.split(":");
            sb.append("LLF|").append(p[0]).append("\nSDT|").append(p[1]).append('\n');
            for (int sp = 1; sp <= 48; sp++) {
                sb.append("SPL|").append(sp).append('|').append(p[2]).append('\n');
            }
        }
        sb.append("ZPT|0|0\n");
        return D0265Parser.parse(new StringReader(sb.toString()), name);
    }

    private static long sp1(LineLossFactors t, LineLossFactorClass c, String date) {
        long[] v = t.forDate(c, LocalDate.parse(date));
        return v == null ? -1 : v[0];
    }

    @Test
    void test_a_later_file_replaces_earlier_ones_of_its_distributor_from_its_first_date() {
        // file 1 (created March): 210 and 500 on 2026-04-01 and 2026-10-01; file 2 (created September): 210 from
        // 2026-10-01 only. From 2026-10-01 file 2 rules, so 500 has no value there any more; April stays file 1's.
        LlfFile first = file(
                "LLFEELC20260401A.D0265",
                "EELC",
                "20260301120000",
                "210:20260401:1.050",
                "500:20260401:1.020",
                "210:20261001:1.051",
                "500:20261001:1.021");
        LlfFile later = file("LLFEELC20261001B.D0265", "EELC", "20260915120000", "210:20261001:1.060");
        LlfFile london = file("LLFLOND20260401A.D0265", "LOND", "20260920120000", "210:20260401:1.070");

        LineLossFactors t = LlfFiles.combine(List.of(later, london, first), Set.of(HV));

        assertThat(sp1(t, LV, "2026-04-01")).isEqualTo(1_050_000L);
        assertThat(sp1(t, HV, "2026-04-01")).isEqualTo(1_020_000L);
        assertThat(sp1(t, LV, "2026-10-01")).isEqualTo(1_060_000L);
        assertThat(sp1(t, HV, "2026-10-01")).isEqualTo(-1);
        assertThat(sp1(t, OTHER, "2026-04-01")).isEqualTo(1_070_000L);
        assertThat(t.isSiteSpecific(HV)).isTrue();
        assertThat(t.isSiteSpecific(LV)).isFalse();
    }

    @Test
    void test_files_apply_by_creation_time_then_name() {
        LlfFile a = file("A.D0265", "EELC", "20260301120000", "210:20260401:1.050");
        LlfFile b = file("B.D0265", "EELC", "20260301120000", "210:20260401:1.060");
        LlfFile older = file("Z.D0265", "EELC", "20250101000000", "210:20260401:1.070");

        assertThat(sp1(LlfFiles.combine(List.of(b, a, older), Set.of()), LV, "2026-04-01"))
                .isEqualTo(1_060_000L);
    }
}
