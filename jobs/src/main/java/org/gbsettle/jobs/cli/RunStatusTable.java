package org.gbsettle.jobs.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.jobs.run.RunDefinition;
import org.gbsettle.jobs.run.RunDetail;
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
        return table(rows, RIGHT);
    }

    /** Rows as a text table: columns separated by two spaces, padded to their widest value, right-aligned where said. */
    static String table(List<String[]> rows, boolean[] right) {
        int[] width = new int[right.length];
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
                line.append(right[c] ? pad + row[c] : row[c] + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** One run in detail ({@code status --run ID}): its facts, then a table of its partitions. */
    static String render(RunDetail d) {
        RunDefinition r = d.run();
        StringBuilder sb = new StringBuilder();
        sb.append("Run ")
                .append(r.runId())
                .append(": ")
                .append(r.settlementDate())
                .append(' ');
        sb.append(r.runType())
                .append(' ')
                .append(r.runNumber())
                .append(' ')
                .append(r.status())
                .append('\n');
        sb.append("  data cut-off       ").append(r.dataCutoff()).append('\n');
        sb.append("  started by         ").append(d.startedBy());
        sb.append(d.reason().isEmpty() ? "" : " (" + d.reason() + ")").append('\n');
        sb.append("  created (UTC)      ").append(time(d.createdAt())).append('\n');
        sb.append("  completed (UTC)    ").append(time(d.completedAt())).append('\n');
        sb.append("  attempts           ").append(r.attempts()).append('\n');
        sb.append("  pinned inputs      reference loads up to ").append(r.referenceLoadMax());
        sb.append(", meter-data files up to ").append(r.meterDataFileMax()).append('\n');
        if (d.inputFingerprint() != null) {
            sb.append("  input fingerprint  ").append(d.inputFingerprint()).append('\n');
        }
        if (d.outputFingerprint() != null) {
            sb.append("  output fingerprint ").append(d.outputFingerprint()).append('\n');
        }
        String failure = d.failureMessage();
        if (failure != null) {
            sb.append("  failure            ")
                    .append(failure.replace("\n", "\n                     "))
                    .append('\n');
        }
        if (d.partitions().isEmpty()) {
            sb.append("No partitions yet.\n");
            return sb.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "GROUP", "STATUS", "ATTEMPTS", "SYSTEMS", "READ", "ACCEPTED", "QUARANTINED", "COMPLETED (UTC)", "FAILURE"
        });
        for (RunDetail.Partition p : d.partitions()) {
            String message = p.failureMessage();
            rows.add(new String[] {
                p.gspGroup(),
                p.status().name(),
                Integer.toString(p.attempts()),
                number(p.meteringSystems()),
                number(p.rowsRead()),
                number(p.rowsAccepted()),
                number(p.rowsQuarantined()),
                time(p.completedAt()),
                message == null ? "-" : message.lines().findFirst().orElse("")
            });
        }
        sb.append(table(rows, new boolean[] {false, false, true, true, true, true, true, false, false}));
        return sb.toString();
    }

    private static String number(@Nullable Number n) {
        return n == null ? "-" : n.toString();
    }

    /** An instant in UTC to the second, or {@code -}. */
    static String time(@Nullable Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
