package org.gbsettle.jobs.events;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of run events (prefix {@code gbsettle.events}).
 *
 * @param source the CloudEvents {@code source} of every event (a URI reference; default {@code /gbsettle})
 * @param subscribers the HTTP webhooks events are delivered to (none by default: events are only written)
 * @param pollInterval how often {@code serve} looks for events to deliver (default 5 s)
 * @param retryInitial the wait before the second attempt of a failed delivery; doubled after each failure (default 5
 *     s)
 * @param retryMax the longest wait between attempts (default 10 minutes)
 * @param timeout how long one POST may take, connecting included (default 10 s)
 */
@ConfigurationProperties("gbsettle.events")
public record EventsProperties(
        @DefaultValue("/gbsettle") String source,
        @DefaultValue List<Subscriber> subscribers,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("5s") Duration retryInitial,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("10s") Duration timeout) {

    /**
     * A subscriber: an HTTP endpoint events are POSTed to.
     *
     * @param url where to POST ({@code http} or {@code https})
     * @param name the name its delivery state is kept under ({@code event_delivery.subscriber}; default its URL)
     * @param types the event types it receives, CloudEvents types or short names ({@code completed}); empty for all
     * @param secret if set, each POST carries {@code X-Gbsettle-Signature: sha256=<hex>}, the HMAC-SHA256 with this key
     *     of the event id, a full stop and the body
     */
    public record Subscriber(
            URI url,
            @Nullable String name,
            @DefaultValue List<String> types,
            @Nullable String secret) {

        public Subscriber {
            Objects.requireNonNull(url, "url");
            types = List.copyOf(types);
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException(
                        "gbsettle.events.subscribers[].url " + url + " is not an http or https URL");
            }
            for (String t : types) {
                RunEventType.parse(t);
            }
        }

        /** The name its deliveries are recorded under: {@link #name()}, or the URL. */
        public String key() {
            String n = name;
            return n == null || n.isBlank() ? url.toString() : n;
        }

        /** The CloudEvents types it receives; all when {@link #types()} is empty. */
        public Set<String> eventTypes() {
            Set<String> out = new HashSet<>();
            if (types.isEmpty()) {
                for (RunEventType t : RunEventType.values()) {
                    out.add(t.type());
                }
            } else {
                types.forEach(t -> out.add(RunEventType.parse(t).type()));
            }
            return out;
        }
    }

    public EventsProperties {
        Objects.requireNonNull(source, "source");
        subscribers = List.copyOf(subscribers);
        positive("poll-interval", pollInterval);
        positive("retry-initial", retryInitial);
        positive("retry-max", retryMax);
        positive("timeout", timeout);
        if (source.isBlank()) {
            throw new IllegalArgumentException("gbsettle.events.source is empty");
        }
        Set<String> keys = new HashSet<>();
        for (Subscriber s : subscribers) {
            if (!keys.add(s.key())) {
                throw new IllegalArgumentException(
                        "gbsettle.events.subscribers: two subscribers are named " + s.key() + "; give each a name");
            }
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("gbsettle.events." + name + " " + d + " is not positive");
        }
    }
}
