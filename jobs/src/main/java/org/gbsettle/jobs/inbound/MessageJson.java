package org.gbsettle.jobs.inbound;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of received consumption messages: a body or file holding one message (a JSON object), a batch (a JSON array
 * of messages) or newline-delimited JSON (one message per line), read as JSON trees with decimal numbers kept exact.
 */
public final class MessageJson {

    /** Reads numbers with a fraction as exact decimals (a kWh of {@code 0.1} stays 0.1). */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The most messages one request or file may hold. */
    public static final int MAX_MESSAGES = 10_000;

    private MessageJson() {}

    /**
     * The messages of a body or file: the elements of a top-level array, else every top-level JSON value in order
     * (one for a single message, one per line for NDJSON).
     *
     * @throws IllegalArgumentException if the bytes are not JSON, hold no value or more than {@link #MAX_MESSAGES}
     */
    public static List<JsonNode> messages(byte[] bytes) {
        List<JsonNode> values = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(bytes)) {
            while (it.hasNext()) {
                values.add(it.next());
                if (values.size() > MAX_MESSAGES) {
                    throw new IllegalArgumentException("more than " + MAX_MESSAGES + " messages: send them in parts");
                }
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no message: the body is empty");
        }
        if (values.size() == 1 && values.get(0).isArray()) {
            List<JsonNode> elements = new ArrayList<>(values.get(0).values());
            if (elements.isEmpty()) {
                throw new IllegalArgumentException("no message: the array is empty");
            }
            if (elements.size() > MAX_MESSAGES) {
                throw new IllegalArgumentException("more than " + MAX_MESSAGES + " messages: send them in parts");
            }
            return elements;
        }
        return values;
    }
}
