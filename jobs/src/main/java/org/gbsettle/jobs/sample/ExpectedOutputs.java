package org.gbsettle.jobs.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.JdbcRunOutputReader;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Compares the outputs a settlement run wrote with a sample day's expected outputs ({@code expected/<group>/*.csv},
 * worked out by the independent oracle), row for row: per GSP group {@code supplier_volume}, {@code bm_unit_volume}
 * and {@code gsp_group_correction} on the columns the CSV and the table share, and the group's quarantine rows; then
 * the quarantine rows of no group ({@code expected/unassigned/quarantine.csv}). Rows are compared as multisets, in
 * any order; numbers by value (so {@code 1.50} equals {@code 1.5}), other text exactly.
 */
@Component
public final class ExpectedOutputs {

    /** The expected tables of a GSP group compared with the output table of the same name, in this order. */
    public static final List<String> TABLES = List.of("supplier_volume", "bm_unit_volume", "gsp_group_correction");

    /** The quarantine's expected table, per group and for the rows of no group. */
    public static final String QUARANTINE = "quarantine";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final JdbcRunOutputReader outputs;

    public ExpectedOutputs(JdbcRunOutputReader outputs) {
        this.outputs = outputs;
    }

    /**
     * The comparison of run {@code runId}'s outputs with the day's expected ones: one check per GSP group of the day,
     * in the day's order, then one for the rows of no group.
     *
     * @throws GbSettleException if an expected file is missing or shares too few columns with its table
     */
    public List<GroupCheck> check(SampleDay day, long runId) {
        List<GroupCheck> checks = new ArrayList<>();
        for (String group : day.gspGroups()) {
            List<String> differences = new ArrayList<>();
            long rows = 0;
            for (String table : TABLES) {
                List<String> expected = read(day.expected(group).resolve(table + ".csv"));
                rows += expected.size() - 1;
                differences.addAll(compareTable(table, expected, runId, group));
            }
            List<String> quarantine = read(day.expected(group).resolve(QUARANTINE + ".csv"));
            rows += quarantine.size() - 1;
            differences.addAll(compareQuarantine(quarantine, runId, group));
            checks.add(new GroupCheck(group, tablesWithQuarantine(), rows, differences));
        }
        Path unassigned = day.expected(SampleDay.UNASSIGNED).resolve(QUARANTINE + ".csv");
        List<String> quarantine = read(unassigned);
        checks.add(new GroupCheck(
                SampleDay.UNASSIGNED,
                List.of(QUARANTINE),
                quarantine.size() - 1L,
                compareQuarantine(quarantine, runId, null)));
        return checks;
    }

    private static List<String> tablesWithQuarantine() {
        List<String> all = new ArrayList<>(TABLES);
        all.add(QUARANTINE);
        return all;
    }

    private List<String> compareTable(String table, List<String> lines, long runId, String group) {
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> tableColumns = outputs.columns(table);
        List<Integer> shared = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (tableColumns.contains(header.get(i))) {
                shared.add(i);
            }
        }
        if (shared.size() < 3) {
            throw new GbSettleException("expected " + table + ".csv of " + group + " shares only "
                    + shared.stream().map(header::get).toList() + " with the table " + table);
        }
        List<String> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            List<@Nullable String> row = new ArrayList<>();
            for (int i : shared) {
                row.add(i < values.length ? values[i] : null);
            }
            expected.add(row(row));
        }
        List<String> columns = shared.stream().map(header::get).toList();
        List<String> actual = outputs.rows(table, columns, runId, group).stream()
                .map(ExpectedOutputs::row)
                .toList();
        return differences(table, expected, actual);
    }

    private List<String> compareQuarantine(List<String> lines, long runId, @Nullable String group) {
        List<String> expected = lines.subList(1, lines.size()).stream()
                .map(l -> row(List.of(l.split(",", -1))))
                .toList();
        List<String> actual = outputs.quarantine(runId, group).stream()
                .map(ExpectedOutputs::row)
                .toList();
        return differences(QUARANTINE, expected, actual);
    }

    /** The lines of an expected CSV, header first, without blank lines. */
    private static List<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new GbSettleException("no expected output " + file);
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
            if (lines.isEmpty()) {
                throw new GbSettleException("expected output " + file + " has no header");
            }
            return lines;
        } catch (IOException e) {
            throw new GbSettleException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A row as compared: its values {@link #normal normalised} and joined with commas. */
    static String row(List<@Nullable String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(normal(v));
        }
        return sb.toString();
    }

    /**
     * The differences between two multisets of rows of a table: one line per expected row not written ({@code table:
     * expected, not written: ROW}) and per written row not expected ({@code table: written, not expected: ROW}), as
     * many times as the row is short or over; by row (in string order), so a changed row's expected and written
     * versions are usually next to each other.
     */
    static List<String> differences(String table, List<String> expected, List<String> actual) {
        Map<String, Integer> count = new TreeMap<>();
        expected.forEach(r -> count.merge(r, 1, Integer::sum));
        actual.forEach(r -> count.merge(r, -1, Integer::sum));
        List<String> out = new ArrayList<>();
        count.forEach((row, c) -> {
            for (int i = 0; i < Math.abs(c); i++) {
                out.add(table + (c > 0 ? ": expected, not written: " : ": written, not expected: ") + row);
            }
        });
        return out;
    }

    /** A value as compared: a number by value (plain, no trailing zeros), other text as it is, null as empty. */
    static String normal(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (NUMBER.matcher(value).matches()) {
            BigDecimal d = new BigDecimal(value);
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return value;
    }
}
