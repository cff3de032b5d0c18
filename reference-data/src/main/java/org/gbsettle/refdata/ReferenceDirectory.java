package org.gbsettle.refdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroupInfo;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.ProfileCoefficients;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.refdata.csv.BmUnitsCsv;
import org.gbsettle.refdata.csv.BscPartiesCsv;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.LlfcSiteSpecificCsv;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;
import org.gbsettle.refdata.llf.D0265Parser;
import org.gbsettle.refdata.llf.LlfFile;
import org.gbsettle.refdata.llf.LlfFiles;
import org.jspecify.annotations.Nullable;

/**
 * A folder of reference files loaded into the engine's {@link ReferenceData}, plus its registrations as {@link
 * MeteringSystems}.
 *
 * <p>Files (by name, all optional except the first three):
 *
 * <ul>
 *   <li>{@code ccc.csv}, {@code scaling_weights.csv}, {@code bm_units.csv}: required;
 *   <li>{@code gsp_groups.csv}: the known GSP groups; when absent, the fourteen shipped ones ({@link
 *       ShippedReferenceData#gspGroups()}). Every GSP group id in the other files must be a known one;
 *   <li>{@code bsc_parties.csv}, {@code hh_default_eac.csv}, {@code profile_coefficients.csv},
 *       {@code llfc_site_specific.csv}, {@code registrations.csv};
 *   <li>every {@code *.D0265} file (any case): line loss factors, combined by {@link LlfFiles#combine}.
 * </ul>
 *
 * <p>Loading collects every format problem of every file and throws them together as one {@link
 * ReferenceFileException}; then overlapping effective ranges (of reference records and of one MPAN's registrations)
 * are thrown together as one {@link ReferenceDataConflictException}. Other files in the folder are ignored. The
 * reference data's version is the folder name plus a SHA-256 over the names and bytes of the files read.
 */
public final class ReferenceDirectory {

    /** Files a reference folder must have. */
    public static final List<String> REQUIRED_FILES =
            List.of(CccCsv.FILE_NAME, ScalingWeightsCsv.FILE_NAME, BmUnitsCsv.FILE_NAME);

    private final Path directory;
    private final ReferenceData referenceData;
    private final MeteringSystems meteringSystems;
    private final Set<GspGroup> gspGroups;
    private final List<LlfFile> llfFiles;

    private ReferenceDirectory(
            Path directory,
            ReferenceData referenceData,
            MeteringSystems meteringSystems,
            Set<GspGroup> gspGroups,
            List<LlfFile> llfFiles) {
        this.directory = directory;
        this.referenceData = referenceData;
        this.meteringSystems = meteringSystems;
        this.gspGroups = gspGroups;
        this.llfFiles = llfFiles;
    }

    /**
     * Loads a folder.
     *
     * @throws ReferenceFileException listing every format problem of every file, or a missing required file
     * @throws ReferenceDataConflictException listing every overlap of effective ranges
     */
    public static ReferenceDirectory load(Path directory) {
        Problems problems = new Problems();
        if (!Files.isDirectory(directory)) {
            throw new ReferenceFileException(directory.toString(), 0, null, null, "is not a folder");
        }
        List<Path> read = new ArrayList<>();

        List<GspGroupInfo> groups;
        Path groupsFile = directory.resolve(GspGroupsCsv.FILE_NAME);
        if (Files.isRegularFile(groupsFile)) {
            groups = GspGroupsCsv.read(groupsFile, problems);
            read.add(groupsFile);
        } else {
            groups = ShippedReferenceData.gspGroups();
        }
        Set<GspGroup> known = groups.stream().map(GspGroupInfo::id).collect(Collectors.toUnmodifiableSet());

        for (String name : REQUIRED_FILES) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                problems.add(name, 0, null, null, "required reference file is missing from " + directory);
            }
        }
        ReferenceData.Builder b = ReferenceData.builder().gspGroups(groups);
        Path p;
        if ((p = present(directory, CccCsv.FILE_NAME, read)) != null) {
            b.consumptionComponentClasses(CccCsv.read(p, problems));
        }
        if ((p = present(directory, ScalingWeightsCsv.FILE_NAME, read)) != null) {
            b.scalingWeights(ScalingWeightsCsv.read(p, problems));
        }
        if ((p = present(directory, BmUnitsCsv.FILE_NAME, read)) != null) {
            b.bmUnits(BmUnitsCsv.read(p, known, problems));
        }
        if ((p = present(directory, BscPartiesCsv.FILE_NAME, read)) != null) {
            b.parties(BscPartiesCsv.read(p, problems));
        }
        if ((p = present(directory, HhDefaultEacCsv.FILE_NAME, read)) != null) {
            b.hhDefaultEacs(HhDefaultEacCsv.read(p, problems));
        }
        ProfileCoefficients coefficients = ProfileCoefficients.empty();
        if ((p = present(directory, ProfileCoefficientsCsv.FILE_NAME, read)) != null) {
            coefficients = ProfileCoefficientsCsv.read(p, known, problems);
        }
        b.profileCoefficients(coefficients);
        Set<LineLossFactorClass> siteSpecific = Set.of();
        if ((p = present(directory, LlfcSiteSpecificCsv.FILE_NAME, read)) != null) {
            siteSpecific = LlfcSiteSpecificCsv.read(p, problems);
        }
        List<Registration> registrations = List.of();
        if ((p = present(directory, RegistrationsCsv.FILE_NAME, read)) != null) {
            registrations = RegistrationsCsv.read(p, known, problems);
        }
        List<LlfFile> llfFiles = new ArrayList<>();
        for (Path f : d0265Files(directory)) {
            read.add(f);
            LlfFile llf = D0265Parser.read(f, problems);
            if (llf != null) {
                llfFiles.add(llf);
            }
        }
        problems.throwIfAny();
        b.lineLossFactors(LlfFiles.combine(llfFiles, siteSpecific));
        b.version("reference-dir:" + directory.getFileName() + ":sha256:" + digest(read));

        List<String> conflicts = new ArrayList<>();
        ReferenceData data = null;
        try {
            data = b.build();
        } catch (ReferenceDataConflictException e) {
            conflicts.addAll(e.conflicts());
        }
        MeteringSystems systems = null;
        try {
            systems = MeteringSystems.of(registrations);
        } catch (ReferenceDataConflictException e) {
            conflicts.addAll(e.conflicts());
        }
        if (!conflicts.isEmpty()) {
            throw new ReferenceDataConflictException(conflicts);
        }
        return new ReferenceDirectory(
                directory, Objects.requireNonNull(data), Objects.requireNonNull(systems), known, List.copyOf(llfFiles));
    }

    /** The folder. */
    public Path directory() {
        return directory;
    }

    /** The reference data. */
    public ReferenceData referenceData() {
        return referenceData;
    }

    /** The registrations of {@code registrations.csv}; none if absent. */
    public MeteringSystems meteringSystems() {
        return meteringSystems;
    }

    /** The known GSP group ids: those of {@code gsp_groups.csv}, or the shipped fourteen. */
    public Set<GspGroup> gspGroupIds() {
        return gspGroups;
    }

    /** The D0265 files read, in file-name order. */
    public List<LlfFile> llfFiles() {
        return llfFiles;
    }

    /** The {@code *.D0265} files of a folder (extension in any case), by name. */
    public static List<Path> d0265Files(Path directory) {
        return filesWithExtension(directory, ".d0265");
    }

    /** The files of a folder whose name ends with {@code extension} (any case), by name. */
    public static List<Path> filesWithExtension(Path directory, String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(Files::isRegularFile)
                    .filter(f ->
                            f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static @Nullable Path present(Path directory, String name, List<Path> read) {
        Path p = directory.resolve(name);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        read.add(p);
        return p;
    }

    private static String digest(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : new LinkedHashSet<>(files.stream().sorted().toList())) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read reference files for their digest", e);
        }
    }
}
