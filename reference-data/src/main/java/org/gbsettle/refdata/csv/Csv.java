package org.gbsettle.refdata.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the CSV parsers: throwing and path forms of the collecting parsers, effective ranges. */
final class Csv {

    static final String EFFECTIVE_FROM = "effective_from";
    static final String EFFECTIVE_TO = "effective_to";

    private Csv() {}

    /**
     * Runs a collecting parser and throws what it found.
     *
     * @throws ReferenceFileException listing every problem
     */
    static <T> T orThrow(Function<Problems, T> parser) {
        Problems problems = new Problems();
        T result = parser.apply(problems);
        problems.throwIfAny();
        return result;
    }

    /** Runs a collecting parser on a file; a file that cannot be opened is a problem of the file. */
    static <T> T onPath(Path path, Problems problems, T empty, BiFunction<Reader, String, T> parser) {
        String name = path.getFileName().toString();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parser.apply(r, name);
        } catch (IOException | UncheckedIOException e) {
            problems.add(name, 0, null, null, "cannot be read: " + e);
            return empty;
        }
    }

    /**
     * The effective range of a row: {@code effective_from} required, {@code effective_to} empty for open-ended and not
     * before {@code effective_from}.
     */
    static @Nullable EffectiveRange effective(CsvTable.RowFields f) {
        LocalDate from = f.required(EFFECTIVE_FROM, Fields::isoDate);
        LocalDate to = f.optional(EFFECTIVE_TO, Fields::isoDate);
        if (from == null) {
            return null;
        }
        if (to != null && to.isBefore(from)) {
            f.problem(EFFECTIVE_TO, "'" + to + "' is before effective_from " + from);
            return null;
        }
        return EffectiveRange.of(from, to);
    }

    /** A value known to be present because its row did not fail. */
    static <T> T present(@Nullable T value) {
        return Objects.requireNonNull(value, "value of a row that did not fail");
    }

    /** The message of an exception, never null. */
    static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }
}
