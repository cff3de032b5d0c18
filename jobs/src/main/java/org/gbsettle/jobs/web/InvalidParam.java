package org.gbsettle.jobs.web;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One invalid part of a request, as listed in a problem detail's {@code invalid-params}: the field (a query parameter,
 * path variable or JSON property; {@code body} for the request body as a whole), the value given (null when missing
 * or not readable) and the reason it was refused.
 */
public record InvalidParam(String field, @Nullable String value, String reason) {

    public InvalidParam {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
