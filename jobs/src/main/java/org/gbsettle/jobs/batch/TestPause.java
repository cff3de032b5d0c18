package org.gbsettle.jobs.batch;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;

/**
 * A test hook only, for the crash-consistency harness: a named point inside a write transaction (or just after a
 * commit) where the process logs a marker line and pauses, so that a test can kill it there. Inert unless the JVM
 * system property {@value #PROPERTY} names the point ({@code -Dgbsettle.test.pause-at=output-write}, or {@code
 * output-write:3} for its third occurrence in the process); the pause lasts {@value #DURATION_PROPERTY} (default
 * {@value #DEFAULT_DURATION}), then the process goes on. The marker line, on standard error at WARN, starts with
 * {@value #MARKER} and the point's name.
 */
public final class TestPause {

    /** The JVM system property naming the point to pause at, with an optional occurrence ({@code name[:n]}). */
    public static final String PROPERTY = "gbsettle.test.pause-at";

    /** The JVM system property giving how long to pause, e.g. {@code 60s}. */
    public static final String DURATION_PROPERTY = "gbsettle.test.pause-for";

    /** The pause when {@value #DURATION_PROPERTY} is not set. */
    public static final String DEFAULT_DURATION = "60s";

    /** The start of the marker line logged when the process pauses, followed by the point's name. */
    public static final String MARKER = "TEST PAUSE at ";

    private static final Logger LOG = LoggerFactory.getLogger(TestPause.class);

    private static final Map<Point, AtomicInteger> REACHED = new ConcurrentHashMap<>();

    /** The points the hook can pause at. */
    public enum Point {
        /** Inside the reference load's transaction: every row written, before the commit. */
        REFERENCE_WRITE,
        /** Inside a meter-data file's ingest transaction: the file and its quarantine written, before the commit. */
        INGEST_WRITE,
        /** Inside a GSP group's output transaction: its output rows written, before its completion and commit. */
        OUTPUT_WRITE,
        /** Inside the run's publication transaction: manifest and status written, before the commit. */
        COMPLETION,
        /** After the run's completion committed, before its job execution ends. */
        AFTER_COMPLETION;

        /** The point's name in {@value #PROPERTY}, e.g. {@code output-write}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private TestPause() {}

    /**
     * Pauses here if {@value #PROPERTY} names this point (and this is the occurrence it names); does nothing
     * otherwise.
     *
     * @param detail what the process is doing there, for the marker line
     */
    public static void at(Point point, String detail) {
        String setting = System.getProperty(PROPERTY);
        if (setting == null || setting.isBlank()) {
            return;
        }
        int occurrence = occurrence(setting.strip(), point);
        if (occurrence == 0) {
            return;
        }
        int reached = REACHED.computeIfAbsent(point, p -> new AtomicInteger()).incrementAndGet();
        if (reached != occurrence) {
            return;
        }
        Duration pause = DurationStyle.detectAndParse(System.getProperty(DURATION_PROPERTY, DEFAULT_DURATION));
        LOG.warn(
                "{}{} ({}, occurrence {}): pausing {} (test hook {})",
                MARKER,
                point.id(),
                detail,
                occurrence,
                pause,
                PROPERTY);
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GbSettleException("interrupted pausing (test hook " + PROPERTY + ")", e);
        }
    }

    /** The occurrence of the point the setting names (1 when none is given), 0 when it names another point. */
    static int occurrence(String setting, Point point) {
        int colon = setting.indexOf(':');
        String name = colon < 0 ? setting : setting.substring(0, colon);
        if (!name.equals(point.id())) {
            return 0;
        }
        @Nullable String n = colon < 0 ? null : setting.substring(colon + 1);
        try {
            int occurrence = n == null ? 1 : Integer.parseInt(n);
            if (occurrence < 1) {
                throw new NumberFormatException();
            }
            return occurrence;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " is " + setting + ": not name or name:n (n 1 or more)", e);
        }
    }
}
