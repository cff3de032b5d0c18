package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gbsettle.jobs.reference.ReferenceLoadSummary;
import org.junit.jupiter.api.Test;

class LoadReferenceCommandTest {

    @Test
    void the_summary_names_the_load_version_and_rows_per_table() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("gsp_group", 14L);
        rows.put("profile_coefficient", 672L);
        rows.put("llf", 0L);
        ReferenceLoadSummary summary =
                new ReferenceLoadSummary(7, OffsetDateTime.parse("2026-01-20T10:00:00Z"), "ops", 3, rows);

        // TABLE padded to the longest name (19), two spaces, counts right-aligned in 10
        assertThat(LoadReferenceCommand.render(summary)).isEqualTo("""
                Reference load version 7: 3 file(s), loaded by ops
                TABLE                      ROWS
                gsp_group                    14
                profile_coefficient         672
                llf                           0
                """);
    }
}
