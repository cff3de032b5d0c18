package org.gbsettle.jobs.export;

import static org.gbsettle.jobs.export.ColumnType.BOOLEAN;
import static org.gbsettle.jobs.export.ColumnType.DATE;
import static org.gbsettle.jobs.export.ColumnType.INT32;
import static org.gbsettle.jobs.export.ColumnType.INT64;
import static org.gbsettle.jobs.export.ColumnType.STRING;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An output table of a settlement run as exported: its columns in file order, the rows of one run in key order, and
 * for the per-supplier folders which of its rows belong to a supplier (none: the table is not in the folders).
 */
public enum ExportTable {
    /** Supplier volumes per BM unit, CCC and period, uncorrected and corrected (MWh, SVA sign). */
    SUPPLIER_VOLUME(
            "supplier_volume",
            List.of(
                    ExportColumn.of("run_id", INT64),
                    ExportColumn.of("settlement_date", DATE).readFrom("r.settlement_date"),
                    ExportColumn.of("gsp_group", STRING),
                    ExportColumn.of("supplier_id", STRING),
                    ExportColumn.of("bm_unit_id", STRING),
                    ExportColumn.of("ccc_id", INT32),
                    ExportColumn.of("settlement_period", INT32),
                    ExportColumn.exact("uncorrected_mwh"),
                    ExportColumn.exact("weight"),
                    ExportColumn.exact("factor"),
                    ExportColumn.exact("corrected_exact_mwh"),
                    ExportColumn.decimal("corrected_mwh", 14, 4)),
            "t.gsp_group, t.supplier_id, t.bm_unit_id, t.ccc_id, t.settlement_period",
            "t.supplier_id = ?"),
    /** BM unit allocated demand volumes (BMUADV) per BM unit and period (MWh, SVA sign). */
    BM_UNIT_VOLUME(
            "bm_unit_volume",
            List.of(
                    ExportColumn.of("run_id", INT64),
                    ExportColumn.of("settlement_date", DATE).readFrom("r.settlement_date"),
                    ExportColumn.of("gsp_group", STRING),
                    ExportColumn.of("supplier_id", STRING),
                    ExportColumn.of("bm_unit_id", STRING),
                    ExportColumn.of("settlement_period", INT32),
                    ExportColumn.exact("exact_mwh"),
                    ExportColumn.decimal("bmuadv_mwh", 14, 4)),
            "t.gsp_group, t.bm_unit_id, t.settlement_period",
            "t.supplier_id = ?"),
    /** GSP group correction factor, take and totals per period and factor type; in a supplier's folder, its groups. */
    GSP_GROUP_CORRECTION(
            "gsp_group_correction",
            List.of(
                    ExportColumn.of("run_id", INT64),
                    ExportColumn.of("settlement_date", DATE).readFrom("r.settlement_date"),
                    ExportColumn.of("gsp_group", STRING),
                    ExportColumn.of("settlement_period", INT32),
                    ExportColumn.of("gcf_type", STRING),
                    ExportColumn.decimal("gcf", 18, 9),
                    ExportColumn.decimal("gsp_group_take_mwh", 14, 4),
                    ExportColumn.of("take_estimated", BOOLEAN),
                    ExportColumn.exact("uncorrected_total_mwh"),
                    ExportColumn.exact("correctable_mwh"),
                    ExportColumn.exact("unallocated_mwh"),
                    ExportColumn.exact("published_residual_mwh"),
                    ExportColumn.of("flags", STRING).readFrom("array_to_string(t.flags, ';')")),
            "t.gsp_group, t.settlement_period, t.gcf_type",
            "t.gsp_group IN (SELECT b.gsp_group FROM bm_unit_volume b WHERE b.run_id = t.run_id AND b.supplier_id = ?)"),
    /** Data-quality counts per GSP group, period (0: the whole date) and measure. */
    DATA_QUALITY(
            "data_quality",
            List.of(
                    ExportColumn.of("run_id", INT64),
                    ExportColumn.of("settlement_date", DATE).readFrom("r.settlement_date"),
                    ExportColumn.of("gsp_group", STRING),
                    ExportColumn.of("settlement_period", INT32),
                    ExportColumn.of("measure", STRING),
                    ExportColumn.of("count", INT64),
                    ExportColumn.exact("mwh")),
            "t.gsp_group, t.settlement_period, t.measure",
            null),
    /** Issues the calculation found, in the engine's order per GSP group. */
    CALCULATION_ISSUE(
            "calculation_issue",
            List.of(
                    ExportColumn.of("run_id", INT64),
                    ExportColumn.of("settlement_date", DATE).readFrom("r.settlement_date"),
                    ExportColumn.of("gsp_group", STRING),
                    ExportColumn.of("issue_number", INT32),
                    ExportColumn.of("code", STRING),
                    ExportColumn.nullable("mpan", INT64),
                    ExportColumn.of("settlement_period", INT32),
                    ExportColumn.of("message", STRING)),
            "t.gsp_group, t.issue_number",
            null),
    /**
     * Meter-data rows the run quarantined (GSP group null: an MPAN registered in no group); {@code settlement_date}
     * is the row's own, null when it could not be read.
     */
    QUARANTINE(
            "quarantine",
            List.of(
                    ExportColumn.of("run_id", INT64),
                    ExportColumn.nullable("gsp_group", STRING),
                    ExportColumn.nullable("file_id", INT64),
                    ExportColumn.of("file_path", STRING),
                    ExportColumn.nullable("row_number", INT64),
                    ExportColumn.nullable("mpan", INT64),
                    ExportColumn.nullable("settlement_date", DATE),
                    ExportColumn.nullable("settlement_period", INT32),
                    ExportColumn.of("field", STRING),
                    ExportColumn.nullable("value", STRING),
                    ExportColumn.of("reason", STRING),
                    ExportColumn.nullable("detail", STRING)),
            "t.gsp_group NULLS FIRST, t.file_path, t.row_number, t.quarantine_id",
            null);

    private final String tableName;
    private final List<ExportColumn> columns;
    private final String orderBy;
    private final @Nullable String supplierFilter;

    ExportTable(String tableName, List<ExportColumn> columns, String orderBy, @Nullable String supplierFilter) {
        this.tableName = tableName;
        this.columns = List.copyOf(columns);
        this.orderBy = orderBy;
        this.supplierFilter = supplierFilter;
    }

    /** The database table, also the exported file's name without extension. */
    public String tableName() {
        return tableName;
    }

    /** The columns in file order, exact decimals with {@link ExportColumn#EXACT_MIN_SCALE}. */
    public List<ExportColumn> columns() {
        return columns;
    }

    /** Whether a supplier's folder holds this table's rows of the supplier. */
    public boolean perSupplier() {
        return supplierFilter != null;
    }

    /**
     * The SELECT of a run's rows of the table with {@code columns} (these columns with their scales chosen), in key
     * order: parameter 1 the run id, parameter 2 the supplier when {@code forSupplier}.
     */
    String select(List<ExportColumn> columns, boolean forSupplier) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            ExportColumn c = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(c.expression()).append(" AS ").append(c.name());
        }
        sql.append(" FROM ")
                .append(tableName)
                .append(" t JOIN settlement_run r ON r.run_id = t.run_id WHERE t.run_id = ?");
        if (forSupplier) {
            if (supplierFilter == null) {
                throw new IllegalStateException(tableName + " has no rows per supplier");
            }
            sql.append(" AND ").append(supplierFilter);
        }
        return sql.append(" ORDER BY ").append(orderBy).toString();
    }
}
