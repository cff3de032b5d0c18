package org.gbsettle.jobs.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Where an overlap of effective ranges in a reference CSV held whole comes from: the engine's conflict line ({@code
 * BSC party role ALBAENGY/X: effective ranges 2019-04-01.. and 2020-01-01.. overlap}) prefixed with the file and the
 * two lines that overlap ({@code bsc_parties.csv lines 2 and 17: ...}), found by the conflict's key and the two
 * ranges. A conflict whose lines are not found (another kind, or a key the text spells differently) is kept as it is.
 */
final class ConflictLines {

    private static final Pattern CONFLICT =
            Pattern.compile("(\\S+): effective ranges (\\S*)\\.\\.(\\S*) and (\\S*)\\.\\.(\\S*) overlap");

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** A kind of conflict of the engine's reference data check: its label, file kind, key and the rows it covers. */
    private record Kind(
            String label,
            ReferenceFileKind file,
            Function<Map<String, String>, @Nullable String> key,
            Predicate<Map<String, String>> covers) {}

    /** The kinds, a label that another label starts with (BM unit, CCC) after that one. */
    private static final List<Kind> KINDS = List.of(
            new Kind(
                    "HH default EAC of measurement class",
                    ReferenceFileKind.HH_DEFAULT_EAC,
                    r -> r.get("measurement_class"),
                    r -> true),
            new Kind(
                    "default BM unit of supplier/group",
                    ReferenceFileKind.BM_UNITS,
                    r -> r.get("supplier_participant_id") + "/" + r.get("gsp_group_id"),
                    r -> "G".equals(r.get("bm_unit_type"))),
            new Kind("scaling weight of CCC", ReferenceFileKind.SCALING_WEIGHTS, r -> r.get("ccc_id"), r -> true),
            new Kind(
                    "BSC party role",
                    ReferenceFileKind.BSC_PARTIES,
                    r -> r.get("party_id") + "/" + r.get("role_code"),
                    r -> true),
            new Kind("BM unit", ReferenceFileKind.BM_UNITS, r -> r.get("bm_unit_id"), r -> true),
            new Kind("CCC", ReferenceFileKind.CCC, r -> r.get("ccc_id"), r -> true));

    private ConflictLines() {}

    /** The conflict with its file and lines in front, when they are found among the load's CSV files. */
    static String located(String conflict, Map<ReferenceFileKind, ReferenceFile> csv) {
        for (Kind kind : KINDS) {
            if (!conflict.startsWith(kind.label() + " ")) {
                continue;
            }
            ReferenceFile f = csv.get(kind.file());
            Matcher m = CONFLICT.matcher(conflict.substring(kind.label().length() + 1));
            if (f == null || !m.matches()) {
                return conflict;
            }
            List<Long> lines = lines(f, kind, m);
            return lines.size() == 2
                    ? f.recordedName() + " lines " + lines.get(0) + " and " + lines.get(1) + ": " + conflict
                    : conflict;
        }
        return conflict;
    }

    /** The lines of the first range, then of the second, with the conflict's key; two when both are found. */
    private static List<Long> lines(ReferenceFile f, Kind kind, Matcher m) {
        String key = m.group(1);
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        try (Reader r = f.reader();
                CSVParser parser = CSVParser.parse(r, FORMAT)) {
            List<String> header = null;
            for (CSVRecord rec : parser) {
                if (header == null) {
                    header = new ArrayList<>();
                    for (String v : rec.values()) {
                        String h = v.strip();
                        header.add(h.startsWith("\uFEFF") ? h.substring(1) : h);
                    }
                    continue;
                }
                Map<String, String> row = new java.util.HashMap<>();
                for (int i = 0; i < header.size() && i < rec.size(); i++) {
                    row.put(header.get(i), rec.get(i).strip());
                }
                if (!kind.covers().test(row) || !sameKey(key, kind.key().apply(row))) {
                    continue;
                }
                // with the records one a line (empty lines kept), the record number is the line number
                String from = row.getOrDefault("effective_from", "");
                String to = row.getOrDefault("effective_to", "");
                if (from.equals(m.group(2)) && to.equals(m.group(3))) {
                    first.add(rec.getRecordNumber());
                }
                if (from.equals(m.group(4)) && to.equals(m.group(5))) {
                    second.add(rec.getRecordNumber());
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the file was read whole before without a problem; the lines are a help, the conflict stands without
            return List.of();
        }
        if (first.isEmpty() || second.isEmpty()) {
            return List.of();
        }
        long a = first.get(0);
        long b = second.stream().filter(l -> l != a).findFirst().orElse(a);
        return a == b ? List.of() : List.of(Math.min(a, b), Math.max(a, b));
    }

    /** Whether a key as the engine prints it is the row's: the same text, or the same number (CCC ids). */
    private static boolean sameKey(String key, @Nullable String row) {
        if (row == null || key.equals(row)) {
            return key.equals(row);
        }
        try {
            return Integer.parseInt(key) == Integer.parseInt(row);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
