package org.gbsettle.engine.calc;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to non-negative {@code int} values, built once and then read: the
 * MPAN-to-index lookup of the hot path, with no boxing; it grows as needed. {@link #get} returns -1 for an absent
 * key.
 */
public final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    /** A map sized for {@code expected} keys at a load factor of at most one half. */
    public LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
        mask = capacity - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Sets the value of a key.
     *
     * @throws IllegalArgumentException for the reserved key {@code Long.MIN_VALUE} or a negative value
     */
    public void put(long key, int value) {
        if (key == EMPTY || value < 0) {
            throw new IllegalArgumentException("LongIntMap cannot hold key " + key + " with value " + value);
        }
        int i = hash(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            if ((size + 1) * 2 > keys.length) {
                grow();
                put(key, value);
                return;
            }
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Doubles the table, keeping the load factor at most one half. */
    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** The value of a key, or -1. */
    public int get(long key) {
        int i = hash(key) & mask;
        long k;
        while ((k = keys[i]) != EMPTY) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Number of keys. */
    public int size() {
        return size;
    }
}
