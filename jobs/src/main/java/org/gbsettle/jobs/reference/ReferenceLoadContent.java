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
import org.gbsettle.refdata.csv.CsvChunks;
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
 * The content of one reference load, parsed with the reference-data parsers under each file's recorded name ({@code
 * origin/name}, so messages say which folder). The files held whole (all but two kinds) are parsed at once: their
 * CSV rows as text in their table's column order, the line loss factors per class, date and period (D0265 files
 * combined as {@link LlfFiles#combine} does), the take blocks (CDCA-I029), their format problems and their overlaps
 * of effective ranges (REFDATA_CONFLICT). Registrations and profile coefficients, which may have millions of rows
 * (33.8M metering systems in GB), are {@linkplain #stream streamed}: read, checked by their CSV parser's rules (a
 * Parquet file rendered as text) and handed on a chunk at a time, their problems added to the load's. Not
 * thread-safe: the problems collect as the streamed files are read.
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

    /**
     * One chunk of a streamed file's rows, checked.
     *
     * @param rows the rows as text in {@link ReferenceFileKind#columns()} order (null for an empty value), every row
     *     of the chunk that has the header's width (a row the rules refused included: the load fails then anyway)
     * @param registrations the registrations the rules accepted (empty for profile coefficients)
     */
    public record Chunk(List<List<@Nullable String>> rows, List<Registration> registrations) {}

    /** Takes the chunks of a streamed file. */
    @FunctionalInterface
    public interface ChunkSink {
        /** Takes one chunk, in file order. */
        void accept(Chunk chunk);
    }

    /** Rows of a streamed file checked (and written) at a time. */
    static final int CHUNK_ROWS = 50_000;

    /** Problems a load keeps to report; more are only counted. */
    static final int PROBLEMS_KEPT = 1_000;

    /** The kinds streamed in chunks rather than held whole: the ones that may have millions of rows. */
    private static final Set<ReferenceFileKind> STREAMED =
            Set.of(ReferenceFileKind.REGISTRATIONS, ReferenceFileKind.PROFILE_COEFFICIENTS);

    private final List<ReferenceFile> files;
    private final Map<ReferenceFileKind, List<List<@Nullable String>>> csvRows;
    private final List<ReferenceFile> streamed;
    private final Set<GspGroup> known;
    private final List<LlfDay> llfDays;
    private final List<TakeBlock> takes;
    private final Problems problems;
    private final List<String> conflicts;

    private ReferenceLoadContent(
            List<ReferenceFile> files,
            Map<ReferenceFileKind, List<List<@Nullable String>>> csvRows,
            List<ReferenceFile> streamed,
            Set<GspGroup> known,
            List<LlfDay> llfDays,
            List<TakeBlock> takes,
            Problems problems,
            List<String> conflicts) {
        this.files = files;
        this.csvRows = csvRows;
        this.streamed = streamed;
        this.known = known;
        this.llfDays = llfDays;
        this.takes = takes;
        this.problems = problems;
        this.conflicts = conflicts;
    }

    /**
     * Parses and checks the files of a load, the streamed ones (registrations, profile coefficients) included, without
     * writing anything: for checking a load in memory. The overlaps of registrations are checked in memory too.
     *
     * @throws ReferenceFileException listing every format problem of every file
     * @throws ReferenceDataConflictException listing every overlap of effective ranges
     */
    public static ReferenceLoadContent check(List<ReferenceFile> files) {
        ReferenceLoadContent content = parse(files);
        List<Registration> registrations = new ArrayList<>();
        for (ReferenceFile f : content.streamed()) {
            content.stream(f, content.problems(), chunk -> registrations.addAll(chunk.registrations()));
        }
        content.problems().throwIfAny();
        List<String> conflicts = new ArrayList<>(content.conflicts());
        try {
            MeteringSystems.of(registrations);
        } catch (ReferenceDataConflictException e) {
            conflicts.addAll(e.conflicts());
        }
        if (!conflicts.isEmpty()) {
            throw new ReferenceDataConflictException(conflicts);
        }
        return content;
    }

    /**
     * Parses and checks the files of a load that are held whole (all but registrations and profile coefficients, which
     * are {@linkplain #stream streamed}), collecting their format problems in {@link #problems()} (nothing is thrown)
     * and, when there are none, the overlaps of their effective ranges in {@link #conflicts()}.
     */
    public static ReferenceLoadContent parse(List<ReferenceFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("A reference load needs at least one file");
        }
        Problems problems = Problems.keepingAtMost(PROBLEMS_KEPT);
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
        List<ReferenceFile> streamed = new ArrayList<>();
        for (Map.Entry<ReferenceFileKind, ReferenceFile> e : csv.entrySet()) {
            ReferenceFile f = e.getValue();
            String n = f.recordedName();
            if (f.isParquet() && ParquetColumns.of(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("A " + e.getKey().code() + " file cannot be Parquet: " + f);
            }
            if (STREAMED.contains(e.getKey())) {
                streamed.add(f);
                continue;
            }
            switch (e.getKey()) {
                case CCC -> b.consumptionComponentClasses(parse(f, r -> CccCsv.read(r, n, problems)));
                case SCALING_WEIGHTS -> b.scalingWeights(parse(f, r -> ScalingWeightsCsv.read(r, n, problems)));
                case BSC_PARTIES -> b.parties(parse(f, r -> BscPartiesCsv.read(r, n, problems)));
                case BM_UNITS -> b.bmUnits(parse(f, r -> BmUnitsCsv.read(r, n, known, problems)));
                case HH_DEFAULT_EAC -> b.hhDefaultEacs(parse(f, r -> HhDefaultEacCsv.read(r, n, problems)));
                case LLFC_SITE_SPECIFIC -> siteSpecific = parse(f, r -> LlfcSiteSpecificCsv.read(r, n, problems));
                default -> {
                    // the groups are read above, registrations and profile coefficients streamed
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
            if (!STREAMED.contains(e.getKey())) {
                rows.put(e.getKey(), rawRows(e.getValue(), problems));
            }
        }
        if (!problems.isEmpty()) {
            return new ReferenceLoadContent(
                    List.copyOf(files), rows, List.copyOf(streamed), known, List.of(), List.of(), problems, List.of());
        }

        LineLossFactors combined = LlfFiles.combine(llfFiles, siteSpecific);
        b.lineLossFactors(combined);
        List<String> conflicts = new ArrayList<>();
        try {
            b.build();
        } catch (ReferenceDataConflictException e) {
            e.conflicts().forEach(c -> conflicts.add(ConflictLines.located(c, csv)));
        }
        return new ReferenceLoadContent(
                List.copyOf(files),
                rows,
                List.copyOf(streamed),
                known,
                llfDays(llfFiles, combined, byParsedName),
                List.copyOf(takes),
                problems,
                List.copyOf(conflicts));
    }

    /** The files of the load. */
    public List<ReferenceFile> files() {
        return files;
    }

    /** The files read in chunks by {@link #stream}: registrations and profile coefficients, CSV or Parquet. */
    public List<ReferenceFile> streamed() {
        return streamed;
    }

    /**
     * The format problems found so far: those of the files held whole after {@link #parse}, then those each
     * {@link #stream} given these problems adds. Keeps the first {@value #PROBLEMS_KEPT}, counts the rest.
     */
    public Problems problems() {
        return problems;
    }

    /**
     * The overlaps of effective ranges among the files held whole (REFDATA_CONFLICT), one line each; empty when they
     * have format problems (which are reported instead). The registrations' overlaps are the writer's to find.
     */
    public List<String> conflicts() {
        return conflicts;
    }

    /**
     * The rows of a CSV kind held whole as text in {@link ReferenceFileKind#columns()} order (null for an empty
     * value); none for a streamed kind.
     */
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

    /**
     * Reads a streamed file a chunk of at most {@value #CHUNK_ROWS} rows at a time, checks each chunk by its CSV
     * parser's rules (a Parquet file's values rendered as the CSV's text), adding every problem to {@code problems},
     * and hands each chunk on; memory holds one chunk, never the file.
     *
     * @param f one of {@link #streamed()}
     * @return the rows handed on
     */
    public long stream(ReferenceFile f, Problems problems, ChunkSink sink) {
        if (!streamed.contains(f)) {
            throw new IllegalArgumentException("Not a streamed file of this load: " + f);
        }
        ReferenceFileKind kind = f.kind();
        long[] count = {0};
        java.util.function.Consumer<TextTable> onChunk = t -> {
            List<Registration> registrations = kind == ReferenceFileKind.REGISTRATIONS
                    ? RegistrationsCsv.read(t, known, problems)
                    : checkCoefficients(t, problems);
            List<List<@Nullable String>> rows = textRows(t, kind.columns());
            count[0] += rows.size();
            sink.accept(new Chunk(rows, registrations));
        };
        if (f.isParquet()) {
            Map<String, ColumnType> columns = ParquetColumns.of(kind).orElseThrow();
            ReferenceParquetReader.read(f.recordedName(), f.source(), columns, problems, CHUNK_ROWS, onChunk);
        } else {
            try (Reader r = f.reader()) {
                CsvChunks.read(r, f.recordedName(), kind.columns(), problems, CHUNK_ROWS, onChunk);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + f, e);
            }
        }
        return count[0];
    }

    private List<Registration> checkCoefficients(TextTable t, Problems problems) {
        ProfileCoefficientsCsv.read(t, known, problems);
        return List.of();
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

    /**
     * The rows of a chunk as the stripped text of the kind's columns, empty values null; a registration's {@code
     * profile_class} of 0 (the rules' other way of saying half-hourly) null too, as the table holds no class for HH.
     */
    private static List<List<@Nullable String>> textRows(TextTable t, List<String> columns) {
        int[] index = new int[columns.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = t.columns().indexOf(columns.get(i));
        }
        int profileClass =
                columns.equals(ReferenceFileKind.REGISTRATIONS.columns()) ? columns.indexOf("profile_class") : -1;
        List<List<@Nullable String>> out = new ArrayList<>(t.rows().size());
        for (TextTable.Row r : t.rows()) {
            List<String> values = r.values();
            @Nullable String[] row = new String[index.length];
            for (int i = 0; i < index.length; i++) {
                String s = index[i] < 0 ? "" : values.get(index[i]).strip();
                row[i] = s.isEmpty() || (i == profileClass && zero(s)) ? null : s;
            }
            out.add(Arrays.asList(row));
        }
        return out;
    }

    private static boolean zero(String s) {
        try {
            return Integer.parseInt(s) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
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
