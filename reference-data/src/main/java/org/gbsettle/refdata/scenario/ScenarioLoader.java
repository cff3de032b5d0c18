package org.gbsettle.refdata.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceDirectory;
import org.gbsettle.refdata.ReferenceFileException;
import org.gbsettle.refdata.csv.LoadShapesCsv;
import org.gbsettle.refdata.csv.MeterReadsCsv;
import org.gbsettle.refdata.csv.MeterReadsFile;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.take.CdcaI029Parser;
import org.gbsettle.refdata.take.TakeFile;
import org.jspecify.annotations.Nullable;

/**
 * Loads a golden scenario folder ({@code given_<case>/}) into the engine's inputs. The {@code when/} folder holds:
 *
 * <ul>
 *   <li>{@code run.properties}: the run and its configuration ({@link RunProperties});
 *   <li>the reference files of {@link ReferenceDirectory}: {@code ccc.csv}, {@code scaling_weights.csv}, {@code
 *       bm_units.csv}, {@code *.D0265} and, optionally, {@code gsp_groups.csv} (else the shipped fourteen), {@code
 *       bsc_parties.csv}, {@code profile_coefficients.csv}, {@code hh_default_eac.csv}, {@code llfc_site_specific.csv};
 *   <li>{@code registrations.csv} and {@code meter_reads.csv} (required);
 *   <li>{@code *.I029}: CDCA-I029 take files, usually one {@code take.I029}; the block of the run's group and date is
 *       the take (none: every period missing, which the calculation reports as {@code MISSING_TAKE});
 *   <li>optionally {@code load_shape_period.csv} and {@code load_shape_totals.csv}: published load shapes.
 * </ul>
 *
 * <p>Meter rows without {@code received_at} are taken as received at the Unix epoch (before any cut-off). Every format
 * problem of every file is collected and thrown as one {@link ReferenceFileException}.
 */
public final class ScenarioLoader {

    /** The inputs folder of a scenario. */
    public static final String WHEN = "when";

    /** The expected-results folder of a scenario. */
    public static final String THEN = "then";

    /** Receipt time of meter rows that give none. */
    public static final Instant DEFAULT_RECEIVED_AT = Instant.EPOCH;

    private ScenarioLoader() {}

    /**
     * Loads a scenario folder.
     *
     * @throws ReferenceFileException listing every format problem, or a missing required file
     * @throws ReferenceDataConflictException listing every overlap of effective ranges
     */
    public static Scenario load(Path scenarioDir) {
        Path when = scenarioDir.resolve(WHEN);
        if (!Files.isDirectory(when)) {
            throw new ReferenceFileException(
                    scenarioDir.getFileName() + "/" + WHEN,
                    0,
                    null,
                    null,
                    "is missing: a scenario keeps its inputs there");
        }
        Problems problems = new Problems();
        for (String required : List.of(RunProperties.FILE_NAME, RegistrationsCsv.FILE_NAME, MeterReadsCsv.FILE_NAME)) {
            if (!Files.isRegularFile(when.resolve(required))) {
                problems.add(required, 0, null, null, "required scenario file is missing from " + when);
            }
        }
        ReferenceDirectory reference = null;
        try {
            reference = ReferenceDirectory.load(when);
        } catch (ReferenceFileException e) {
            problems.addAll(e);
        }
        Set<GspGroup> known = reference == null ? Set.copyOf(GspGroups.ALL) : reference.gspGroupIds();
        RunProperties run = null;
        Path runFile = when.resolve(RunProperties.FILE_NAME);
        if (Files.isRegularFile(runFile)) {
            try {
                run = RunProperties.parse(runFile, known);
            } catch (ReferenceFileException e) {
                problems.addAll(e);
            }
        }
        if (run == null || reference == null) {
            problems.throwIfAny();
            throw new IllegalStateException("unreachable: no run or reference data yet no problem");
        }
        RunContext context = run.context();
        SettlementDate date = context.settlementDate();

        MeterReadsFile reads =
                MeterReadsCsv.read(when.resolve(MeterReadsCsv.FILE_NAME), date, DEFAULT_RECEIVED_AT, problems);
        GspGroupTake take = take(when, context, known, problems);
        PublishedLoadShapes shapes = LoadShapesCsv.read(
                existing(when.resolve(LoadShapesCsv.PERIOD_FILE_NAME)),
                existing(when.resolve(LoadShapesCsv.TOTALS_FILE_NAME)),
                context.gspGroup(),
                date,
                known,
                problems);
        problems.throwIfAny();

        RunInputs inputs = new RunInputs(
                context, run.config(), reference.meteringSystems(), reads.reads(), take, shapes, List.of());
        return new Scenario(
                scenarioDir.getFileName().toString(), scenarioDir, inputs, reference.referenceData(), reads.rejected());
    }

    private static GspGroupTake take(Path when, RunContext context, Set<GspGroup> known, Problems problems) {
        Map<String, String> firstFile = new HashMap<>();
        GspGroupTake found = null;
        for (Path f : ReferenceDirectory.filesWithExtension(when, ".i029")) {
            TakeFile file = CdcaI029Parser.read(f, known, problems);
            for (TakeFile.Block b : file.blocks()) {
                String key = b.group() + "@" + b.date();
                String other = firstFile.putIfAbsent(key, file.fileName());
                if (other != null) {
                    problems.add(
                            file.fileName(),
                            b.line(),
                            "AGV",
                            null,
                            "a second block for " + b.group() + " " + b.date() + " (the first is in " + other + ")");
                } else if (b.group().equals(context.gspGroup()) && b.date().equals(context.settlementDate())) {
                    found = b.take();
                }
            }
        }
        return found != null
                ? found
                : GspGroupTake.builder(context.gspGroup(), context.settlementDate(), 0)
                        .build();
    }

    private static @Nullable Path existing(Path p) {
        return Files.isRegularFile(p) ? p : null;
    }

    /** The {@code given_*} folders of a scenarios folder, by name. */
    public static List<Path> scenarios(Path scenariosRoot) {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(scenariosRoot)) {
            s.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith("given_"))
                    .sorted()
                    .forEach(out::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot list scenarios in " + scenariosRoot, e);
        }
        return out;
    }
}
