package org.gbsettle.refdata;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A collector of file problems: parsers add every problem they find and the caller throws them all at once as one
 * {@link ReferenceFileException}. A collector may keep only the first problems ({@link #keepingAtMost}), counting
 * the rest, so that a file of millions of bad rows costs no more memory than a few. Not thread-safe.
 */
public final class Problems {

    private final List<ReferenceFileException.Problem> list = new ArrayList<>();
    private final int keep;
    private int found;

    /** A collector that keeps every problem. */
    public Problems() {
        this(Integer.MAX_VALUE);
    }

    private Problems(int keep) {
        this.keep = keep;
    }

    /**
     * A collector that keeps the first {@code keep} problems and only counts the others.
     *
     * @throws IllegalArgumentException if {@code keep} is not positive
     */
    public static Problems keepingAtMost(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("A problem collector must keep at least one problem, not " + keep);
        }
        return new Problems(keep);
    }

    /** Adds a problem; see {@link ReferenceFileException.Problem} for the parts. */
    public Problems add(String file, long line, @Nullable String recordType, @Nullable String field, String message) {
        return add(new ReferenceFileException.Problem(file, line, recordType, field, message));
    }

    /** Adds the problems of an exception. */
    public Problems addAll(ReferenceFileException e) {
        e.problems().forEach(this::add);
        found += (int) Math.min(Integer.MAX_VALUE - (long) found, e.unlisted());
        return this;
    }

    private Problems add(ReferenceFileException.Problem p) {
        if (list.size() < keep) {
            list.add(p);
        }
        if (found < Integer.MAX_VALUE) {
            found++;
        }
        return this;
    }

    /** Whether no problem was found. */
    public boolean isEmpty() {
        return found == 0;
    }

    /** Number of problems found, kept or only counted. */
    public int size() {
        return found;
    }

    /** The problems found so far that were kept (all of them unless {@link #keepingAtMost} said otherwise). */
    public List<ReferenceFileException.Problem> list() {
        return List.copyOf(list);
    }

    /**
     * Throws the problems found, if any.
     *
     * @throws ReferenceFileException listing every problem kept and counting the others
     */
    public void throwIfAny() {
        if (found > 0) {
            throw new ReferenceFileException(list, found - list.size());
        }
    }
}
