package org.gbsettle.engine.calc;

import org.jspecify.annotations.Nullable;

/**
 * The rows (or metering systems) of one chunk: either the contiguous positions {@code from..to-1}, or the positions
 * listed in {@code index}. Contiguous spans keep the hot loops streaming through memory.
 */
final class Span {
    private final int from;
    private final int to;
    private final int @Nullable [] index;

    private Span(int from, int to, int @Nullable [] index) {
        this.from = from;
        this.to = to;
        this.index = index;
    }

    /** The contiguous positions {@code from..to-1}. */
    static Span range(int from, int to) {
        return new Span(from, to, null);
    }

    /** The listed positions. */
    static Span of(int[] index) {
        return new Span(0, index.length, index);
    }

    /** Number of positions. */
    int size() {
        return to - from;
    }

    /** The {@code k}-th position, {@code 0 <= k < size()}. */
    int get(int k) {
        int[] ix = index;
        return ix == null ? from + k : ix[k];
    }
}
