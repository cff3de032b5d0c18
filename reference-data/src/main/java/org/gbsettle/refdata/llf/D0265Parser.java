package org.gbsettle.refdata.llf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.PipeRecordReader;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.jspecify.annotations.Nullable;

/**
 * Parser of a D0265 line loss factor file in its pipe-delimited "Pool Transfer" form (domain.md §6.3):
 *
 * <pre>
 * ZHD||D0265001|R|IPNL|G|CAPG|20210914142620||||OPER   header: file id, flow + version, sender role and MPID,
 *                                                      recipient role and MPID, created, 3 empty fields, test flag
 * DIS|IPNL                                             distributor MPID, once
 * LLF|500                                              LLFC id, repeats
 * SDT|20210922                                         settlement date YYYYMMDD, repeats within an LLF
 * SPL|1|1.074                                          SP id | LLF value, one per period of the date
 * ZPT|40672767|423780412                               trailer, two numbers
 * </pre>
 *
 * <p>Rules: the header comes first and names flow D0265; then one {@code DIS}; then {@code LLF} blocks, each of one or
 * more {@code SDT} blocks, each of exactly as many {@code SPL} records as the date has settlement periods (46, 48 or
 * 50), numbered 1..N in order without gaps or duplicates; the trailer comes last. A value is a plain decimal with at
 * most 6 decimal places in [0, 9]. One LLFC and date appear once. Blank lines are ignored; one trailing empty field
 * (a line ending in {@code |}) is allowed. The trailer's two numbers are kept, not checked: what they count is
 * unverified (see {@link LlfFile}).
 *
 * <p>A record out of order, of an unknown type or with the wrong number of fields stops the parse; value problems are
 * all collected. Every problem names file, line, record type and field, e.g. {@code LLFEELC20260401.D0265 line 7 (SPL),
 * field LLF value: '1.07x' is not a decimal}.
 */
public final class D0265Parser {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private enum State {
        START,
        AFTER_ZHD,
        AFTER_DIS,
        AFTER_LLF,
        IN_SDT,
        DONE
    }

    private final String file;
    private final Problems problems;
    private State state = State.START;
    private long lineNo;
    private long body;
    private String flowVersion = "";
    private @Nullable LocalDateTime created;
    private String testFlag = "";
    private @Nullable MarketParticipantId distributor;
    private final Map<LineLossFactorClass, Map<LocalDate, long[]>> values = new LinkedHashMap<>();
    private final Map<String, Long> seenBlocks = new HashMap<>();
    private long trailerFirst;
    private long trailerSecond;

    /** The current LLFC (null if its id was bad). */
    private @Nullable LineLossFactorClass llfc;
    /** The current SDT block: date (null if bad), its line, the values so far, whether its SP ids went wrong. */
    private @Nullable SettlementDate date;

    private long sdtLine;
    private long[] block = new long[50];
    private int blockCount;
    private int lastId;
    private boolean blockBroken;

    private D0265Parser(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Parses a file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static LlfFile parse(Reader reader, String fileName) {
        Problems problems = new Problems();
        LlfFile f = read(reader, fileName, problems);
        problems.throwIfAny();
        return java.util.Objects.requireNonNull(f);
    }

    /**
     * Parses a file on disk.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static LlfFile parse(Path path) {
        Problems problems = new Problems();
        LlfFile f = read(path, problems);
        problems.throwIfAny();
        return java.util.Objects.requireNonNull(f);
    }

    /** Reads a file on disk, adding every problem to {@code problems}; null if it has any. */
    public static @Nullable LlfFile read(Path path, Problems problems) {
        String name = path.getFileName().toString();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            return read(r, name, problems);
        } catch (IOException | UncheckedIOException e) {
            problems.add(name, 0, null, null, "cannot be read: " + e);
            return null;
        }
    }

    /** Reads a file, adding every problem to {@code problems}; null if it has any. */
    public static @Nullable LlfFile read(Reader reader, String fileName, Problems problems) {
        int before = problems.size();
        D0265Parser p = new D0265Parser(fileName, problems);
        try {
            p.run(reader instanceof BufferedReader b ? b : new BufferedReader(reader));
        } catch (IOException | UncheckedIOException e) {
            problems.add(fileName, p.lineNo, null, null, "cannot be read: " + e);
        } catch (Stop stop) {
            // a structural problem, already recorded
        }
        if (problems.size() > before || p.distributor == null) {
            return null;
        }
        return new LlfFile(
                fileName,
                p.flowVersion,
                p.created,
                p.testFlag,
                p.distributor,
                p.values,
                p.trailerFirst,
                p.trailerSecond,
                p.body);
    }

    /** Unwinds the parse after a structural problem. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private void run(BufferedReader in) throws IOException {
        PipeRecordReader records = new PipeRecordReader(in);
        String[] fields;
        while ((fields = records.next()) != null) {
            lineNo = records.lineNo();
            String type = fields[0];
            if (state == State.DONE) {
                stop(type, null, "record after the ZPT trailer");
            }
            switch (type) {
                case "ZHD" -> header(fields);
                case "DIS" -> distributor(fields);
                case "LLF" -> llf(fields);
                case "SDT" -> sdt(fields);
                case "SPL" -> spl(fields);
                case "ZPT" -> trailer(fields);
                default ->
                    stop(
                            type.length() > 10 ? type.substring(0, 10) + "..." : type,
                            null,
                            "unknown record type (expected ZHD, DIS, LLF, SDT, SPL or ZPT)");
            }
            if (!type.equals("ZHD") && !type.equals("ZPT")) {
                body++;
            }
        }
        if (state == State.START) {
            problems.add(file, 0, null, null, "is empty: no ZHD header");
        } else if (state != State.DONE) {
            closeBlock();
            problems.add(file, lineNo, null, null, "ends without a ZPT trailer");
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private void header(String[] f) {
        order("ZHD", state == State.START, "the file must start with it");
        if (f.length < 3) {
            stop("ZHD", null, "has " + f.length + " fields, expected at least 3 (ZHD|file id|flow|...)");
        }
        flowVersion = f[2].strip();
        if (!flowVersion.startsWith("D0265")) {
            stop("ZHD", "flow", "'" + flowVersion + "' is not the D0265 flow");
        }
        if (f.length > 7 && !f[7].isBlank()) {
            try {
                created = LocalDateTime.parse(f[7].strip(), CREATED);
            } catch (DateTimeException e) {
                problem("ZHD", "created", "'" + f[7] + "' is not a timestamp (YYYYMMDDHHMMSS)");
            }
        }
        testFlag = f.length > 11 ? f[11].strip() : "";
        state = State.AFTER_ZHD;
    }

    private void distributor(String[] f) {
        order("DIS", state == State.AFTER_ZHD, "expected once, right after ZHD");
        fieldCount("DIS", f, 2);
        try {
            distributor = MarketParticipantId.of(f[1]);
        } catch (IllegalArgumentException e) {
            stop("DIS", "distributor", "'" + f[1] + "' is not a market participant id (1-4 letters or digits)");
        }
        state = State.AFTER_DIS;
    }

    private void llf(String[] f) {
        order("LLF", state == State.AFTER_DIS || state == State.IN_SDT, "expected after DIS or after an SDT block");
        fieldCount("LLF", f, 2);
        closeBlock();
        String code = f[1].strip();
        MarketParticipantId d = distributor;
        if (d == null || code.isEmpty() || code.length() > 3 || !code.chars().allMatch(Character::isLetterOrDigit)) {
            problem("LLF", "LLFC", "'" + f[1] + "' is not an LLFC id (1-3 letters or digits)");
            llfc = null;
        } else {
            llfc = new LineLossFactorClass(d, code);
        }
        state = State.AFTER_LLF;
    }

    private void sdt(String[] f) {
        order("SDT", state == State.AFTER_LLF || state == State.IN_SDT, "expected after LLF or after an SDT block");
        fieldCount("SDT", f, 2);
        closeBlock();
        sdtLine = lineNo;
        blockCount = 0;
        lastId = 0;
        blockBroken = false;
        try {
            date = SettlementDate.of(Fields.compactDate(f[1].strip()));
        } catch (IllegalArgumentException e) {
            problem("SDT", "settlement date", message(e));
            date = null;
        }
        LineLossFactorClass c = llfc;
        SettlementDate d = date;
        if (c != null && d != null) {
            Long first = seenBlocks.putIfAbsent(c + "@" + d, lineNo);
            if (first != null) {
                problem(
                        "SDT",
                        "settlement date",
                        "LLFC " + c.code() + " has " + d + " twice (first at line " + first + ")");
                blockBroken = true;
            }
        }
        state = State.IN_SDT;
    }

    private void spl(String[] f) {
        order("SPL", state == State.IN_SDT, "expected after SDT");
        blockCount++;
        if (f.length != 3) {
            problem("SPL", null, "has " + f.length + " fields, expected 3 (SPL|SP id|LLF value)");
            blockBroken = true;
            lastId++;
            return;
        }
        int expected = lastId + 1;
        String idText = f[1].strip();
        try {
            int id = Fields.integer(idText, 1, 50);
            if (id != expected) {
                problem(
                        "SPL",
                        "SP id",
                        "'" + idText + "' is out of sequence: expected " + expected
                                + (id <= lastId ? " (a duplicate or out of order)" : " (a gap)")
                                + "; ids run 1..N in order");
                blockBroken = true;
            }
            lastId = id;
        } catch (IllegalArgumentException e) {
            problem("SPL", "SP id", message(e));
            blockBroken = true;
            lastId = expected;
        }
        String valueText = f[2].strip();
        long m;
        try {
            m = millionths(valueText);
        } catch (IllegalArgumentException e) {
            problem("SPL", "LLF value", message(e));
            blockBroken = true;
            return;
        }
        if (blockCount <= block.length) {
            block[blockCount - 1] = m;
        }
    }

    private void trailer(String[] f) {
        order("ZPT", state == State.IN_SDT, "expected after the last SDT block");
        fieldCount("ZPT", f, 3);
        closeBlock();
        try {
            trailerFirst = Fields.integer(f[1].strip());
        } catch (IllegalArgumentException e) {
            problem("ZPT", "record count", message(e));
        }
        try {
            trailerSecond = Fields.integer(f[2].strip());
        } catch (IllegalArgumentException e) {
            problem("ZPT", "checksum", message(e));
        }
        state = State.DONE;
    }

    /** Ends the current SDT block: checks its SPL count against the date's period count and keeps its values. */
    private void closeBlock() {
        if (state != State.IN_SDT) {
            return;
        }
        SettlementDate d = date;
        LineLossFactorClass c = llfc;
        if (d == null) {
            return;
        }
        int n = d.periodCount();
        if (!blockBroken && blockCount != n) {
            problems.add(
                    file,
                    sdtLine,
                    "SDT",
                    "settlement date",
                    d + " has " + blockCount + " SPL records; the date has " + n + " settlement periods");
            blockBroken = true;
        }
        if (!blockBroken && c != null) {
            values.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(d.date(), Arrays.copyOf(block, n));
        }
        date = null;
    }

    /**
     * An LLF value in millionths.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    static long millionths(String text) {
        BigDecimal v = Fields.decimal(text);
        if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(9)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is outside [0, 9]");
        }
        try {
            return v.movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' has more than 6 decimal places", e);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private void order(String type, boolean legal, String rule) {
        if (!legal) {
            stop(type, null, "record out of order after " + describe(state) + ": " + rule);
        }
    }

    private static String describe(State s) {
        return switch (s) {
            case START -> "the start of the file";
            case AFTER_ZHD -> "ZHD";
            case AFTER_DIS -> "DIS";
            case AFTER_LLF -> "LLF";
            case IN_SDT -> "an SDT block";
            case DONE -> "ZPT";
        };
    }

    private void fieldCount(String type, String[] f, int expected) {
        if (f.length != expected) {
            stop(type, null, "has " + f.length + " fields, expected " + expected);
        }
    }

    private void problem(String type, @Nullable String field, String message) {
        problems.add(file, lineNo, type, field, message);
    }

    private void stop(String type, @Nullable String field, String message) {
        problem(type, field, message);
        throw new Stop();
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }
}
