package org.gbsettle.jobs.config;

import java.util.regex.Pattern;

/** JDBC URLs as the application accepts and prints them. */
public final class JdbcUrls {

    /** {@code password=...} in a URL's query, up to the next {@code &} or {@code ;}, case-insensitive. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private static final String POSTGRESQL = "jdbc:postgresql:";

    private JdbcUrls() {}

    /** The URL with any password in it replaced by {@code ***}, fit for a log line. */
    public static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    /** Whether the URL is a PostgreSQL JDBC URL ({@code jdbc:postgresql:...}). */
    public static boolean isPostgresql(String url) {
        return url.regionMatches(true, 0, POSTGRESQL, 0, POSTGRESQL.length());
    }
}
