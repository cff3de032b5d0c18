package org.gbsettle.jobs.inbound;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of one received consumption message: accepted (staged, durable), a duplicate (the same id with the same
 * content was accepted before: nothing stored again) or rejected with its problems (nothing stored).
 *
 * @param index the message's 0-based position in its request or file
 * @param messageId the message's id, null when it has none readable
 * @param status accepted, duplicate or rejected
 * @param problems why it was rejected; empty otherwise
 */
public record MessageOutcome(int index, @Nullable String messageId, Status status, List<MessageProblem> problems) {

    /** What happened to a message. */
    public enum Status {
        /** Stored now, with its receipt time. */
        ACCEPTED,
        /** Stored before with the same content: idempotent, nothing changed. */
        DUPLICATE,
        /** Refused with reasons; nothing stored. */
        REJECTED
    }

    public MessageOutcome {
        Objects.requireNonNull(status, "status");
        problems = List.copyOf(problems);
        if ((status == Status.REJECTED) == problems.isEmpty()) {
            throw new IllegalArgumentException("a rejected message, and only one, has problems: " + status);
        }
    }
}
