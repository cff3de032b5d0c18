package org.gbsettle.jobs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry backoff, the signature, event type names and the subscriber settings' checks. */
class EventDeliveryTest {

    @ParameterizedTest(name = "after failure {0}: wait {1} s")
    @CsvSource({
        // initial 5 s doubled per failure after the first, capped at 600 s: 5, 10, 20, 40, 80, 160, 320, 640 -> 600
        "1, 5",
        "2, 10",
        "3, 20",
        "4, 40",
        "5, 80",
        "6, 160",
        "7, 320",
        "8, 600",
        "9, 600",
        "1000, 600"
    })
    void the_wait_doubles_from_the_initial_up_to_the_maximum(int attempts, long seconds) {
        assertThat(EventDelivery.backoff(attempts, Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void the_signature_is_the_hmac_sha256_of_the_id_a_full_stop_and_the_body() {
        // worked out with Python: hmac.new(b's3cret', b'evt-1.{"a":1}', hashlib.sha256).hexdigest()
        assertThat(EventDelivery.signature("s3cret", "evt-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=415431d145d046089043e3da76d822ef5b40044f39864f63ec843bfdbc0078b3");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "completed, org.gbsettle.run.completed.v1",
        "org.gbsettle.run.superseded.v1, org.gbsettle.run.superseded.v1",
        "' Supplier-Volumes-Available ', org.gbsettle.run.supplier-volumes-available.v1",
        "held, org.gbsettle.run.held.v1"
    })
    void event_types_are_named_by_their_short_or_full_name(String text, String type) {
        assertThat(RunEventType.parse(text).type()).isEqualTo(type);
    }

    @Test
    void a_subscriber_needs_an_http_url_known_types_and_a_name_of_its_own() {
        assertThatThrownBy(() -> new EventsProperties.Subscriber(URI.create("ftp://x/"), null, List.of(), null))
                .hasMessageContaining("is not an http or https URL");
        assertThatThrownBy(() -> new EventsProperties.Subscriber(URI.create("http://x/"), null, List.of("done"), null))
                .hasMessageContaining("'done' is not a run event type");
        EventsProperties.Subscriber a = new EventsProperties.Subscriber(URI.create("http://x/"), null, List.of(), null);
        assertThat(a.key()).isEqualTo("http://x/");
        assertThat(a.eventTypes()).hasSize(RunEventType.values().length);
        EventsProperties.Subscriber b =
                new EventsProperties.Subscriber(URI.create("http://y/"), "x", List.of("failed", "completed"), "s");
        assertThat(b.eventTypes())
                .containsExactlyInAnyOrder("org.gbsettle.run.failed.v1", "org.gbsettle.run.completed.v1");
        EventsProperties.Subscriber sameName =
                new EventsProperties.Subscriber(URI.create("http://z/"), "x", List.of(), null);
        assertThatThrownBy(() -> new EventsProperties(
                        "/gbsettle",
                        List.of(b, sameName),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(10)))
                .hasMessageContaining("two subscribers are named x");
    }
}
