package org.gbsettle.jobs.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader;
import org.gbsettle.refdata.ShippedReferenceData;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;

/**
 * The files of one reference load, gathered from the shipped set and operator folders in the order given: a CSV kind
 * comes from the last source that has it (a folder's {@code ccc.csv} replaces the shipped one), D0265 and I029 files
 * add up (a later file of the same name replaces an earlier one). Registrations and profile coefficients may come as
 * CSV or Parquet ({@code registrations.parquet}), one of the two per folder; a later source's file of either form
 * replaces an earlier one. Files of other names in a folder are ignored; a file named on its own is used (a {@code
 * *.parquet} of another name is known by its columns).
 */
public final class ReferenceFiles {

    /** The origin of the shipped files. */
    public static final String SHIPPED = "shipped";

    /** The shipped files, in load order. */
    static final List<String> SHIPPED_FILES =
            List.of(GspGroupsCsv.FILE_NAME, CccCsv.FILE_NAME, ScalingWeightsCsv.FILE_NAME, HhDefaultEacCsv.FILE_NAME);

    private ReferenceFiles() {}

    /**
     * Gathers the files.
     *
     * @param shipped whether to start with the shipped files
     * @param sources operator folders and single files, applied after the shipped files in this order; a single file
     *     is known by its name as in a folder, or, for a {@code *.parquet} file of another name, by its columns
     *     (registrations or profile coefficients)
     * @throws GbSettleException if a source does not exist, a folder holds no reference file or holds one kind as
     *     both CSV and Parquet, or a single file is of no known kind
     */
    public static List<ReferenceFile> gather(boolean shipped, List<Path> sources) {
        Map<String, ReferenceFile> byKey = new LinkedHashMap<>();
        if (shipped) {
            for (String name : SHIPPED_FILES) {
                ReferenceFileKind kind = ReferenceFileKind.ofFileName(name).orElseThrow();
                byKey.put(kind.code(), ReferenceFile.of(name, SHIPPED, kind, shippedBytes(name)));
            }
        }
        for (Path source : sources) {
            if (Files.isRegularFile(source)) {
                ReferenceFile f = single(source);
                put(byKey, f);
                continue;
            }
            if (!Files.isDirectory(source)) {
                throw new GbSettleException("reference folder or file " + source + " does not exist");
            }
            Map<ReferenceFileKind, String> tabular = new LinkedHashMap<>();
            int found = 0;
            for (Path f : list(source)) {
                String name = f.getFileName().toString();
                Optional<ReferenceFileKind> kind = ReferenceFileKind.ofFileName(name);
                if (kind.isEmpty()) {
                    continue;
                }
                found++;
                if (kind.get().isCsv()) {
                    String other = tabular.put(kind.get(), name);
                    if (other != null) {
                        throw new GbSettleException("reference folder " + source + " holds both " + other + " and "
                                + name + "; keep one of them");
                    }
                }
                put(byKey, file(name, source.toString(), kind.get(), f));
            }
            if (found == 0) {
                throw new GbSettleException("reference folder " + source + " holds no reference file (expected "
                        + String.join(", ", expectedNames()) + ", *.D0265 or *.I029)");
            }
        }
        return List.copyOf(byKey.values());
    }

    /** Adds a file, replacing an earlier one of the same kind (CSV or Parquet) or, for D0265 and I029, name. */
    private static void put(Map<String, ReferenceFile> byKey, ReferenceFile f) {
        String key = f.kind().isCsv() ? f.kind().code() : f.kind().code() + "/" + f.name();
        byKey.remove(key);
        byKey.put(key, f);
    }

    /** A file named on its own: known by name, or a Parquet file by its columns. */
    private static ReferenceFile single(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        String origin = parent != null ? parent.toString() : ".";
        Optional<ReferenceFileKind> kind = ReferenceFileKind.ofFileName(name);
        if (kind.isPresent()) {
            return file(name, origin, kind.get(), file);
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            throw new GbSettleException("reference file " + file + " is of no known kind (expected "
                    + String.join(", ", expectedNames()) + ", *.D0265, *.I029 or a registration or profile"
                    + " coefficient *.parquet)");
        }
        List<String> columns;
        try {
            columns = ReferenceParquetReader.columnNames(ReferenceParquetReader.Source.of(file, size(file)));
        } catch (IllegalArgumentException e) {
            throw new GbSettleException("reference file " + file + " " + e.getMessage(), e);
        }
        return file(
                name,
                origin,
                ParquetColumns.kindOf(columns)
                        .orElseThrow(() -> new GbSettleException("reference file " + file
                                + " is neither a registration file (columns "
                                + String.join(",", ReferenceFileKind.REGISTRATIONS.columns())
                                + ") nor a profile coefficient file (columns "
                                + String.join(",", ReferenceFileKind.PROFILE_COEFFICIENTS.columns())
                                + "); it has columns " + String.join(",", columns))),
                file);
    }

    private static List<String> expectedNames() {
        List<String> names = new ArrayList<>();
        for (ReferenceFileKind k : ReferenceFileKind.values()) {
            String n = k.fileName();
            if (n != null) {
                names.add(n);
            }
            String p = k.parquetFileName();
            if (p != null) {
                names.add(p);
            }
        }
        return names;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new GbSettleException("cannot list reference folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file of a folder or named on its own: registrations and profile coefficients, which may be hundreds of megabytes,
     * are read from disk when needed (and must not change during the load); the others are read into memory now.
     */
    private static ReferenceFile file(String name, String origin, ReferenceFileKind kind, Path file) {
        if (kind == ReferenceFileKind.REGISTRATIONS || kind == ReferenceFileKind.PROFILE_COEFFICIENTS) {
            if (!Files.isReadable(file)) {
                throw new GbSettleException("cannot read reference file " + file + ": not readable");
            }
            return ReferenceFile.onDisk(name, origin, kind, file);
        }
        return ReferenceFile.of(name, origin, kind, read(file));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new GbSettleException("cannot read reference file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GbSettleException("cannot read reference file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] shippedBytes(String name) {
        try (InputStream in =
                ShippedReferenceData.class.getResourceAsStream(ShippedReferenceData.RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("No shipped reference file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read shipped reference file " + name, e);
        }
    }
}
