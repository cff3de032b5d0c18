package org.gbsettle.jobs.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gbsettle.jobs.inbound.MessageValidation.Judged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The message format: the shipped example, the three body forms, content identity and the value rules. */
class MessageValidationTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-17T06:00:00Z");

    private static byte[] example() throws Exception {
        try (InputStream in = Objects.requireNonNull(
                MessageValidationTest.class.getResourceAsStream("/schemas/hh-consumption-message.example.json"))) {
            return in.readAllBytes();
        }
    }

    /** The example with its first value's kWh (a JSON text) and quality replaced. */
    private static JsonNode exampleWith(String kwhJson, String quality) throws Exception {
        String text = new String(example(), StandardCharsets.UTF_8)
                .replace(
                        "\"kwh\": 0.084, \"quality\": \"A\"",
                        "\"kwh\": " + kwhJson + ", \"quality\": \"" + quality + "\"");
        return MessageJson.messages(text.getBytes(StandardCharsets.UTF_8)).get(0);
    }

    @Test
    void the_shipped_example_is_valid() throws Exception {
        List<Judged> judged = MessageValidation.judge(MessageJson.messages(example()), RECEIVED);

        assertThat(judged).hasSize(1);
        ConsumptionMessage m =
                Objects.requireNonNull(judged.get(0).message(), judged.get(0).problems()::toString);
        assertThat(m.messageId()).isEqualTo("NORD-20260117-000001");
        assertThat(m.mpan()).isEqualTo(1_001_332_019_673L);
        assertThat(m.values()).hasSize(3);
        assertThat(m.values().get(1).kwh()).isEqualByComparingTo("0.091");
        assertThat(m.values().get(2).quality()).isEqualTo("E");
    }

    @Test
    void a_body_is_one_message_an_array_or_ndjson() throws Exception {
        String one = new String(example(), StandardCharsets.UTF_8).replace("\n", " ");

        assertThat(MessageJson.messages(one.getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(MessageJson.messages(("[" + one + "," + one + "]").getBytes(StandardCharsets.UTF_8)))
                .hasSize(2);
        assertThat(MessageJson.messages((one + "\n" + one + "\n" + one + "\n").getBytes(StandardCharsets.UTF_8)))
                .hasSize(3);
        assertThatThrownBy(() -> MessageJson.messages("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> MessageJson.messages("{\"header\"".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not valid JSON");
    }

    @Test
    void content_is_the_sender_and_payload_by_value() throws Exception {
        ConsumptionMessage a = judgedMessage(exampleWith("0.1", "A"));
        ConsumptionMessage b = judgedMessage(exampleWith("\"0.100\"", "A"));
        ConsumptionMessage c = judgedMessage(exampleWith("0.1", "E"));
        String restamped = MessageJson.MAPPER
                .writeValueAsString(exampleWith("0.1", "A"))
                .replace("2026-01-17T05:12:00Z", "2026-01-17T05:13:00Z");
        ConsumptionMessage d = judgedMessage(
                MessageJson.messages(restamped.getBytes(StandardCharsets.UTF_8)).get(0));

        assertThat(a.contentSha256()).isEqualTo(b.contentSha256());
        assertThat(a.contentSha256()).isNotEqualTo(c.contentSha256());
        // a retry stamped afresh is the same message
        assertThat(d.createdAt()).isNotEqualTo(a.createdAt());
        assertThat(a.contentSha256()).isEqualTo(d.contentSha256());
    }

    private static ConsumptionMessage judgedMessage(JsonNode node) {
        Judged j = MessageValidation.judge(List.of(node), RECEIVED).get(0);
        return Objects.requireNonNull(j.message(), j.problems()::toString);
    }

    /**
     * The kWh and quality rules of the ingest (MeterDataParquetReader's row rules), by hand: at most 3 significant
     * decimal places, at most 999,999,999.999 in magnitude, quality A or E; a negative value passes (the run
     * quarantines it as NEGATIVE, as it does a negative value in a file).
     */
    @ParameterizedTest(name = "kwh {0}, quality {1}: {2}")
    @CsvSource({
        "0.084, A, ",
        "0.0840, A, ",
        "'\"12.5\"', E, ",
        "-1.234, A, ",
        "999999999.999, A, ",
        "0.0841, A, BAD_VALUE",
        "1000000000, A, BAD_VALUE",
        "-1000000000, A, BAD_VALUE",
        "'\"1,5\"', A, BAD_VALUE",
        "true, A, BAD_VALUE",
        "0.084, X, BAD_VALUE",
        "0.084, a, BAD_VALUE"
    })
    void value_rules(String kwhJson, String quality, String rule) throws Exception {
        Judged j = MessageValidation.judge(List.of(exampleWith(kwhJson, quality)), RECEIVED)
                .get(0);

        if (rule == null) {
            assertThat(j.problems()).isEmpty();
        } else {
            assertThat(j.problems()).singleElement().satisfies(p -> {
                assertThat(p.rule()).isEqualTo(rule);
                assertThat(p.field()).startsWith("payload.periods[0].");
            });
        }
    }

    @Test
    void values_keep_their_decimal_exactly() throws Exception {
        ConsumptionMessage m = judgedMessage(exampleWith("0.1", "A"));

        assertThat(m.values().get(0).kwh()).isEqualTo(new BigDecimal("0.1"));
    }
}
