package org.gbsettle.jobs.sample;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;

/**
 * A sample settlement day in a folder (layout in {@code sample-data/README.md}): its name (the folder's), the run of its
 * {@code run.properties} (settlement date, run type, data cut-off as a UTC instant, GSP groups) whose expected outputs
 * are in {@code expected/}, and where its reference and meter-data files are.
 */
public record SampleDay(
        String name,
        Path folder,
        LocalDate settlementDate,
        RunType runType,
        Instant dataCutoff,
        List<String> gspGroups) {

    /** The folder of a day's expected outputs that belong to no GSP group. */
    public static final String UNASSIGNED = "unassigned";

    public SampleDay {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        gspGroups = List.copyOf(gspGroups);
        if (gspGroups.isEmpty()) {
            throw new IllegalArgumentException("Sample day " + name + " has no GSP group");
        }
    }

    /**
     * The day in {@code folder}, from its {@code run.properties}.
     *
     * @throws GbSettleException if the folder has no readable {@code run.properties} or a value is missing or invalid
     */
    public static SampleDay read(Path folder) {
        Path file = folder.resolve("run.properties");
        if (!Files.isRegularFile(file)) {
            throw new GbSettleException("no sample day at " + folder + " (no run.properties there)");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new GbSettleException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return new SampleDay(
                    String.valueOf(folder.toAbsolutePath().normalize().getFileName()),
                    folder,
                    LocalDate.parse(required(p, "settlement_date", file)),
                    RunType.parse(required(p, "run_type", file)),
                    Instant.parse(required(p, "data_cutoff", file)),
                    Arrays.stream(required(p, "gsp_groups", file).split(","))
                            .map(String::strip)
                            .filter(g -> !g.isEmpty())
                            .toList());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new GbSettleException(file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new GbSettleException(file + ": no " + key);
        }
        return value.strip();
    }

    /** The folder of the day's reference files. */
    public Path referenceFolder() {
        return folder.resolve("reference");
    }

    /**
     * The day's meter-data Parquet files, by name.
     *
     * @throws GbSettleException if the {@code meter-data} folder cannot be listed
     */
    public List<Path> meterDataFiles() {
        Path dir = folder.resolve("meter-data");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new GbSettleException(dir + ": cannot be listed (" + e.getMessage() + ")", e);
        }
    }

    /** When the day's meter-data files are taken as received: a day (86,400 s) before the data cut-off. */
    public Instant receivedAt() {
        return dataCutoff.minus(1, ChronoUnit.DAYS);
    }

    /** The folder of the expected outputs of a GSP group, or of the rows of no group ({@link #UNASSIGNED}). */
    public Path expected(String group) {
        return folder.resolve("expected").resolve(group);
    }

    /**
     * The one-line description of a day: the first line of its README with the Markdown heading marks removed, or
     * null when there is none.
     */
    static @Nullable String description(List<String> readmeLines) {
        for (String line : readmeLines) {
            String text = line.replaceFirst("^#+", "").strip();
            if (!text.isEmpty()) {
                return text;
            }
        }
        return null;
    }

    /** The description of the day in {@code folder} from its README.md, or null when it has none. */
    public static @Nullable String description(Path folder) {
        Path readme = folder.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(readme, StandardCharsets.UTF_8)) {
            return description(lines.limit(20).toList());
        } catch (IOException e) {
            throw new GbSettleException(readme + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
