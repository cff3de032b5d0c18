package org.gbsettle.jobs.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.refdata.ShippedReferenceData;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;

/**
 * The files of one reference load, gathered from the shipped set and operator folders in the order given: a CSV kind
 * comes from the last source that has it (a folder's {@code ccc.csv} replaces the shipped one), D0265 and I029 files
 * add up (a later file of the same name replaces an earlier one). Files of other names are ignored.
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
     * @param folders operator folders, applied after the shipped files in this order
     * @throws GbSettleException if a folder does not exist or holds no reference file
     */
    public static List<ReferenceFile> gather(boolean shipped, List<Path> folders) {
        Map<String, ReferenceFile> byKey = new LinkedHashMap<>();
        if (shipped) {
            for (String name : SHIPPED_FILES) {
                ReferenceFileKind kind = ReferenceFileKind.ofFileName(name).orElseThrow();
                byKey.put(kind.code(), ReferenceFile.of(name, SHIPPED, kind, shippedBytes(name)));
            }
        }
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new GbSettleException("reference folder " + folder + " does not exist or is not a folder");
            }
            int found = 0;
            for (Path f : list(folder)) {
                String name = f.getFileName().toString();
                Optional<ReferenceFileKind> kind = ReferenceFileKind.ofFileName(name);
                if (kind.isEmpty()) {
                    continue;
                }
                found++;
                String key = kind.get().isCsv() ? kind.get().code() : kind.get().code() + "/" + name;
                byKey.remove(key);
                byKey.put(key, ReferenceFile.of(name, folder.toString(), kind.get(), read(f)));
            }
            if (found == 0) {
                throw new GbSettleException("reference folder " + folder + " holds no reference file (expected "
                        + String.join(", ", expectedNames()) + ", *.D0265 or *.I029)");
            }
        }
        return List.copyOf(byKey.values());
    }

    private static List<String> expectedNames() {
        List<String> names = new ArrayList<>();
        for (ReferenceFileKind k : ReferenceFileKind.values()) {
            String n = k.fileName();
            if (n != null) {
                names.add(n);
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
