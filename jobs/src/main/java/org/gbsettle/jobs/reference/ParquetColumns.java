package org.gbsettle.jobs.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader.ColumnType;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;

/**
 * The Parquet form of the reference kinds that may come as Parquet (registrations and profile coefficients): the
 * CSV's columns, same names and order, each with the Parquet types it accepts. A string column holds the CSV's text;
 * codes with leading zeros (LLFC, SSC, TPR) are strings only, since a number would lose the zeros.
 */
final class ParquetColumns {

    /** {@code registrations.parquet}. */
    static final Map<String, ColumnType> REGISTRATIONS = columns(
            RegistrationsCsv.COLUMNS,
            Map.of(
                    "mpan_core", ColumnType.MPAN,
                    "distributor_short_code", ColumnType.INTEGER,
                    "domestic", ColumnType.FLAG,
                    "annual_consumption_kwh", ColumnType.NUMBER,
                    "profile_class", ColumnType.INTEGER,
                    "effective_from", ColumnType.DATE,
                    "effective_to", ColumnType.DATE));

    /** {@code profile_coefficients.parquet}. */
    static final Map<String, ColumnType> PROFILE_COEFFICIENTS = columns(
            ProfileCoefficientsCsv.COLUMNS,
            Map.of(
                    "profile_class", ColumnType.INTEGER,
                    "settlement_date", ColumnType.DATE,
                    "settlement_period", ColumnType.INTEGER,
                    "coefficient", ColumnType.NUMBER));

    private ParquetColumns() {}

    /** The columns of a kind that may come as Parquet. */
    static Optional<Map<String, ColumnType>> of(ReferenceFileKind kind) {
        return switch (kind) {
            case REGISTRATIONS -> Optional.of(REGISTRATIONS);
            case PROFILE_COEFFICIENTS -> Optional.of(PROFILE_COEFFICIENTS);
            default -> Optional.empty();
        };
    }

    /**
     * The kind a Parquet file holds, told by its columns: {@code mpan_core} is a registration file, {@code
     * coefficient} a profile coefficient file.
     */
    static Optional<ReferenceFileKind> kindOf(List<String> columnNames) {
        if (columnNames.contains("mpan_core")) {
            return Optional.of(ReferenceFileKind.REGISTRATIONS);
        }
        if (columnNames.contains("coefficient")) {
            return Optional.of(ReferenceFileKind.PROFILE_COEFFICIENTS);
        }
        return Optional.empty();
    }

    private static Map<String, ColumnType> columns(List<String> names, Map<String, ColumnType> typed) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, typed.getOrDefault(n, ColumnType.STRING));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
