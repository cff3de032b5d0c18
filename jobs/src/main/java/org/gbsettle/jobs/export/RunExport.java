package org.gbsettle.jobs.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Exports a complete settlement run's output tables ({@link ExportTable}) to a new folder, as Parquet or CSV files
 * with a {@code manifest.json}; or, by supplier, one folder per supplier with that supplier's supplier and BM unit
 * volumes and the correction of its GSP groups, each folder with its own manifest, and a manifest of all of them on
 * top.
 *
 * <p>Everything is read in one read-only REPEATABLE READ transaction (one snapshot of the run), streamed with a fetch
 * size, in key order, so that the same run exported twice gives files with the same rows in the same order.
 */
@Component
public final class RunExport {

    /** The name of a folder's manifest. */
    public static final String MANIFEST = "manifest.json";

    private static final int FETCH_SIZE = 10_000;

    /** Supplier ids become folder names: letters, digits, {@code _} and {@code -} only. */
    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final DataSource dataSource;

    public RunExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Exports run {@code runId} in {@code format} to the folder {@code out} (made if missing; it must be empty), all
     * rows, or one folder per supplier when {@code bySupplier}; the manifest of {@code out}.
     *
     * @throws GbSettleException if there is no such run, it is not COMPLETE, {@code out} is not an empty folder, or a
     *     file cannot be written
     */
    public ExportManifest export(long runId, ExportFormat format, Path out, boolean bySupplier) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                ExportedRun run = run(c, runId);
                prepareFolder(out);
                Map<ExportTable, List<ExportColumn>> columns = new LinkedHashMap<>();
                for (ExportTable table : ExportTable.values()) {
                    columns.put(table, columnsWithScales(c, table, runId));
                }
                List<ExportedFile> files = new ArrayList<>();
                if (bySupplier) {
                    for (String supplier : suppliers(c, runId)) {
                        Path folder = out.resolve(supplier);
                        Files.createDirectory(folder);
                        List<ExportedFile> own = new ArrayList<>();
                        for (ExportTable table : ExportTable.values()) {
                            if (table.perSupplier()) {
                                own.add(writeTable(
                                        c,
                                        run,
                                        table,
                                        Objects.requireNonNull(columns.get(table)),
                                        supplier,
                                        format,
                                        folder));
                            }
                        }
                        writeManifest(folder, new ExportManifest(run, format, supplier, own));
                        own.forEach(f -> files.add(f.inFolder(supplier)));
                    }
                } else {
                    for (ExportTable table : ExportTable.values()) {
                        files.add(writeTable(
                                c, run, table, Objects.requireNonNull(columns.get(table)), null, format, out));
                    }
                }
                ExportManifest manifest = new ExportManifest(run, format, null, files);
                writeManifest(out, manifest);
                return manifest;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new GbSettleException("Export of run " + runId + " failed: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new GbSettleException("Export of run " + runId + " to " + out + " failed: " + e, e);
        } catch (IllegalStateException e) {
            throw new GbSettleException("Export of run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    private static void prepareFolder(Path out) {
        try {
            if (Files.exists(out)) {
                if (!Files.isDirectory(out)) {
                    throw new GbSettleException(out + " is a file: give a new or empty folder with --out");
                }
                try (Stream<Path> entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw new GbSettleException(out + " is not empty: give a new or empty folder with --out");
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new GbSettleException("Cannot make the export folder " + out + ": " + e, e);
        }
    }

    private static ExportedRun run(Connection c, long runId) throws SQLException {
        Map<String, String> partitions = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT gsp_group, output_fingerprint FROM run_partition WHERE run_id = ? ORDER BY gsp_group")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String fingerprint = rs.getString(2);
                    partitions.put(rs.getString(1), fingerprint == null ? "" : fingerprint);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT settlement_date, run_type, run_number, data_cutoff, status, completed_at, engine_version,
                       input_fingerprint, output_fingerprint
                  FROM settlement_run WHERE run_id = ?""")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new GbSettleException("there is no run " + runId);
                }
                String status = rs.getString("status");
                OffsetDateTime completedAt = rs.getObject("completed_at", OffsetDateTime.class);
                String output = rs.getString("output_fingerprint");
                if (!"COMPLETE".equals(status) || completedAt == null || output == null) {
                    throw new GbSettleException("run " + runId + " is " + status
                            + ": only a COMPLETE run is exported (see 'status --run " + runId + "')");
                }
                return new ExportedRun(
                        runId,
                        rs.getObject("settlement_date", LocalDate.class),
                        rs.getString("run_type"),
                        rs.getInt("run_number"),
                        rs.getObject("data_cutoff", OffsetDateTime.class).toInstant(),
                        completedAt.toInstant(),
                        rs.getString("engine_version"),
                        rs.getString("input_fingerprint"),
                        output,
                        partitions);
            }
        }
    }

    /**
     * The table's columns with each exact decimal's scale: 18, or the most decimal places a value of the run needs
     * (PostgreSQL's {@code min_scale}: trailing zeros do not count) when that is more.
     */
    private static List<ExportColumn> columnsWithScales(Connection c, ExportTable table, long runId)
            throws SQLException {
        List<ExportColumn> out = new ArrayList<>();
        for (ExportColumn column : table.columns()) {
            if (!column.exact()) {
                out.add(column);
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(min_scale(" + column.expression()
                    + ")), 0)" + " FROM " + table.tableName() + " t WHERE t.run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.add(column.withScale(rs.getInt(1)));
                }
            }
        }
        return out;
    }

    /** The suppliers with BM unit or supplier volumes in the run, in order. */
    private static List<String> suppliers(Connection c, long runId) throws SQLException {
        List<String> suppliers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT supplier_id FROM bm_unit_volume WHERE run_id = ?"
                + " UNION SELECT supplier_id FROM supplier_volume WHERE run_id = ? ORDER BY 1")) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String supplier = rs.getString(1);
                    if (!FOLDER_NAME.matcher(supplier).matches()) {
                        throw new GbSettleException(
                                "Supplier id '" + supplier + "' cannot name a folder: export without --by-supplier");
                    }
                    suppliers.add(supplier);
                }
            }
        }
        return suppliers;
    }

    private static ExportedFile writeTable(
            Connection c,
            ExportedRun run,
            ExportTable table,
            List<ExportColumn> columns,
            @Nullable String supplier,
            ExportFormat format,
            Path folder)
            throws SQLException, IOException {
        String name = table.tableName() + "." + format.extension();
        Path file = folder.resolve(name);
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(table.select(columns, supplier != null))) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, run.runId());
            if (supplier != null) {
                ps.setString(2, supplier);
            }
            try (ResultSet rs = ps.executeQuery();
                    TableWriter writer = open(format, file, table, columns, run, supplier)) {
                @Nullable Object[] row = new Object[columns.size()];
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(rs, i + 1, columns.get(i).type());
                    }
                    writer.write(row);
                    rows++;
                }
            }
        }
        return new ExportedFile(name, table.tableName(), supplier, rows, sha256(file), columns);
    }

    private static TableWriter open(
            ExportFormat format,
            Path file,
            ExportTable table,
            List<ExportColumn> columns,
            ExportedRun run,
            @Nullable String supplier)
            throws IOException {
        if (format == ExportFormat.CSV) {
            return new CsvTableWriter(file, columns);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("gbsettle.table", table.tableName());
        metadata.put("gbsettle.run_id", Long.toString(run.runId()));
        metadata.put("gbsettle.run", run.label());
        metadata.put("gbsettle.output_fingerprint", run.outputFingerprint());
        if (supplier != null) {
            metadata.put("gbsettle.supplier_id", supplier);
        }
        return new ParquetTableWriter(file, table.tableName(), columns, metadata);
    }

    /** A column's value as the writers take it: String, LocalDate, Integer, Long, Boolean or BigDecimal; or null. */
    private static @Nullable Object value(ResultSet rs, int column, ColumnType type) throws SQLException {
        return switch (type) {
            case STRING -> rs.getString(column);
            case DATE -> rs.getObject(column, LocalDate.class);
            case INT32 -> {
                int v = rs.getInt(column);
                yield rs.wasNull() ? null : v;
            }
            case INT64 -> {
                long v = rs.getLong(column);
                yield rs.wasNull() ? null : v;
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(column);
                yield rs.wasNull() ? null : v;
            }
            case DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(column);
                yield v;
            }
        };
    }

    private static void writeManifest(Path folder, ExportManifest manifest) throws IOException {
        Files.writeString(folder.resolve(MANIFEST), manifest.toJson(), StandardCharsets.UTF_8);
    }

    /** SHA-256 of a file's bytes, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
