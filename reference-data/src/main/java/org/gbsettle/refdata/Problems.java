package org.gbsettle.refdata;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A collector of file problems: parsers add every problem they find and the caller throws them all at once as one
 * {@link ReferenceFileException}. Not thread-safe.
 */
public final class Problems {

    private final List<ReferenceFileException.Problem> list = new ArrayList<>();

    /** Adds a problem; see {@link ReferenceFileException.Problem} for the parts. */
    public Problems add(String file, long line, @Nullable String recordType, @Nullable String field, String message) {
        list.add(new ReferenceFileException.Problem(file, line, recordType, field, message));
        return this;
    }

    /** Adds the problems of an exception. */
    public Problems addAll(ReferenceFileException e) {
        list.addAll(e.problems());
        return this;
    }

    /** Whether no problem was found. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Number of problems found. */
    public int size() {
        return list.size();
    }

    /** The problems found so far. */
    public List<ReferenceFileException.Problem> list() {
        return List.copyOf(list);
    }

    /**
     * Throws the problems found, if any.
     *
     * @throws ReferenceFileException listing every problem
     */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ReferenceFileException(list);
        }
    }
}
