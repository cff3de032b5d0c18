package org.gbsettle.jobs.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroupInfo;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader.ColumnType;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.gbsettle.refdata.ShippedReferenceData;
import org.gbsettle.refdata.csv.BmUnitsCsv;
import org.gbsettle.refdata.csv.BscPartiesCsv;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.LlfcSiteSpecificCsv;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;
import org.gbsettle.refdata.csv.TextTable;
import org.gbsettle.refdata.llf.D0265Parser;
import org.gbsettle.refdata.llf.LlfFile;
import org.gbsettle.refdata.llf.LlfFiles;
import org.gbsettle.refdata.take.CdcaI029Parser;
import org.gbsettle.refdata.take.TakeFile;
import org.jspecify.annotations.Nullable;

/**
 * The checked content of one reference load, ready to write: every file parsed with the reference-data parsers (a
 * Parquet registration or profile coefficient file rendered as text and checked by its CSV parser's rules) under
 * its recorded name ({@code origin/name}, so messages say which folder) (all format problems of all files thrown
 * together), the effective ranges checked for overlaps (REFDATA_CONFLICT), then
 * the CSV rows as text in their table's column order, the line loss factors per class, date and period (D0265 files
 * combined as {@link LlfFiles#combine} does) and the take blocks (CDCA-I029).
 */
public final class ReferenceLoadContent {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** The line loss factors of one class on one date, in millionths per period, and the file they came from. */
    public static final class LlfDay {
        private final LineLossFactorClass llfc;
        private final LocalDate date;
        private final long[] millionths;
        private final String file;

        LlfDay(LineLossFactorClass llfc, LocalDate date, long[] millionths, String file) {
            this.llfc = llfc;
            this.date = date;
            this.millionths = millionths.clone();
            this.file = file;
        }

        /** The line loss factor class. */
        public LineLossFactorClass llfc() {
            return llfc;
        }

        /** The settlement date. */
        public LocalDate date() {
            return date;
        }

        /** The LLF of a period (1-based), in millionths. */
        public long millionths(int period) {
            return millionths[period - 1];
        }

        /** Number of periods with values. */
        public int periods() {
            return millionths.length;
        }

        /** The recorded name of the D0265 file. */
        public String file() {
            return file;
        }
    }

    /**
     * One take block and the file it came from.
     *
     * @param file the recorded name of the I029 file
     */
    public record TakeBlock(String file, TakeFile.Block block) {}

    private final List<ReferenceFile> files;
    private final Map<ReferenceFileKind, List<List<@Nullable String>>> csvRows;
    private final List<LlfDay> llfDays;
    private final List<TakeBlock> takes;

    private ReferenceLoadContent(
            List<ReferenceFile> files,
            Map<ReferenceFileKind, List<List<@Nullable String>>> csvRows,
            List<LlfDay> llfDays,
            List<TakeBlock> takes) {
        this.files = files;
        this.csvRows = csvRows;
        this.llfDays = llfDays;
        this.takes = takes;
    }

    /**
     * Parses and checks the files of a load.
     *
     * @throws ReferenceFileException listing every format problem of every file
     * @throws ReferenceDataConflictException listing every overlap of effective ranges
     */
    public static ReferenceLoadContent check(List<ReferenceFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("A reference load needs at least one file");
        }
        Problems problems = new Problems();
        Map<ReferenceFileKind, ReferenceFile> csv = new EnumMap<>(ReferenceFileKind.class);
        List<ReferenceFile> d0265 = new ArrayList<>();
        List<ReferenceFile> i029 = new ArrayList<>();
        for (ReferenceFile f : files) {
            switch (f.kind()) {
                case LLF -> d0265.add(f);
                case GSP_GROUP_TAKE -> i029.add(f);
                default -> {
                    if (csv.put(f.kind(), f) != null) {
                        throw new IllegalArgumentException("Two " + f.kind().code() + " files in one load");
                    }
                }
            }
        }

        List<GspGroupInfo> groups = ShippedReferenceData.gspGroups();
        ReferenceFile g = csv.get(ReferenceFileKind.GSP_GROUPS);
        if (g != null) {
            groups = parse(g, r -> GspGroupsCsv.read(r, g.recordedName(), problems));
        }
        Set<GspGroup> known = groups.stream().map(GspGroupInfo::id).collect(Collectors.toUnmodifiableSet());
        ReferenceData.Builder b = ReferenceData.builder().gspGroups(groups).version("reference-load");
        Set<LineLossFactorClass> siteSpecific = Set.of();
        List<Registration> registrations = List.of();
        Map<ReferenceFileKind, TextTable> parquet = new EnumMap<>(ReferenceFileKind.class);
        for (Map.Entry<ReferenceFileKind, ReferenceFile> e : csv.entrySet()) {
            ReferenceFile f = e.getValue();
            if (f.isParquet()) {
                Map<String, ColumnType> columns = ParquetColumns.of(e.getKey())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "A " + e.getKey().code() + " file cannot be Parquet: " + f));
                TextTable t = ReferenceParquetReader.read(f.recordedName(), f.content(), columns, problems);
                if (t != null) {
                    parquet.put(e.getKey(), t);
                }
            }
        }
        for (Map.Entry<ReferenceFileKind, ReferenceFile> e : csv.entrySet()) {
            ReferenceFile f = e.getValue();
            String n = f.recordedName();
            if (f.isParquet()) {
                TextTable t = parquet.get(e.getKey());
                if (t != null && e.getKey() == ReferenceFileKind.REGISTRATIONS) {
                    registrations = RegistrationsCsv.read(t, known, problems);
                } else if (t != null && e.getKey() == ReferenceFileKind.PROFILE_COEFFICIENTS) {
                    b.profileCoefficients(ProfileCoefficientsCsv.read(t, known, problems));
                }
                continue;
            }
            switch (e.getKey()) {
                case CCC -> b.consumptionComponentClasses(parse(f, r -> CccCsv.read(r, n, problems)));
                case SCALING_WEIGHTS -> b.scalingWeights(parse(f, r -> ScalingWeightsCsv.read(r, n, problems)));
                case BSC_PARTIES -> b.parties(parse(f, r -> BscPartiesCsv.read(r, n, problems)));
                case BM_UNITS -> b.bmUnits(parse(f, r -> BmUnitsCsv.read(r, n, known, problems)));
                case HH_DEFAULT_EAC -> b.hhDefaultEacs(parse(f, r -> HhDefaultEacCsv.read(r, n, problems)));
                case PROFILE_COEFFICIENTS ->
                    b.profileCoefficients(parse(f, r -> ProfileCoefficientsCsv.read(r, n, known, problems)));
                case LLFC_SITE_SPECIFIC -> siteSpecific = parse(f, r -> LlfcSiteSpecificCsv.read(r, n, problems));
                case REGISTRATIONS -> registrations = parse(f, r -> RegistrationsCsv.read(r, n, known, problems));
                default -> {
                    // the groups are read above
                }
            }
        }

        Map<String, ReferenceFile> byParsedName = new HashMap<>();
        List<LlfFile> llfFiles = new ArrayList<>();
        for (ReferenceFile f : d0265) {
            LlfFile llf = readD0265(f, problems);
            if (llf != null) {
                llfFiles.add(llf);
                byParsedName.put(llf.fileName(), f);
            }
        }

        List<TakeBlock> takes = new ArrayList<>();
        record TakeKey(GspGroup group, SettlementDate date, RunType runType, int runNumber) {}
        Map<TakeKey, String> seenTakes = new HashMap<>();
        for (ReferenceFile f : i029) {
            TakeFile t = parse(f, r -> CdcaI029Parser.read(r, f.recordedName(), known, problems));
            for (TakeFile.Block block : t.blocks()) {
                TakeKey key = new TakeKey(block.group(), block.date(), block.runType(), block.cdcaRunNumber());
                String first = seenTakes.putIfAbsent(key, f.recordedName() + " line " + block.line());
                if (first != null) {
                    problems.add(
                            f.recordedName(),
                            block.line(),
                            "AGV",
                            null,
                            "a second take for " + key.group() + " on "
                                    + key.date().date() + " from CDCA run " + key.runType() + " " + key.runNumber()
                                    + " (first at " + first + ")");
                    continue;
                }
                takes.add(new TakeBlock(f.recordedName(), block));
            }
        }

        Map<ReferenceFileKind, List<List<@Nullable String>>> rows = new EnumMap<>(ReferenceFileKind.class);
        for (Map.Entry<ReferenceFileKind, ReferenceFile> e : csv.entrySet()) {
            TextTable t = parquet.get(e.getKey());
            rows.put(e.getKey(), e.getValue().isParquet() ? textRows(t) : rawRows(e.getValue(), problems));
        }
        problems.throwIfAny();

        LineLossFactors combined = LlfFiles.combine(llfFiles, siteSpecific);
        b.lineLossFactors(combined);
        List<String> conflicts = new ArrayList<>();
        try {
            b.build();
        } catch (ReferenceDataConflictException e) {
            conflicts.addAll(e.conflicts());
        }
        try {
            MeteringSystems.of(registrations);
        } catch (ReferenceDataConflictException e) {
            conflicts.addAll(e.conflicts());
        }
        if (!conflicts.isEmpty()) {
            throw new ReferenceDataConflictException(conflicts);
        }
        return new ReferenceLoadContent(
                List.copyOf(files), rows, llfDays(llfFiles, combined, byParsedName), List.copyOf(takes));
    }

    /** The files of the load. */
    public List<ReferenceFile> files() {
        return files;
    }

    /** The rows of a CSV kind as text in {@link ReferenceFileKind#columns()} order (null for an empty value). */
    public List<List<@Nullable String>> csvRows(ReferenceFileKind kind) {
        return csvRows.getOrDefault(kind, List.of());
    }

    /** The line loss factors, one entry per class and date. */
    public List<LlfDay> llfDays() {
        return llfDays;
    }

    /** The take blocks. */
    public List<TakeBlock> takes() {
        return takes;
    }

    /** The values each LLF file contributes to the combination: a later file's values replace an earlier file's. */
    private static List<LlfDay> llfDays(
            List<LlfFile> files, LineLossFactors combined, Map<String, ReferenceFile> byParsedName) {
        record Key(LineLossFactorClass llfc, LocalDate date) {}
        Map<Key, LlfDay> out = new LinkedHashMap<>();
        List<LlfFile> ordered = new ArrayList<>(files);
        ordered.sort(LlfFiles.APPLY_ORDER);
        for (LlfFile f : ordered) {
            String recorded =
                    Objects.requireNonNull(byParsedName.get(f.fileName())).recordedName();
            for (LineLossFactorClass llfc : f.classes()) {
                for (LocalDate date : f.dates()) {
                    long[] v = f.millionths(llfc, date);
                    if (v != null && Arrays.equals(v, combined.forDate(llfc, date))) {
                        out.put(new Key(llfc, date), new LlfDay(llfc, date, v, recorded));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The rows of a CSV that its parser accepted, as the stripped text of the kind's columns. */
    private static List<List<@Nullable String>> rawRows(ReferenceFile f, Problems problems) {
        List<String> columns = f.kind().columns();
        List<List<@Nullable String>> out = new ArrayList<>();
        try (Reader r = f.reader();
                CSVParser parser = CSVParser.parse(r, FORMAT)) {
            int[] index = null;
            for (CSVRecord rec : parser) {
                String[] values = rec.values();
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                if (index == null) {
                    List<String> header = new ArrayList<>();
                    for (String v : values) {
                        header.add(stripBom(v.strip()));
                    }
                    index = new int[columns.size()];
                    for (int i = 0; i < columns.size(); i++) {
                        index[i] = header.indexOf(columns.get(i));
                    }
                    continue;
                }
                List<@Nullable String> row = new ArrayList<>(columns.size());
                for (int i : index) {
                    String v = i < 0 || i >= values.length ? "" : values[i].strip();
                    row.add(v.isEmpty() ? null : v);
                }
                out.add(row);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(f.recordedName(), 0, null, null, "is not valid CSV: " + e.getMessage());
        }
        return out;
    }

    /** The rows of a Parquet table (columns already in the kind's order), stripped, empty values null. */
    private static List<List<@Nullable String>> textRows(@Nullable TextTable t) {
        if (t == null) {
            return List.of();
        }
        List<List<@Nullable String>> out = new ArrayList<>(t.rows().size());
        for (TextTable.Row r : t.rows()) {
            List<@Nullable String> row = new ArrayList<>(r.values().size());
            for (String v : r.values()) {
                String s = v.strip();
                row.add(s.isEmpty() ? null : s);
            }
            out.add(row);
        }
        return out;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** A parse step on a file's reader. */
    @FunctionalInterface
    private interface Parse<T> {
        T apply(Reader reader);
    }

    private static @Nullable LlfFile readD0265(ReferenceFile f, Problems problems) {
        try (Reader r = f.reader()) {
            return D0265Parser.read(r, f.recordedName(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + f, e);
        }
    }

    private static <T> T parse(ReferenceFile f, Parse<T> parse) {
        try (Reader r = f.reader()) {
            return parse.apply(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + f, e);
        }
    }
}
