package org.gbsettle.jobs.inbound;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reason a consumption message was refused: the field at fault as a path in the message (e.g. {@code
 * payload.periods[3].kwh}), the value given (null when missing), the rule broken (a quarantine reason of the ingest,
 * {@code BAD_MPAN}, {@code WRONG_MQ}, {@code BAD_PERIOD}, {@code BAD_VALUE}, or an envelope rule, {@code
 * REQUIRED}, {@code FORMAT}, {@code SCHEMA}, {@code ID_REUSED}) and the reason in words.
 */
public record MessageProblem(String field, @Nullable String value, String rule, String reason) {

    public MessageProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }
}
