package org.gbsettle.jobs.report;

import org.jspecify.annotations.Nullable;

/**
 * HTML escaping of text from the database for the report page: the five characters with a meaning in HTML ({@code &},
 * {@code <}, {@code >}, {@code "} and {@code '}) become character references, so a value is safe both as element text
 * and inside a quoted attribute; null is the empty string. Other characters, non-ASCII included, are kept (the page
 * is UTF-8).
 */
final class Html {

    private Html() {}

    /** {@code text} escaped for element content or a quoted attribute value. */
    static String escape(@Nullable String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(replacement);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
