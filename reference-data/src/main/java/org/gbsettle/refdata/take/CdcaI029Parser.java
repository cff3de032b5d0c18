package org.gbsettle.refdata.take;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.PipeRecordReader;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.jspecify.annotations.Nullable;

/**
 * Parser of the CDCA-I029 GSP group take flow (file type C0291), pipe-delimited (domain.md §6.4):
 *
 * <pre>
 * AGV|&lt;gsp group&gt;|&lt;settlement date YYYYMMDD&gt;|&lt;run type&gt;|&lt;CDCA run number&gt;|&lt;date of aggregation YYYYMMDD&gt;|
 * AGP|&lt;SP&gt;|&lt;estimate flag T/F&gt;|&lt;I/E&gt;|&lt;GSP group take, MWh, decimal(14,4)&gt;|   one per SP
 * </pre>
 *
 * <p>A file may hold several {@code AGV} blocks (groups, dates); each becomes a {@link GspGroupTake}. The take is
 * signed: {@code I} (import into the group) +, {@code E} (export) - (assumption, domain.md §6.4); the value itself is
 * a magnitude, at most 4 decimal places, and normalised to 4 (MWh NUM(14,4)). Rules: the group is a known one
 * ({@code REFDATA_CONFLICT} otherwise); the date, run type and run number are valid; each SP exists on the date and
 * appears once per block; one block per group and date. Periods without an {@code AGP} record are left missing (the
 * calculation reports {@code MISSING_TAKE}). Envelope records {@code ZHD}/{@code ZHV} before the first block and
 * {@code ZPT}/{@code ZTV} after the last are skipped (their layout is unverified); blank lines are ignored. All
 * problems are collected.
 */
public final class CdcaI029Parser {

    private final String file;
    private final Problems problems;
    private final Set<GspGroup> knownGroups;
    private final List<TakeFile.Block> blocks = new ArrayList<>();
    private final Map<String, Long> seen = new HashMap<>();
    private long lineNo;
    private boolean trailerSeen;

    private @Nullable Open open;

    /** The block being read; null fields when its AGV record was bad (its AGP records are then checked only). */
    private static final class Open {
        final long line;
        final GspGroup group;
        final SettlementDate date;
        final RunType runType;
        final int runNumber;
        final LocalDate aggregationDate;
        final GspGroupTake.Builder take;
        final Map<Integer, Long> periods = new HashMap<>();

        Open(
                long line,
                GspGroup group,
                SettlementDate date,
                RunType runType,
                int runNumber,
                LocalDate aggregationDate) {
            this.line = line;
            this.group = group;
            this.date = date;
            this.runType = runType;
            this.runNumber = runNumber;
            this.aggregationDate = aggregationDate;
            this.take = GspGroupTake.builder(group, date, runNumber);
        }
    }

    private boolean inBrokenBlock;

    private CdcaI029Parser(String file, Set<GspGroup> knownGroups, Problems problems) {
        this.file = file;
        this.knownGroups = knownGroups;
        this.problems = problems;
    }

    /**
     * Parses a file, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static TakeFile parse(Reader reader, String fileName) {
        Problems p = new Problems();
        TakeFile f = read(reader, fileName, Set.copyOf(GspGroups.ALL), p);
        p.throwIfAny();
        return f;
    }

    /**
     * Parses a file on disk, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static TakeFile parse(Path path) {
        Problems p = new Problems();
        TakeFile f = read(path, Set.copyOf(GspGroups.ALL), p);
        p.throwIfAny();
        return f;
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the blocks that parsed. */
    public static TakeFile read(Path path, Set<GspGroup> knownGroups, Problems problems) {
        String name = path.getFileName().toString();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            return read(r, name, knownGroups, problems);
        } catch (IOException | UncheckedIOException e) {
            problems.add(name, 0, null, null, "cannot be read: " + e);
            return new TakeFile(name, List.of());
        }
    }

    /** Reads a file, adding every problem to {@code problems}; returns the blocks that parsed. */
    public static TakeFile read(Reader reader, String fileName, Set<GspGroup> knownGroups, Problems problems) {
        CdcaI029Parser p = new CdcaI029Parser(fileName, knownGroups, problems);
        try {
            p.run(reader instanceof BufferedReader b ? b : new BufferedReader(reader));
        } catch (IOException | UncheckedIOException e) {
            problems.add(fileName, p.lineNo, null, null, "cannot be read: " + e);
        }
        return new TakeFile(fileName, p.blocks);
    }

    private void run(BufferedReader in) throws IOException {
        PipeRecordReader records = new PipeRecordReader(in);
        String[] f;
        while ((f = records.next()) != null) {
            lineNo = records.lineNo();
            String type = f[0];
            if (trailerSeen) {
                problem(type, null, "record after the trailer");
                continue;
            }
            switch (type) {
                case "AGV" -> agv(f);
                case "AGP" -> agp(f);
                case "ZHD", "ZHV" -> {
                    if (open != null || inBrokenBlock || !blocks.isEmpty()) {
                        problem(type, null, "header record after the first AGV block");
                    }
                }
                case "ZPT", "ZTV" -> {
                    close();
                    trailerSeen = true;
                }
                default -> problem(type, null, "unknown record type (expected AGV or AGP)");
            }
        }
        close();
    }

    private void agv(String[] f) {
        close();
        inBrokenBlock = true;
        if (f.length != 6) {
            problem(
                    "AGV",
                    null,
                    "has " + f.length + " fields, expected 6 (AGV|group|date|run type|run number|"
                            + "aggregation date|)");
            return;
        }
        GspGroup group = field("AGV", "GSP group", () -> Fields.gspGroup(f[1], knownGroups));
        LocalDate date = field("AGV", "settlement date", () -> Fields.compactDate(f[2]));
        RunType runType = field("AGV", "run type", () -> RunType.parse(f[3]));
        Integer runNumber = field("AGV", "CDCA run number", () -> Fields.integer(f[4], 1, 9_999_999));
        LocalDate aggregation = field("AGV", "date of aggregation", () -> Fields.compactDate(f[5]));
        if (group == null || date == null || runType == null || runNumber == null || aggregation == null) {
            return;
        }
        SettlementDate sd = SettlementDate.of(date);
        Long first = seen.putIfAbsent(group + "@" + sd, lineNo);
        if (first != null) {
            problem("AGV", null, "a second block for " + group + " " + sd + " (first at line " + first + ")");
            return;
        }
        open = new Open(lineNo, group, sd, runType, runNumber, aggregation);
        inBrokenBlock = false;
    }

    private void agp(String[] f) {
        Open o = open;
        if (o == null && !inBrokenBlock) {
            problem("AGP", null, "record before any AGV block header");
            return;
        }
        if (f.length != 5) {
            problem("AGP", null, "has " + f.length + " fields, expected 5 (AGP|SP|T/F|I/E|MWh|)");
            return;
        }
        int maxPeriod = o == null ? 50 : o.date.periodCount();
        Integer period = field("AGP", "settlement period", () -> Fields.integer(f[1], 1, maxPeriod));
        Boolean estimated = field("AGP", "estimate flag", () -> tf(f[2]));
        Integer sign = field("AGP", "import/export flag", () -> direction(f[3]));
        BigDecimal mwh = field("AGP", "GSP group take", () -> Fields.nonNegativeDecimal(f[4], 4));
        if (period != null && mwh != null && mwh.precision() - mwh.scale() > 10) {
            problem("AGP", "GSP group take", "'" + f[4] + "' has more than 10 integer digits (decimal(14,4))");
            mwh = null;
        }
        if (o == null || period == null || estimated == null || sign == null || mwh == null) {
            return;
        }
        Long first = o.periods.putIfAbsent(period, lineNo);
        if (first != null) {
            problem(
                    "AGP",
                    "settlement period",
                    "SP " + period + " appears twice in the block of " + o.group + " " + o.date + " (first at line "
                            + first + ")");
            return;
        }
        BigDecimal value = mwh.setScale(4, RoundingMode.UNNECESSARY);
        o.take.period(period, sign < 0 ? value.negate() : value, estimated);
    }

    private void close() {
        Open o = open;
        if (o != null) {
            blocks.add(new TakeFile.Block(
                    o.group, o.date, o.runType, o.runNumber, o.aggregationDate, o.take.build(), o.line));
        }
        open = null;
        inBrokenBlock = false;
    }

    private static boolean tf(String s) {
        return switch (s) {
            case "T" -> true;
            case "F" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not T (estimate) or F (actual)");
        };
    }

    private static int direction(String s) {
        return switch (s) {
            case "I" -> 1;
            case "E" -> -1;
            default -> throw new IllegalArgumentException("'" + s + "' is not I (import) or E (export)");
        };
    }

    private <T> @Nullable T field(String type, String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            problem(type, field, m == null ? e.toString() : m);
            return null;
        }
    }

    private void problem(String type, @Nullable String field, String message) {
        problems.add(file, lineNo, type, field, message);
    }
}
