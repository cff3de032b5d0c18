package org.gbsettle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.calendar.BankHolidayCsv;
import org.gbsettle.refdata.calendar.CalendarFileException;
import org.gbsettle.refdata.calendar.RegimeSwitchCsv;
import org.gbsettle.refdata.calendar.RunOffsetCsv;
import org.gbsettle.refdata.calendar.SettlementCalendarCsv;
import org.gbsettle.refdata.csv.BmUnitsCsv;
import org.gbsettle.refdata.csv.BscPartiesCsv;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.MeterReadsCsv;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;
import org.gbsettle.refdata.llf.D0265Parser;
import org.gbsettle.refdata.take.CdcaI029Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random mutation fuzzing of the text parsers: each valid sample file (the winter sample day's reference
 * folder, the shipped calendars) is mutated {@value #CASES} times by byte flips, byte insertions and deletions,
 * truncation, line duplication, deletion and swaps, and field swaps within a line; every parse must either succeed or
 * throw the parser's documented error ({@link ReferenceFileException}, {@link CalendarFileException} for the
 * calendars). Anything else fails the test naming the parser, the seed and the mutated input, so a failure reproduces
 * with {@link #mutate(byte[], long)} alone.
 */
class ParserFuzzTest {

    /** Mutated inputs per parser. */
    static final int CASES = 2000;

    /** Characters that matter to the formats: digits, separators, signs, line ends, quotes. */
    private static final String SPECIAL = "0123456789,|-.:\n\r\"eE+ ";

    private static final Path WINTER = Path.of("..", "sample-data", "2026-01-15_normal_winter_day", "reference");

    private static final Path SHIPPED = Path.of("src", "main", "resources", "org", "gbsettle", "refdata");

    /** A parser under test: its name, the valid seed input, the call and the documented error type. */
    record Target(String name, byte[] valid, Consumer<String> parse, Class<? extends RuntimeException> documented) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> targets() throws IOException {
        SettlementDate date = SettlementDate.of(2026, 1, 15);
        Instant received = Instant.parse("2026-01-17T06:00:00Z");
        List<Target> targets = List.of(
                ref("D0265", WINTER.resolve("LLFEELC20260115PTF1.D0265"), s -> D0265Parser.parse(reader(s), "f")),
                ref(
                        "CDCA-I029",
                        WINTER.resolve("CDCA-I029_20260115_SF.I029"),
                        s -> CdcaI029Parser.parse(reader(s), "f")),
                ref("bm_units.csv", WINTER.resolve("bm_units.csv"), s -> BmUnitsCsv.parse(reader(s), "f")),
                ref("bsc_parties.csv", WINTER.resolve("bsc_parties.csv"), s -> BscPartiesCsv.parse(reader(s), "f")),
                ref("ccc.csv", WINTER.resolve("ccc.csv"), s -> CccCsv.parse(reader(s), "f")),
                ref("gsp_groups.csv", WINTER.resolve("gsp_groups.csv"), s -> GspGroupsCsv.parse(reader(s), "f")),
                ref(
                        "hh_default_eac.csv",
                        WINTER.resolve("hh_default_eac.csv"),
                        s -> HhDefaultEacCsv.parse(reader(s), "f")),
                ref(
                        "profile_coefficients.csv",
                        head(WINTER.resolve("profile_coefficients.csv"), 120),
                        s -> ProfileCoefficientsCsv.parse(reader(s), "f")),
                ref(
                        "registrations.csv",
                        head(WINTER.resolve("registrations.csv"), 60),
                        s -> RegistrationsCsv.parse(reader(s), "f")),
                ref(
                        "scaling_weights.csv",
                        WINTER.resolve("scaling_weights.csv"),
                        s -> ScalingWeightsCsv.parse(reader(s), "f")),
                ref(
                        "meter_reads.csv",
                        ("mpan,settlement_date,settlement_period,measurement_quantity,kwh,quality,received_at\n"
                                        + "1001059165040,2026-01-15,1,AI,1.250,A,2026-01-16T06:00:00Z\n"
                                        + "1001059165040,2026-01-15,2,AI,0.500,E,\n"
                                        + "1101025624114,2026-01-15,48,AE,12.345,A,2026-01-16T06:00:00Z\n")
                                .getBytes(StandardCharsets.UTF_8),
                        s -> MeterReadsCsv.parse(reader(s), "f", date, received)),
                cal(
                        "bank_holidays_england_wales.csv",
                        SHIPPED.resolve("bank_holidays_england_wales.csv"),
                        s -> BankHolidayCsv.parse(reader(s), "f")),
                cal(
                        "run_timetable_offsets.csv",
                        SHIPPED.resolve("run_timetable_offsets.csv"),
                        s -> RunOffsetCsv.parse(reader(s), "f")),
                cal(
                        "timetable_regime_switch.csv",
                        SHIPPED.resolve("timetable_regime_switch.csv"),
                        s -> RegimeSwitchCsv.parse(reader(s), "f")),
                cal(
                        "svaa_calendar.csv",
                        ("settlement_date,run_type,planned_run_date,data_cutoff\n"
                                        + "2026-01-15,SF,2026-01-26,2026-01-24T00:00:00Z\n"
                                        + "2026-01-15,II,2026-01-21,2026-01-21T00:00:00Z\n")
                                .getBytes(StandardCharsets.UTF_8),
                        s -> SettlementCalendarCsv.parse(reader(s), "f")));
        return targets.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void a_mutated_file_parses_or_fails_with_the_documented_error_only(Target target) {
        // the valid file itself parses
        target.parse().accept(new String(target.valid(), StandardCharsets.UTF_8));
        long base = target.name().hashCode() * 1_000_003L;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = base + i;
            String input = new String(mutate(target.valid(), seed), StandardCharsets.UTF_8);
            try {
                target.parse().accept(input);
            } catch (RuntimeException e) {
                rejected++;
                if (!target.documented().isInstance(e)) {
                    AssertionError error = new AssertionError(target.name() + ": seed " + seed + " threw " + e
                            + " (documented: " + target.documented().getSimpleName() + ") on input:\n" + input);
                    error.initCause(e);
                    throw error;
                }
            } catch (StackOverflowError e) {
                fail(target.name() + ": seed " + seed + " overflowed the stack on input:\n" + input);
            }
        }
        // the mutations reach the checks: a good share of the inputs is refused
        assertThat(rejected).as(target.name() + " inputs refused").isGreaterThan(CASES / 10);
    }

    /** One to three mutations of {@code valid}, chosen by {@code seed} alone. */
    static byte[] mutate(byte[] valid, long seed) {
        Random random = new Random(seed);
        byte[] bytes = valid;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            bytes = mutateOnce(bytes, random);
        }
        return bytes;
    }

    private static byte[] mutateOnce(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(8)) {
            case 0 -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) (copy[at] ^ (1 << random.nextInt(8)));
                return copy;
            }
            case 1 -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                return copy;
            }
            case 2 -> {
                return Arrays.copyOf(bytes, at);
            }
            case 3 -> {
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                return copy;
            }
            case 4 -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                return copy;
            }
            default -> {
                return mutateLines(bytes, random);
            }
        }
    }

    /** Duplicates, deletes or swaps lines, or swaps two fields of a line (comma or pipe separated). */
    private static byte[] mutateLines(byte[] bytes, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
        int i = random.nextInt(lines.size());
        int j = random.nextInt(lines.size());
        switch (random.nextInt(4)) {
            case 0 -> lines.add(j, lines.get(i));
            case 1 -> lines.remove(i);
            case 2 -> {
                String line = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            default -> {
                String line = lines.get(i);
                String separator = line.contains("|") ? "\\|" : ",";
                String[] fields = line.split(separator, -1);
                if (fields.length > 1) {
                    int a = random.nextInt(fields.length);
                    int b = random.nextInt(fields.length);
                    String field = fields[a];
                    fields[a] = fields[b];
                    fields[b] = field;
                    lines.set(i, String.join(separator.equals(",") ? "," : "|", fields));
                }
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static Target ref(String name, Path file, Consumer<String> parse) throws IOException {
        return ref(name, Files.readAllBytes(file), parse);
    }

    private static Target ref(String name, byte[] valid, Consumer<String> parse) {
        return new Target(name, valid, parse, ReferenceFileException.class);
    }

    private static Target cal(String name, Path file, Consumer<String> parse) throws IOException {
        return cal(name, Files.readAllBytes(file), parse);
    }

    private static Target cal(String name, byte[] valid, Consumer<String> parse) {
        return new Target(name, valid, parse, CalendarFileException.class);
    }

    /** The first {@code lines} lines of a large file, as a smaller valid seed. */
    private static byte[] head(Path file, int lines) throws IOException {
        try (Stream<String> all = Files.lines(file)) {
            return (all.limit(lines).collect(Collectors.joining("\n")) + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static StringReader reader(String text) {
        return new StringReader(text);
    }
}
