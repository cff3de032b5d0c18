package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.jspecify.annotations.Nullable;

/**
 * Parser of published load shapes for one settlement date (MHHS Load Shaping Service, mirroring IF-022 and IF-023):
 * {@code load_shape_period.csv} ({@code gsp_group_id,connection_type,market_segment,domestic,measurement_quantity,
 * settlement_period,value}, kWh per period per average MPAN) and {@code load_shape_totals.csv} (same category columns
 * and {@code annual_total}, the rolling annual total). {@code market_segment} is empty for legacy categories; {@code
 * domestic} is true/false or Y/N; values are non-negative decimals. Rows of every group are checked; those of the
 * requested group are kept.
 */
public final class LoadShapesCsv {

    /** The conventional name of the period file. */
    public static final String PERIOD_FILE_NAME = "load_shape_period.csv";

    /** The conventional name of the totals file. */
    public static final String TOTALS_FILE_NAME = "load_shape_totals.csv";

    private static final List<String> CATEGORY =
            List.of("gsp_group_id", "connection_type", "market_segment", "domestic", "measurement_quantity");

    /** The columns of the period file. */
    public static final List<String> PERIOD_COLUMNS = with(CATEGORY, "settlement_period", "value");

    /** The columns of the totals file. */
    public static final List<String> TOTALS_COLUMNS = with(CATEGORY, "annual_total");

    private LoadShapesCsv() {}

    /**
     * Reads the period and totals files of a date (either may be null when absent), keeping {@code group}'s rows and
     * adding every problem to {@code problems}.
     */
    public static PublishedLoadShapes read(
            @Nullable Path periodFile,
            @Nullable Path totalsFile,
            GspGroup group,
            SettlementDate date,
            Set<GspGroup> knownGroups,
            Problems problems) {
        PublishedLoadShapes.Builder out = PublishedLoadShapes.builder();
        if (periodFile != null) {
            Csv.onPath(periodFile, problems, out, (r, name) -> {
                readPeriods(r, name, group, date, knownGroups, problems, out);
                return out;
            });
        }
        if (totalsFile != null) {
            Csv.onPath(totalsFile, problems, out, (r, name) -> {
                readTotals(r, name, group, knownGroups, problems, out);
                return out;
            });
        }
        return out.build();
    }

    /**
     * Parses the two files from readers.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static PublishedLoadShapes parse(
            Reader periods,
            String periodsName,
            Reader totals,
            String totalsName,
            GspGroup group,
            SettlementDate date,
            Set<GspGroup> knownGroups) {
        return Csv.orThrow(p -> {
            PublishedLoadShapes.Builder out = PublishedLoadShapes.builder();
            readPeriods(periods, periodsName, group, date, knownGroups, p, out);
            readTotals(totals, totalsName, group, knownGroups, p, out);
            return out.build();
        });
    }

    private static void readPeriods(
            Reader reader,
            String fileName,
            GspGroup group,
            SettlementDate date,
            Set<GspGroup> knownGroups,
            Problems problems,
            PublishedLoadShapes.Builder out) {
        CsvTable t = CsvTable.read(reader, fileName, PERIOD_COLUMNS, List.of(), problems);
        int n = date.periodCount();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            GspGroup g = f.required("gsp_group_id", s -> Fields.gspGroup(s, knownGroups));
            LoadShapeCategory category = category(f);
            Integer period = f.required("settlement_period", s -> Fields.integer(s, 1, n));
            BigDecimal value = f.required("value", s -> Fields.nonNegativeDecimal(s, 18));
            if (f.failed()) {
                continue;
            }
            String key = g + "/" + category + "/" + period;
            Long first = seen.putIfAbsent(key, row.line);
            if (first != null) {
                f.problem(
                        null,
                        "a second value for " + g + " " + category + " SP" + period + " (first at line " + first + ")");
                continue;
            }
            if (present(g).equals(group)) {
                out.periodValue(present(category), present(period), present(value));
            }
        }
    }

    private static void readTotals(
            Reader reader,
            String fileName,
            GspGroup group,
            Set<GspGroup> knownGroups,
            Problems problems,
            PublishedLoadShapes.Builder out) {
        CsvTable t = CsvTable.read(reader, fileName, TOTALS_COLUMNS, List.of(), problems);
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            GspGroup g = f.required("gsp_group_id", s -> Fields.gspGroup(s, knownGroups));
            LoadShapeCategory category = category(f);
            BigDecimal total = f.required("annual_total", s -> Fields.nonNegativeDecimal(s, 18));
            if (f.failed()) {
                continue;
            }
            String key = g + "/" + category;
            Long first = seen.putIfAbsent(key, row.line);
            if (first != null) {
                f.problem(null, "a second annual total for " + g + " " + category + " (first at line " + first + ")");
                continue;
            }
            if (present(g).equals(group)) {
                out.annualTotal(present(category), present(total));
            }
        }
    }

    private static @Nullable LoadShapeCategory category(CsvTable.RowFields f) {
        ConnectionType connection = f.required("connection_type", ConnectionType::parse);
        MarketSegment segment = f.optional("market_segment", MarketSegment::parse);
        Boolean domestic = f.required("domestic", Fields::yesNo);
        MeasurementQuantity mq = f.required("measurement_quantity", MeasurementQuantity::parse);
        if (connection == null || domestic == null || mq == null) {
            return null;
        }
        return new LoadShapeCategory(connection, segment, domestic, mq);
    }

    private static List<String> with(List<String> head, String... tail) {
        List<String> out = new java.util.ArrayList<>(head);
        out.addAll(List.of(tail));
        return List.copyOf(out);
    }
}
