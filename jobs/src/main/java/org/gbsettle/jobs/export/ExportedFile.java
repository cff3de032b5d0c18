package org.gbsettle.jobs.export;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One file of an export: its path relative to the folder of the manifest that lists it, the table it holds, the
 * supplier whose rows it holds (null: every row of the run), its row count, the SHA-256 of its bytes and its columns.
 */
public record ExportedFile(
        String path, String table, @Nullable String supplierId, long rows, String sha256, List<ExportColumn> columns) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ExportedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(table, "table");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 in hex: " + sha256);
        }
        columns = List.copyOf(columns);
    }

    /** This file as listed by a manifest one folder up: {@code folder/path}. */
    ExportedFile inFolder(String folder) {
        return new ExportedFile(folder + "/" + path, table, supplierId, rows, sha256, columns);
    }
}
