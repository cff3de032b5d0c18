package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.RunStatus;
import org.gbsettle.jobs.run.SettlementRunSummary;
import org.junit.jupiter.api.Test;

class RunStatusTableTest {

    @Test
    void columns_are_aligned_numbers_right_times_in_utc_and_a_dash_for_none() {
        List<SettlementRunSummary> runs = List.of(
                new SettlementRunSummary(
                        12,
                        LocalDate.of(2026, 3, 29),
                        RunType.R1,
                        2,
                        RunStatus.RUNNING,
                        14,
                        3,
                        Instant.parse("2026-05-07T09:00:05.123Z"),
                        null),
                new SettlementRunSummary(
                        9,
                        LocalDate.of(2026, 1, 15),
                        RunType.SF,
                        1,
                        RunStatus.COMPLETE,
                        2,
                        2,
                        Instant.parse("2026-01-26T23:59:59Z"),
                        // 01:02:03 BST is 00:02:03 UTC: shown in UTC
                        Instant.parse("2026-05-07T00:02:03Z")));

        String table = RunStatusTable.render(runs);

        assertThat(table).isEqualTo("""
                        RUN  DATE        TYPE  NUMBER  STATUS    GROUPS  STARTED (UTC)        COMPLETED (UTC)
                         12  2026-03-29  R1         2  RUNNING     3/14  2026-05-07 09:00:05  -
                          9  2026-01-15  SF         1  COMPLETE     2/2  2026-01-26 23:59:59  2026-05-07 00:02:03
                        """);
    }
}
