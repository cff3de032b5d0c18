package org.gbsettle.refdata.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationConfig.CorrectionMode;
import org.gbsettle.engine.run.CalculationConfig.LlfFallback;
import org.gbsettle.engine.run.CalculationConfig.LoadShapeSource;
import org.gbsettle.engine.run.CalculationConfig.SelectionPolicy;
import org.gbsettle.engine.run.CalculationConfig.ZeroDenominatorPolicy;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.jspecify.annotations.Nullable;

/**
 * A scenario's {@code when/run.properties}: what run to calculate and how, one {@code key=value} per line, {@code #}
 * comments. Required: {@code settlement_date} (YYYY-MM-DD), {@code run_type}, {@code run_number}, {@code gsp_group},
 * {@code data_cutoff} (ISO instant). Optional, defaulting to {@link CalculationConfig#defaults()}: {@code
 * correction.mode} (SINGLE|IMPORT_EXPORT), {@code correction.onZeroCorrectableVolume} (WARN|FAIL), {@code
 * correction.cfBandLow}, {@code correction.cfBandHigh}, {@code rounding.balanceToTake} (true|false), {@code selection}
 * (ACTUAL_BEATS_ESTIMATE|LATEST_WINS), {@code estimation.methods} (comma list of LOAD_SHAPE_RECENT,
 * LOAD_SHAPE_ANNUAL, PROFILE_COEFFICIENT, MARKET_DEFAULT; empty for none), {@code loadShape.source}
 * (COMPUTED|PUBLISHED), {@code loadShape.minSample} (1 or more), {@code llf.fallback} (NONE|PREVIOUS_YEAR|UNITY).
 * Unknown keys are errors, so that a misspelt option cannot be silently ignored.
 */
public record RunProperties(RunContext context, CalculationConfig config) {

    /** The conventional file name. */
    public static final String FILE_NAME = "run.properties";

    private static final List<String> REQUIRED =
            List.of("settlement_date", "run_type", "run_number", "gsp_group", "data_cutoff");
    private static final List<String> OPTIONAL = List.of(
            "correction.mode",
            "correction.onZeroCorrectableVolume",
            "correction.cfBandLow",
            "correction.cfBandHigh",
            "rounding.balanceToTake",
            "selection",
            "estimation.methods",
            "loadShape.source",
            "loadShape.minSample",
            "llf.fallback",
            "outlier.ratio");

    public RunProperties {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(config, "config");
    }

    /**
     * Reads a file on disk; {@code knownGroups} are the GSP groups the run may be for.
     *
     * @throws ReferenceFileException listing every problem
     */
    public static RunProperties parse(Path path, Set<GspGroup> knownGroups) {
        String name = path.getFileName().toString();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(r, name, knownGroups);
        } catch (IOException | UncheckedIOException e) {
            throw new ReferenceFileException(name, 0, null, null, "cannot be read: " + e);
        }
    }

    /**
     * Reads a properties text.
     *
     * @throws ReferenceFileException listing every problem
     */
    public static RunProperties parse(Reader reader, String fileName, Set<GspGroup> knownGroups) {
        Problems problems = new Problems();
        Map<String, Entry> entries = entries(reader, fileName, problems);
        Reading r = new Reading(fileName, entries, problems);
        for (String key : REQUIRED) {
            if (!entries.containsKey(key)) {
                problems.add(fileName, 0, null, key, "required key is missing");
            }
        }
        SettlementDate date = r.get("settlement_date", s -> SettlementDate.of(Fields.isoDate(s)));
        RunType runType = r.get("run_type", RunType::parse);
        Integer runNumber = r.get("run_number", s -> Fields.integer(s, 1, 9_999_999));
        GspGroup group = r.get("gsp_group", s -> Fields.gspGroup(s, knownGroups));
        Instant cutoff = r.get("data_cutoff", Fields::instant);

        CalculationConfig d = CalculationConfig.defaults();
        CorrectionMode mode = r.get("correction.mode", s -> value(CorrectionMode.class, s));
        ZeroDenominatorPolicy zero =
                r.get("correction.onZeroCorrectableVolume", s -> value(ZeroDenominatorPolicy.class, s));
        BigDecimal low = r.get("correction.cfBandLow", Fields::decimal);
        BigDecimal high = r.get("correction.cfBandHigh", Fields::decimal);
        Boolean balance = r.get("rounding.balanceToTake", RunProperties::bool);
        SelectionPolicy selection = r.get("selection", s -> value(SelectionPolicy.class, s));
        List<EstimationMethod> methods = r.get("estimation.methods", RunProperties::methods);
        LoadShapeSource source = r.get("loadShape.source", s -> value(LoadShapeSource.class, s));
        Integer minSample = r.get("loadShape.minSample", s -> Fields.integer(s, 1, Integer.MAX_VALUE));
        LlfFallback fallback = r.get("llf.fallback", s -> value(LlfFallback.class, s));
        BigDecimal outlier = r.get("outlier.ratio", Fields::decimal);
        problems.throwIfAny();

        CalculationConfig config;
        try {
            config = new CalculationConfig(
                    mode == null ? d.correctionMode() : mode,
                    zero == null ? d.onZeroCorrectableVolume() : zero,
                    low == null ? d.cfBandLow() : low,
                    high == null ? d.cfBandHigh() : high,
                    selection == null ? d.selection() : selection,
                    methods == null ? d.estimationMethods() : methods,
                    source == null ? d.loadShapeSource() : source,
                    minSample == null ? d.loadShapeMinSample() : minSample,
                    d.daysPerYear(),
                    d.recentMinDays(),
                    fallback == null ? d.llfFallback() : fallback,
                    balance == null ? d.balanceToTake() : balance,
                    d.outOfRangeCapWh(),
                    outlier == null ? d.outlierRatio() : outlier);
        } catch (IllegalArgumentException e) {
            throw new ReferenceFileException(fileName, 0, null, null, String.valueOf(e.getMessage()));
        }
        RunContext context = new RunContext(
                Objects.requireNonNull(date),
                Objects.requireNonNull(runType),
                Objects.requireNonNull(runNumber),
                Objects.requireNonNull(group),
                Objects.requireNonNull(cutoff));
        return new RunProperties(context, config);
    }

    private record Entry(long line, String value) {}

    private static Map<String, Entry> entries(Reader reader, String fileName, Problems problems) {
        Map<String, Entry> out = new LinkedHashMap<>();
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> known = new ArrayList<>(REQUIRED);
        known.addAll(OPTIONAL);
        try {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
                    continue;
                }
                int eq = text.indexOf('=');
                if (eq < 0) {
                    problems.add(fileName, n, null, null, "'" + text + "' is not key=value");
                    continue;
                }
                String key = text.substring(0, eq).strip();
                String value = text.substring(eq + 1).strip();
                if (!known.contains(key)) {
                    problems.add(fileName, n, null, key, "unknown key; the keys are " + String.join(", ", known));
                    continue;
                }
                Entry first = out.putIfAbsent(key, new Entry(n, value));
                if (first != null) {
                    problems.add(fileName, n, null, key, "given twice (first at line " + first.line + ")");
                }
            }
        } catch (IOException e) {
            problems.add(fileName, 0, null, null, "cannot be read: " + e);
        }
        return out;
    }

    /** Parses entries, recording problems with their line. */
    private record Reading(String file, Map<String, Entry> entries, Problems problems) {
        <T> @Nullable T get(String key, Function<String, T> parser) {
            Entry e = entries.get(key);
            if (e == null) {
                return null;
            }
            try {
                return parser.apply(e.value);
            } catch (IllegalArgumentException ex) {
                String m = ex.getMessage();
                problems.add(file, e.line, null, key, m == null ? "'" + e.value + "' is not valid" : m);
                return null;
            }
        }
    }

    private static <E extends Enum<E>> E value(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", names), e);
        }
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static List<EstimationMethod> methods(String text) {
        List<EstimationMethod> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            EstimationMethod m = value(EstimationMethod.class, part.strip());
            if (out.contains(m)) {
                throw new IllegalArgumentException("'" + text + "' lists " + m + " twice");
            }
            out.add(m);
        }
        return out;
    }
}
