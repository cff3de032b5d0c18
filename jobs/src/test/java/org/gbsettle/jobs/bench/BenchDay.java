package org.gbsettle.jobs.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.ProfileCoefficients;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader.ColumnType;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceDirectory;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.TextTable;
import org.gbsettle.refdata.take.CdcaI029Parser;
import org.gbsettle.refdata.take.TakeFile;
import org.jspecify.annotations.Nullable;

/**
 * A settlement-day folder in the sample-day layout (DIR/run.properties, DIR/reference/, DIR/meter-data/*.parquet)
 * loaded into what the engine reads: the run (date, type, number, cut-off, GSP groups), the reference data, the
 * registrations effective on the date per GSP group, and the take per GSP group.
 *
 * <p>The reference folder is read by the application's parsers ({@link ReferenceDirectory} for the CSV, D0265 and
 * shipped-format files); {@code registrations.parquet} and {@code profile_coefficients.parquet}, when present instead
 * of their CSV, by {@link ReferenceParquetReader} and the CSV parsers' row rules, as {@code load-reference} reads them.
 *
 * @param day the folder and its run
 * @param runNumber the run number of {@code run.properties} (1 when absent)
 * @param reference the reference data
 * @param systems every registration of the folder
 * @param groups per GSP group of the run: its registrations (all dates) and its take
 */
public record BenchDay(
        SampleDay day, int runNumber, ReferenceData reference, MeteringSystems systems, Map<GspGroup, Group> groups) {

    /**
     * One GSP group of the run.
     *
     * @param systems the group's registrations (all dates)
     * @param take the group's take on the date (all periods missing if the folder has none)
     */
    public record Group(MeteringSystems systems, GspGroupTake take) {}

    private static final String REGISTRATIONS_PARQUET = "registrations.parquet";
    private static final String COEFFICIENTS_PARQUET = "profile_coefficients.parquet";

    public BenchDay {
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /** The settlement date. */
    public LocalDate date() {
        return day.settlementDate();
    }

    /** The run context of one GSP group. */
    public RunContext context(GspGroup group) {
        return new RunContext(
                SettlementDate.of(day.settlementDate()), day.runType(), runNumber, group, day.dataCutoff());
    }

    /**
     * Loads a day folder.
     *
     * @throws org.gbsettle.refdata.ReferenceFileException if a reference file breaks its format
     */
    public static BenchDay load(Path folder) {
        SampleDay day = SampleDay.read(folder);
        Path ref = day.referenceFolder();
        ReferenceDirectory dir = ReferenceDirectory.load(ref);
        Set<GspGroup> known = dir.gspGroupIds();
        Problems problems = new Problems();
        ReferenceData reference = dir.referenceData();
        Path coefficients = ref.resolve(COEFFICIENTS_PARQUET);
        if (Files.isRegularFile(coefficients)) {
            TextTable t = parquet(coefficients, columns(ProfileCoefficientsCsv.COLUMNS, PROFILE_TYPES), problems);
            if (t != null) {
                reference = withCoefficients(reference, ProfileCoefficientsCsv.read(t, known, problems));
            }
        }
        MeteringSystems systems = dir.meteringSystems();
        Path registrations = ref.resolve(REGISTRATIONS_PARQUET);
        if (Files.isRegularFile(registrations)) {
            systems = MeteringSystems.of(registrations(registrations, known, problems));
        }
        Map<GspGroup, GspGroupTake> takes = new TreeMap<>();
        SettlementDate date = SettlementDate.of(day.settlementDate());
        for (Path f : ReferenceDirectory.filesWithExtension(ref, ".i029")) {
            TakeFile file = CdcaI029Parser.read(f, known, problems);
            for (TakeFile.Block b : file.blocks()) {
                if (b.date().equals(date)) {
                    takes.put(b.group(), b.take());
                }
            }
        }
        problems.throwIfAny();

        Map<GspGroup, List<Registration>> byGroup = new TreeMap<>();
        for (String id : day.gspGroups()) {
            byGroup.put(GspGroup.of(id), new ArrayList<>());
        }
        for (Registration r : systems.all()) {
            List<Registration> list = byGroup.get(r.gspGroup());
            if (list != null) {
                list.add(r);
            }
        }
        Map<GspGroup, Group> groups = new LinkedHashMap<>();
        for (Map.Entry<GspGroup, List<Registration>> e : byGroup.entrySet()) {
            GspGroupTake take = takes.get(e.getKey());
            groups.put(
                    e.getKey(),
                    new Group(
                            MeteringSystems.of(e.getValue()),
                            take != null
                                    ? take
                                    : GspGroupTake.builder(e.getKey(), date, 0).build()));
        }
        return new BenchDay(day, runNumber(folder), reference, systems, groups);
    }

    /**
     * The BM unit a registration's volume goes to on the date (domain.md §4 step 4): the registered unit when it is a
     * supplier unit of the registration's supplier and GSP group in force on the date, else the supplier's default
     * unit in the group; null if the supplier has none (the engine fails such a run).
     */
    public static @Nullable BmUnitId bmUnitOf(Registration r, List<BmUnit> groupUnitsOnDate) {
        BmUnitId fallback = null;
        for (BmUnit u : groupUnitsOnDate) {
            if (!u.supplier().equals(r.supplier())) {
                continue;
            }
            if (u.id().equals(r.bmUnit())) {
                return u.id();
            }
            if (u.defaultUnit()) {
                fallback = u.id();
            }
        }
        return fallback;
    }

    private static final Map<String, ColumnType> REGISTRATION_TYPES = Map.of(
            "mpan_core", ColumnType.MPAN,
            "distributor_short_code", ColumnType.INTEGER,
            "domestic", ColumnType.FLAG,
            "annual_consumption_kwh", ColumnType.NUMBER,
            "profile_class", ColumnType.INTEGER,
            "effective_from", ColumnType.DATE,
            "effective_to", ColumnType.DATE);

    private static final Map<String, ColumnType> PROFILE_TYPES = Map.of(
            "profile_class", ColumnType.INTEGER,
            "settlement_date", ColumnType.DATE,
            "settlement_period", ColumnType.INTEGER,
            "coefficient", ColumnType.NUMBER);

    /** The columns of a Parquet reference file as {@code load-reference} accepts them (ParquetColumns). */
    private static Map<String, ColumnType> columns(List<String> names, Map<String, ColumnType> typed) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, typed.getOrDefault(n, ColumnType.STRING));
        }
        return out;
    }

    /**
     * The registrations of a Parquet file, read as {@code load-reference} reads it (50,000 rows at a time, the CSV
     * rules), with the values many registrations have in common shared, so that a GB day's 33.8M registrations fit
     * in a few GiB.
     */
    private static List<Registration> registrations(Path file, Set<GspGroup> known, Problems problems) {
        List<Registration> out = new ArrayList<>();
        Map<Object, Object> shared = new java.util.HashMap<>();
        try {
            ReferenceParquetReader.read(
                    file.toString(),
                    ReferenceParquetReader.Source.of(file, Files.size(file)),
                    columns(RegistrationsCsv.COLUMNS, REGISTRATION_TYPES),
                    problems,
                    50_000,
                    chunk -> {
                        for (Registration r : RegistrationsCsv.read(chunk, known, problems)) {
                            out.add(new Registration(
                                    r.mpan(),
                                    share(shared, r.supplier()),
                                    r.bmUnit() == null ? null : share(shared, r.bmUnit()),
                                    share(shared, r.llfc()),
                                    share(shared, r.gspGroup()),
                                    r.measurementClass(),
                                    r.marketSegment(),
                                    r.connectionType(),
                                    r.domestic(),
                                    r.energised(),
                                    r.direction(),
                                    r.regime(),
                                    r.annualConsumptionKwh() == null ? null : share(shared, r.annualConsumptionKwh()),
                                    r.profileClass(),
                                    r.ssc() == null ? null : share(shared, r.ssc()),
                                    share(shared, r.effective())));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T share(Map<Object, Object> shared, T value) {
        return (T) shared.computeIfAbsent(value, v -> v);
    }

    private static @Nullable TextTable parquet(Path file, Map<String, ColumnType> columns, Problems problems) {
        try {
            return ReferenceParquetReader.read(file.toString(), Files.readAllBytes(file), columns, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static ReferenceData withCoefficients(ReferenceData r, ProfileCoefficients coefficients) {
        return ReferenceData.builder()
                .gspGroups(r.gspGroups())
                .parties(r.parties())
                .consumptionComponentClasses(r.consumptionComponentClasses())
                .scalingWeights(r.scalingWeights())
                .bmUnits(r.bmUnits())
                .lineLossFactors(r.lineLossFactors())
                .profileCoefficients(coefficients)
                .hhDefaultEacs(r.hhDefaultEacs())
                .version(r.version() + "+" + COEFFICIENTS_PARQUET)
                .build();
    }

    private static int runNumber(Path folder) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("run.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(p.getProperty("run_number", "1").strip());
    }
}
