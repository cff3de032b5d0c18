package org.gbsettle.jobs.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gbsettle.jobs.events.EventsProperties.Subscriber;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox's events to the configured subscribers, at least once and in sequence order per subscriber, as
 * CloudEvents 1.0 in the HTTP binding's binary mode: the attributes in {@code ce-*} headers ({@code ce-id},
 * {@code ce-source}, {@code ce-type}, {@code ce-subject}, {@code ce-time}, {@code ce-specversion: 1.0}, the
 * {@code ce-sequence} extension: the outbox sequence, 20 digits, so it orders as text too), the data as the body with
 * {@code Content-Type: application/json}. Binary mode keeps the body the event's data alone, so a consumer that knows
 * nothing of CloudEvents still reads it, and needs no JSON event format (the SDK's is Jackson 2, beside Boot 4's
 * Jackson 3).
 *
 * <p>One pass ({@link #deliverDue()}), per subscriber: the events it has not seen are given delivery rows
 * ({@code event_delivery}); then, one at a time, the oldest undelivered event is claimed ({@code FOR UPDATE SKIP
 * LOCKED}, and only if no earlier one is undelivered, so a second instance claims nothing rather than the next event)
 * and POSTed in that transaction. A 2xx answer marks it delivered; anything else (another status, a refused
 * connection, a timeout) counts an attempt, records the error and sets the next attempt after an exponential backoff
 * ({@code retry-initial} doubled per failure up to {@code retry-max}); the subscriber's later events wait behind it.
 * Should the process die between the POST and the commit, the event is sent again: consumers de-duplicate by
 * {@code ce-id}.
 */
@Component
public final class EventDelivery {

    /** The signature header: {@code sha256=} and the hex HMAC-SHA256 of the event id, {@code .} and the body. */
    public static final String SIGNATURE_HEADER = "X-Gbsettle-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventsProperties properties;
    private final HttpClient http;

    public EventDelivery(JdbcClient jdbc, PlatformTransactionManager transactionManager, EventsProperties properties) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * What a pass did: events delivered, failed attempts, and the events left undelivered (waiting for a retry, or
     * behind one that is).
     */
    public record Report(int delivered, int failed, long undelivered) {

        /** One line for the operator. */
        public String summary() {
            return delivered + " delivered, " + failed + " failed attempt(s), " + undelivered + " undelivered";
        }
    }

    /** The configured subscribers. */
    public List<Subscriber> subscribers() {
        return properties.subscribers();
    }

    /** One pass over every subscriber: each delivered everything due, until an attempt fails. */
    public Report deliverDue() {
        int delivered = 0;
        int failed = 0;
        for (Subscriber s : properties.subscribers()) {
            enqueue(s);
            while (!Thread.currentThread().isInterrupted()) {
                Optional<Boolean> sent = Objects.requireNonNull(transactions.execute(tx -> deliverHead(s)));
                if (sent.isEmpty()) {
                    break;
                }
                if (sent.get()) {
                    delivered++;
                } else {
                    failed++;
                    break;
                }
            }
        }
        return new Report(delivered, failed, undelivered());
    }

    /** The events of configured subscribers not yet delivered. */
    public long undelivered() {
        List<String> names =
                properties.subscribers().stream().map(Subscriber::key).toList();
        if (names.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM event_delivery WHERE delivered_at IS NULL AND subscriber IN (:names)")
                .param("names", names)
                .query(Long.class)
                .single();
    }

    /** Gives the subscriber a delivery row for each event of its types after the last it has one for. */
    private void enqueue(Subscriber s) {
        int added = jdbc.sql("""
                        INSERT INTO event_delivery (subscriber, sequence)
                        SELECT :s, o.sequence FROM event_outbox o
                         WHERE o.sequence > COALESCE((SELECT max(sequence) FROM event_delivery WHERE subscriber = :s),
                                                     0)
                           AND o.type IN (:types)
                        ON CONFLICT (subscriber, sequence) DO NOTHING
                        """)
                .param("s", s.key())
                .param("types", List.copyOf(s.eventTypes()))
                .update();
        if (added > 0) {
            LOG.debug("Events: {} new for {}", added, s.key());
        }
    }

    private record Claimed(long sequence, int attempts, CloudEvent event, byte[] body) {}

    /** Claims and POSTs the subscriber's oldest undelivered event if it is due: empty if none, else whether sent. */
    private Optional<Boolean> deliverHead(Subscriber s) {
        Optional<Claimed> claimed = jdbc.sql("""
                        SELECT d.sequence, d.attempts, o.event_id, o.type, o.source, o.subject, o.time, o.data::text
                          FROM event_delivery d JOIN event_outbox o ON o.sequence = d.sequence
                         WHERE d.subscriber = :s AND d.delivered_at IS NULL AND d.next_attempt_at <= now()
                           AND NOT EXISTS (SELECT 1 FROM event_delivery e
                                            WHERE e.subscriber = d.subscriber AND e.delivered_at IS NULL
                                              AND e.sequence < d.sequence)
                         ORDER BY d.sequence
                         LIMIT 1
                           FOR UPDATE OF d SKIP LOCKED
                        """)
                .param("s", s.key())
                .query((rs, n) -> {
                    long sequence = rs.getLong(1);
                    byte[] body = Objects.requireNonNull(rs.getString(8)).getBytes(StandardCharsets.UTF_8);
                    CloudEvent event = CloudEventBuilder.v1()
                            .withId(Objects.requireNonNull(rs.getObject(3, UUID.class))
                                    .toString())
                            .withType(Objects.requireNonNull(rs.getString(4)))
                            .withSource(URI.create(Objects.requireNonNull(rs.getString(5))))
                            .withSubject(Objects.requireNonNull(rs.getString(6)))
                            .withTime(Objects.requireNonNull(rs.getObject(7, OffsetDateTime.class)))
                            .withExtension("sequence", String.format("%020d", sequence))
                            .withData("application/json", body)
                            .build();
                    return new Claimed(sequence, rs.getInt(2), event, body);
                })
                .optional();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Claimed c = claimed.get();
        @Nullable String error = post(s, c.event());
        if (error == null) {
            jdbc.sql("""
                            UPDATE event_delivery SET attempts = attempts + 1, delivered_at = clock_timestamp(),
                                                      last_error = NULL
                             WHERE subscriber = :s AND sequence = :seq
                            """).param("s", s.key()).param("seq", c.sequence()).update();
            LOG.info(
                    "Event {} ({} {}) delivered to {}",
                    c.sequence(),
                    c.event().getType(),
                    c.event().getSubject(),
                    s.key());
            return Optional.of(true);
        }
        int attempts = c.attempts() + 1;
        Duration wait = backoff(attempts, properties.retryInitial(), properties.retryMax());
        jdbc.sql("""
                        UPDATE event_delivery SET attempts = :attempts, last_error = :error,
                                                  next_attempt_at = clock_timestamp() + :wait * INTERVAL '1 millisecond'
                         WHERE subscriber = :s AND sequence = :seq
                        """)
                .param("attempts", attempts)
                .param("error", error)
                .param("wait", wait.toMillis())
                .param("s", s.key())
                .param("seq", c.sequence())
                .update();
        LOG.warn(
                "Event {} ({}) not delivered to {} (attempt {}): {}; next attempt in {}",
                c.sequence(),
                c.event().getType(),
                s.key(),
                attempts,
                error,
                wait);
        return Optional.of(false);
    }

    /**
     * The wait after the {@code attempts}-th failed attempt: {@code initial} doubled {@code attempts - 1} times, at most
     * {@code max}.
     */
    static Duration backoff(int attempts, Duration initial, Duration max) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts " + attempts + " is not at least 1");
        }
        int doublings = Math.min(attempts - 1, 40);
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** POSTs an event to a subscriber: null if it answered 2xx, else what went wrong. */
    private @Nullable String post(Subscriber s, CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<byte[]> body = new ArrayList<>(1);
        HttpMessageFactory.createWriter(headers::put, body::add).writeBinary(event);
        byte[] bytes = body.isEmpty() ? new byte[0] : body.get(0);
        HttpRequest.Builder request = HttpRequest.newBuilder(s.url())
                .timeout(properties.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        String secret = s.secret();
        if (secret != null && !secret.isEmpty()) {
            request.header(SIGNATURE_HEADER, signature(secret, event.getId(), bytes));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            return truncate(
                    "HTTP " + response.statusCode() + ": " + response.body().strip());
        } catch (IOException e) {
            return truncate(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted (the process is stopping)";
        }
    }

    /** The signature header's value: {@code sha256=} and the hex HMAC-SHA256 with the secret of id, "." and body. */
    public static String signature(String secret, String eventId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((eventId + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR) + "...";
    }

    /**
     * One subscriber's delivery state: events delivered and undelivered, and the oldest undelivered (the one the
     * others wait behind) with its attempts, next attempt and last error.
     */
    public record SubscriberStatus(
            String subscriber,
            long delivered,
            long undelivered,
            @Nullable Long headSequence,
            @Nullable String headType,
            @Nullable String headSubject,
            int headAttempts,
            @Nullable OffsetDateTime nextAttempt,
            @Nullable String lastError) {}

    /** The delivery state of each configured subscriber, and of any other found in {@code event_delivery}. */
    public List<SubscriberStatus> status() {
        List<String> names = new ArrayList<>(
                properties.subscribers().stream().map(Subscriber::key).toList());
        jdbc.sql("SELECT DISTINCT subscriber FROM event_delivery ORDER BY subscriber")
                .query(String.class)
                .list()
                .forEach(n -> {
                    if (!names.contains(n)) {
                        names.add(n);
                    }
                });
        List<SubscriberStatus> out = new ArrayList<>();
        for (String name : names) {
            out.add(jdbc.sql("""
                            SELECT count(*) FILTER (WHERE d.delivered_at IS NOT NULL),
                                   count(*) FILTER (WHERE d.delivered_at IS NULL),
                                   h.sequence, o.type, o.subject, COALESCE(h.attempts, 0), h.next_attempt_at,
                                   h.last_error
                              FROM (SELECT :s AS subscriber) x
                              LEFT JOIN event_delivery d ON d.subscriber = x.subscriber
                              LEFT JOIN LATERAL (SELECT * FROM event_delivery e
                                                  WHERE e.subscriber = x.subscriber AND e.delivered_at IS NULL
                                                  ORDER BY e.sequence LIMIT 1) h ON true
                              LEFT JOIN event_outbox o ON o.sequence = h.sequence
                             GROUP BY h.sequence, o.type, o.subject, h.attempts, h.next_attempt_at, h.last_error
                            """)
                    .param("s", name)
                    .query((rs, n) -> new SubscriberStatus(
                            name,
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getObject(3, Long.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getObject(7, OffsetDateTime.class),
                            rs.getString(8)))
                    .single());
        }
        return out;
    }

    /** An outbox event as listed for the operator. */
    public record ListedEvent(
            long sequence, UUID id, OffsetDateTime time, String type, String subject, long delivered, long pending) {}

    /** The latest {@code limit} events, newest first, with how many subscribers have and have not had each. */
    public List<ListedEvent> recent(int limit) {
        return jdbc.sql("""
                        SELECT o.sequence, o.event_id, o.time, o.type, o.subject,
                               count(d.subscriber) FILTER (WHERE d.delivered_at IS NOT NULL),
                               count(d.subscriber) FILTER (WHERE d.delivered_at IS NULL)
                          FROM event_outbox o LEFT JOIN event_delivery d ON d.sequence = o.sequence
                         GROUP BY o.sequence
                         ORDER BY o.sequence DESC
                         LIMIT :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> new ListedEvent(
                        rs.getLong(1),
                        Objects.requireNonNull(rs.getObject(2, UUID.class)),
                        Objects.requireNonNull(rs.getObject(3, OffsetDateTime.class)),
                        Objects.requireNonNull(rs.getString(4)),
                        Objects.requireNonNull(rs.getString(5)),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list();
    }
}
