package org.gbsettle.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No SQL is built by concatenating input: every value joined into SQL text in the main sources ({@code "... FROM " +
 * x}, {@code x + " WHERE ..."}, {@code SQL.formatted(x)}) is a literal, a constant ({@code UPPER_CASE}) or one of the
 * audited expressions below, each of which holds only names and fragments fixed in the code, never a value from the
 * command line, an HTTP request or a file. Values from outside are bound as parameters ({@code :name}, {@code ?}).
 * A new concatenation fails this test until it is parameterised, or audited and added here with its reason.
 *
 * <p>{@code gbsettle query} runs an analyst's own SQL by design: in a read-only transaction
 * ({@code io/postgres/ReadOnlyQuery}), not built from pieces, so not concerned.
 */
class SqlConcatenationTest {

    private static final Path MAIN = Path.of("src/main/java/org/gbsettle/jobs");

    /** File (relative to {@link #MAIN}) and concatenated expression, audited. */
    private static final Map<String, Set<String>> AUDITED = Map.ofEntries(
            // ExportTable's own column expressions and table names (enum constants)
            Map.entry("export/RunExport.java", Set.of("column.expression()", "table.tableName()")),
            // the output table names of a constant list, OUTPUT_TABLES; sub-selects held in local constants
            Map.entry("run/RunHousekeeping.java", Set.of("table", "executions", "steps")),
            // a constant ORDER BY clause chosen by a flag
            Map.entry("run/RunViews.java", Set.of("order")),
            // a table of the constant TABLES (checkTable) and columns checked against the table's own columns
            Map.entry("io/postgres/JdbcRunOutputReader.java", Set.of("select", "table")),
            // ReferenceFileKind's table and column names (an enum); WHERE fragments of constant text with values bound
            // (:version, :date, :group), or for COPY, which takes no parameters, typed values only: a long load
            // version, a LocalDate's ISO text and a GspGroup's checked id
            Map.entry(
                    "io/postgres/JdbcReferenceDataRepository.java",
                    Set.of("kind.table()", "select", "where", "w", "version", "String.join(\", \", columns)")),
            // the database name, checked against [a-z_][a-z0-9_]{0,62} before, and quoted
            Map.entry("io/postgres/EmbeddedPostgresServer.java", Set.of("database")),
            // ReferenceFileKind's table and column names; a long load version; the private overlaps(from, order)
            // called with constant text only; the tables the load wrote (ReferenceLoadSummary keys, kind.table())
            Map.entry(
                    "io/postgres/JdbcReferenceLoadRepository.java",
                    Set.of("e.getKey()", "kind.table()", "String.join(\", \", columns)", "version", "order", "from")),
            // the output table names of the constant TABLES
            Map.entry("io/postgres/JdbcRunOutputRepository.java", Set.of("table")),
            // COPY into a table and columns its callers name as constants (JdbcRunOutputRepository's,
            // ReferenceFileKind)
            Map.entry("io/postgres/PgCopy.java", Set.of("table", "String.join(\", \", columns)")),
            // not SQL: an error message that names COPY
            Map.entry("io/postgres/RegistrationCopy.java", Set.of("fields")),
            // the cause columns of Cause.ALL (an enum) and as many '?' placeholders
            Map.entry("diff/RunDiffStore.java", Set.of("causes", "marks")),
            // WHERE fragments of constant text, their values bound as :date, :type, :state, :run
            Map.entry("web/RunReadModel.java", Set.of("String.join(\" AND \", where)")),
            // example queries for an event's consumers, never run here: a long run id and a LocalDate
            Map.entry("events/RunEvents.java", Set.of("runId", "date")));

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"");
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern SQL_WORD = Pattern.compile(
            "\\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|ORDER BY|ANALYZE|TRUNCATE|CREATE|DROP|ALTER|COPY|VALUES)\\b");
    /** {@code + operand} right after a literal: an identifier chain ({@code a.b()}), else the next word as it is. */
    private static final Pattern OPERAND_AFTER =
            Pattern.compile("^\\s*\\+\\s*([A-Za-z_][\\w.]*(?:\\([^()]*\\))?|[^\\s\"]\\S*)");
    /** {@code operand +} right before a literal: the last word before the {@code +}. */
    private static final Pattern OPERAND_BEFORE = Pattern.compile("([A-Za-z_][\\w.]*\\([^()]*\\)|\\S+)\\s*\\+\\s*$");
    /** {@code CONSTANT.formatted(}: its arguments are read up to the matching parenthesis. */
    private static final Pattern FORMATTED = Pattern.compile("\\b[A-Z][A-Z0-9_]*\\.formatted\\(");

    private static final Pattern CONSTANT = Pattern.compile("([A-Z]\\w*\\.)?[A-Z][A-Z0-9_]*");

    @Test
    void sql_text_joins_only_constants_and_audited_names() throws IOException {
        List<String> found = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = MAIN.relativize(file).toString().replace('\\', '/');
                for (String operand : concatenatedIntoSql(Files.readString(file, StandardCharsets.UTF_8))) {
                    if (CONSTANT.matcher(operand).matches()) {
                        continue;
                    }
                    if (AUDITED.getOrDefault(name, Set.of()).contains(operand)) {
                        used.add(name + ": " + operand);
                    } else {
                        found.add(name + ": " + operand);
                    }
                }
            }
        }
        assertThat(found)
                .as(
                        "values concatenated into SQL: bind them as parameters, or audit them in %s",
                        SqlConcatenationTest.class.getSimpleName())
                .isEmpty();
        // every audited entry is still there: the list says what the code does
        List<String> audited = new ArrayList<>();
        AUDITED.forEach((file, operands) -> operands.forEach(o -> audited.add(file + ": " + o)));
        assertThat(used).containsExactlyInAnyOrderElementsOf(audited);
    }

    @Test
    void the_scan_finds_concatenation_on_either_side_and_in_formatted() {
        String source = """
                class X {
                    void f() {
                        jdbc.sql("SELECT * FROM t WHERE name = '" + request.name() + "'");
                        jdbc.sql(prefix + " WHERE id = 1");
                        jdbc.sql(SQL.formatted(userInput));
                        jdbc.sql("INSERT INTO t (" + String.join(", ", columns) + ") VALUES (?)");
                        jdbc.sql("SELECT * FROM t WHERE id = :id").param("id", id);
                        log.info("not sql " + value);
                        String ok = COLUMNS + " FROM t";
                        String block = \"""
                            SELECT a FROM b\""" + tail;
                    }
                }
                """;

        assertThat(concatenatedIntoSql(source))
                .containsExactlyInAnyOrder(
                        "request.name()",
                        "prefix",
                        "userInput",
                        // between two SQL literals: found from each side
                        "String.join(\", \", columns)",
                        "String.join(\", \", columns)",
                        "COLUMNS",
                        "tail");
    }

    /** The operands joined to SQL text in a Java source: by {@code +} on either side or through {@code formatted}. */
    static List<String> concatenatedIntoSql(String source) {
        String text = TEXT_BLOCK
                .matcher(source)
                .replaceAll(m -> Matcher.quoteReplacement(
                        "\"" + m.group().substring(3, m.group().length() - 3).replaceAll("[\"\\\\\\s]+", " ") + "\""));
        List<String> operands = new ArrayList<>();
        Matcher literal = LITERAL.matcher(text);
        while (literal.find()) {
            if (!SQL_WORD.matcher(literal.group()).find()) {
                continue;
            }
            Matcher after = OPERAND_AFTER.matcher(text.substring(literal.end()));
            if (after.find() && !isLiteral(after.group(1))) {
                operands.add(after.group(1));
            }
            Matcher before =
                    OPERAND_BEFORE.matcher(text.substring(Math.max(0, literal.start() - 200), literal.start()));
            if (before.find() && !isLiteral(before.group(1))) {
                operands.add(unopened(before.group(1)));
            }
        }
        Matcher formatted = FORMATTED.matcher(text);
        while (formatted.find()) {
            int depth = 1;
            int i = formatted.end();
            while (i < text.length() && depth > 0) {
                char c = text.charAt(i++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            String args = text.substring(formatted.end(), i - 1).strip();
            for (String arg : args.split(",(?![^(]*\\))")) {
                if (!isLiteral(arg.strip())) {
                    operands.add(arg.strip());
                }
            }
        }
        return operands;
    }

    /** A word without the call it opens: {@code jdbc.sql(prefix} is {@code prefix}. */
    private static String unopened(String word) {
        String w = word;
        while (w.chars().filter(c -> c == '(').count()
                > w.chars().filter(c -> c == ')').count()) {
            w = w.substring(w.indexOf('(') + 1);
        }
        return w;
    }

    /** Whether an operand is a string literal, or a parenthesised choice ending in one ({@code (c ? "" : " AND x")}). */
    private static boolean isLiteral(String operand) {
        return operand.endsWith("\"") || operand.endsWith("\")");
    }
}
