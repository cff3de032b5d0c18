package org.gbsettle.jobs.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.jobs.run.SettlementRunSummary;
import org.jspecify.annotations.Nullable;

/**
 * The text table of settlement runs that {@code status} prints: a header row, then one row per run in the order
 * given; columns separated by two spaces, numbers right-aligned, times in UTC to the second, {@code -} for none.
 */
final class RunStatusTable {

    private static final String[] HEADER = {
        "RUN", "DATE", "TYPE", "NUMBER", "STATUS", "GROUPS", "STARTED (UTC)", "COMPLETED (UTC)"
    };

    /** Columns whose values are right-aligned. */
    private static final boolean[] RIGHT = {true, false, false, true, false, true, false, false};

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private RunStatusTable() {}

    /** The table, each line ending in a line feed. */
    static String render(List<SettlementRunSummary> runs) {
        List<String[]> rows = new ArrayList<>(runs.size() + 1);
        rows.add(HEADER);
        for (SettlementRunSummary r : runs) {
            rows.add(new String[] {
                Long.toString(r.runId()),
                r.settlementDate().toString(),
                r.runType().name(),
                Integer.toString(r.runNumber()),
                r.status().name(),
                r.gspGroupsComplete() + "/" + r.gspGroups(),
                time(r.startedAt()),
                time(r.completedAt())
            });
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[c] - row[c].length());
                line.append(RIGHT[c] ? pad + row[c] : row[c] + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String time(@Nullable Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
