package org.gbsettle.jobs.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.jobs.run.RunDefinition;
import org.gbsettle.jobs.run.RunDetail;
import org.gbsettle.jobs.run.RunState;
import org.gbsettle.jobs.run.RunView;
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

    private static final String[] VIEW_HEADER = {
        "RUN", "DATE", "TYPE", "NUMBER", "STATUS", "GROUPS", "STATE", "STARTED (UTC)", "COMPLETED (UTC)"
    };

    private static final boolean[] VIEW_RIGHT = {true, false, false, true, false, true, false, false, false};

    /**
     * The table of runs with their derived lifecycle state ({@link RunState}) after their stored status and
     * partitions complete over planned.
     */
    static String renderViews(List<RunView> runs) {
        List<String[]> rows = new ArrayList<>(runs.size() + 1);
        rows.add(VIEW_HEADER);
        for (RunView r : runs) {
            rows.add(new String[] {
                Long.toString(r.runId()),
                r.settlementDate().toString(),
                r.runType().name(),
                Integer.toString(r.runNumber()),
                r.status().name(),
                r.partitionsDone() + "/" + r.partitionsTotal(),
                r.state().name(),
                time(r.startedAt()),
                r.status() == org.gbsettle.jobs.run.RunStatus.COMPLETE ? time(r.endedAt()) : "-"
            });
        }
        return table(rows, VIEW_RIGHT);
    }

    /** One run in detail: {@link #render(RunDetail)} with its lifecycle state, duration and counts after the title. */
    static String render(RunDetail d, RunView v) {
        String detail = render(d);
        int eol = detail.indexOf('\n') + 1;
        StringBuilder sb = new StringBuilder();
        sb.append("  state              ").append(v.state());
        switch (v.state()) {
            case COMPLETED ->
                sb.append(" (authoritative for ")
                        .append(v.groupsAuthoritative())
                        .append(" GSP group(s))");
            case SUPERSEDED -> sb.append(" (later runs are authoritative for its date)");
            case ABANDONED -> sb.append(" (no process holds its run lock: 'recover' restarts it)");
            case FAILED ->
                sb.append(" ('restart --run ").append(v.runId()).append("' recomputes what is not complete)");
            case RUNNING -> sb.append(" (in progress)");
        }
        sb.append('\n');
        if (v.forced()) {
            sb.append("  forced             yes (--force)\n");
        }
        sb.append("  duration           ")
                .append(duration(v.duration()))
                .append(v.endedAt() == null ? " so far" : "")
                .append('\n');
        sb.append("  partitions         ")
                .append(v.partitionsDone())
                .append('/')
                .append(v.partitionsTotal())
                .append(" complete\n");
        sb.append("  meter rows         ")
                .append(v.rowsRead())
                .append(" read = ")
                .append(v.rowsAccepted())
                .append(" accepted + ")
                .append(v.rowsQuarantined())
                .append(" quarantined; ")
                .append(v.outputRows())
                .append(" output rows\n");
        if (!v.dataQuality().isEmpty()) {
            sb.append("  data quality       ")
                    .append(v.dataQuality().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append('\n');
        }
        return detail.substring(0, eol) + sb + detail.substring(eol);
    }

    /** A duration as {@code 1h 2m 3s}, {@code 2m 3s} or {@code 3.456 s}. */
    static String duration(java.time.Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m " + s % 60 + "s";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
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
