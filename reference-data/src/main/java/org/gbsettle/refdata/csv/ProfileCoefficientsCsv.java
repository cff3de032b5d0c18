package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.ProfileCoefficients;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code profile_coefficients.csv}, legacy period profile class coefficients (D0018 source, an assumption):
 * {@code gsp_group_id,profile_class,ssc,tpr,settlement_date,settlement_period,coefficient}; the coefficient is the
 * fraction of yearly consumption in the period, a non-negative decimal; the period must exist on the date (1..46, 48
 * or 50); one row per group, class, SSC, TPR, date and period.
 */
public final class ProfileCoefficientsCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "profile_coefficients.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS = List.of(
            "gsp_group_id", "profile_class", "ssc", "tpr", "settlement_date", "settlement_period", "coefficient");

    private record Key(GspGroup group, int profileClass, String ssc, String tpr, LocalDate date, int period) {}

    private ProfileCoefficientsCsv() {}

    /**
     * Parses a file, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static ProfileCoefficients parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, Set.copyOf(GspGroups.ALL), p));
    }

    /**
     * Parses a file on disk, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static ProfileCoefficients parse(Path path) {
        return Csv.orThrow(p -> read(path, Set.copyOf(GspGroups.ALL), p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static ProfileCoefficients read(Path path, Set<GspGroup> knownGroups, Problems problems) {
        return Csv.onPath(
                path, problems, ProfileCoefficients.empty(), (r, name) -> read(r, name, knownGroups, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static ProfileCoefficients read(
            Reader reader, String fileName, Set<GspGroup> knownGroups, Problems problems) {
        return rows(CsvTable.read(reader, fileName, COLUMNS, List.of(), problems), knownGroups, problems);
    }

    /**
     * Reads a table delivered as typed columns (a Parquet file rendered as text), by the same rules as the CSV;
     * adds every problem to {@code problems} and returns the rows that parsed.
     */
    public static ProfileCoefficients read(TextTable table, Set<GspGroup> knownGroups, Problems problems) {
        return rows(CsvTable.of(table, COLUMNS, List.of(), problems), knownGroups, problems);
    }

    private static ProfileCoefficients rows(CsvTable t, Set<GspGroup> knownGroups, Problems problems) {
        ProfileCoefficients.Builder out = ProfileCoefficients.builder();
        Map<Key, Long> seen = new HashMap<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            GspGroup group = f.required("gsp_group_id", s -> Fields.gspGroup(s, knownGroups));
            Integer pc = f.required("profile_class", s -> Fields.integer(s, 1, 8));
            String ssc = f.required("ssc", s -> s);
            String tpr = f.required("tpr", s -> s);
            LocalDate date = f.required("settlement_date", Fields::isoDate);
            Integer period = f.required("settlement_period", s -> Fields.integer(s, 1, 50));
            BigDecimal coefficient = f.required("coefficient", s -> Fields.nonNegativeDecimal(s, 18));
            if (date != null && period != null) {
                int n = SettlementDate.of(date).periodCount();
                if (period > n) {
                    f.problem(
                            "settlement_period", "'" + period + "' does not exist on " + date + " (" + n + " periods)");
                }
            }
            if (f.failed()) {
                continue;
            }
            Key key = new Key(present(group), present(pc), present(ssc), present(tpr), present(date), present(period));
            Long first = seen.putIfAbsent(key, row.line);
            if (first != null) {
                f.problem(
                        null,
                        "a second coefficient for " + key.group + " profile class " + key.profileClass + " SSC "
                                + key.ssc + " TPR " + key.tpr + " " + key.date + " SP" + key.period + " (first at "
                                + ReferenceFileException.Problem.positionWord(t.file) + " " + first + ")");
                continue;
            }
            out.add(key.group, key.profileClass, key.ssc, key.tpr, key.date, key.period, present(coefficient));
        }
        return out.build();
    }
}
