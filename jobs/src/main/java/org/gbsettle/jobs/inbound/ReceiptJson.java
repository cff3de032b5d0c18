package org.gbsettle.jobs.inbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gbsettle.jobs.inbound.MessageOutcome.Status;

/**
 * The answer to a request or dropped file of consumption messages, as JSON: the receipt time, the counts, and one
 * result per message in order; a rejected message's result carries an RFC 9457 style problem detail ({@code type},
 * {@code title}, {@code status} 422, {@code detail}, and {@code invalid-params}: field, value, rule, reason).
 */
public final class ReceiptJson {

    /** The problem type of a rejected message. */
    public static final String REJECTED_TYPE = "urn:gbsettle:problem:message-rejected";

    private ReceiptJson() {}

    /** The receipt as a JSON-ready map. */
    public static Map<String, Object> of(InboundMessages.Receipt receipt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receivedAt", receipt.receivedAt().toString());
        body.put("accepted", receipt.count(Status.ACCEPTED));
        body.put("duplicates", receipt.count(Status.DUPLICATE));
        body.put("rejected", receipt.count(Status.REJECTED));
        List<Map<String, Object>> results = new ArrayList<>();
        for (MessageOutcome o : receipt.outcomes()) {
            results.add(result(o));
        }
        body.put("results", results);
        return body;
    }

    private static Map<String, Object> result(MessageOutcome o) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("index", o.index());
        r.put("messageId", o.messageId());
        r.put("status", o.status().name());
        if (o.status() == Status.REJECTED) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", REJECTED_TYPE);
            problem.put("title", "Message rejected");
            problem.put("status", 422);
            problem.put(
                    "detail",
                    o.problems().stream()
                            .map(p -> p.field() + ": " + p.reason() + " (" + p.rule() + ")")
                            .collect(Collectors.joining("; ")));
            List<Map<String, Object>> invalid = new ArrayList<>();
            for (MessageProblem p : o.problems()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("field", p.field());
                i.put("value", p.value());
                i.put("rule", p.rule());
                i.put("reason", p.reason());
                invalid.add(i);
            }
            problem.put("invalid-params", invalid);
            r.put("problem", problem);
        }
        return r;
    }
}
