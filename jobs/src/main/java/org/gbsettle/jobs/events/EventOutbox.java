package org.gbsettle.jobs.events;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of run events ({@code event_outbox}, V0024): an event is appended in the transaction of the
 * state change it reports, so it exists iff that change committed. Appending outside a transaction is refused.
 *
 * <p>Every writer first takes the transaction-scoped advisory lock {@link #LOCK_KEY}, held to its commit, so events
 * commit in the order of their {@code sequence}: a dispatcher that has read up to a sequence never later finds a
 * smaller one committed, and events go out in the order their state changes committed.
 */
@Component
public final class EventOutbox {

    /** The {@code pg_advisory_xact_lock} key writers serialise on ("gbsevent"). */
    public static final long LOCK_KEY = 0x6762736576656E74L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final String source;

    public EventOutbox(JdbcClient jdbc, EventsProperties properties) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.source = properties.source();
    }

    /**
     * Takes the outbox lock for the rest of the current transaction (again is harmless): whoever writes events after
     * reading state they describe (which runs were authoritative before a completion) takes it first.
     *
     * @throws IllegalStateException if no transaction is active
     */
    public void lock() {
        requireTransaction();
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                .param("key", LOCK_KEY)
                .query()
                .listOfRows();
    }

    /**
     * Appends an event in the current transaction: a new random id, the time of the transaction, {@code data} (maps,
     * lists, strings, numbers, booleans) as JSON.
     *
     * @return the event id (the CloudEvents {@code id})
     * @throws IllegalStateException if no transaction is active
     */
    public UUID append(RunEventType type, String subject, @Nullable Long runId, Map<String, ?> data) {
        lock();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO event_outbox (event_id, type, source, subject, time, data, run_id)
                        VALUES (:id, :type, :source, :subject, now(), CAST(:data AS JSONB), :run)
                        """)
                .param("id", id)
                .param("type", type.type())
                .param("source", source)
                .param("subject", subject)
                .param("data", JSON.writeValueAsString(data))
                .param("run", runId, java.sql.Types.BIGINT)
                .update();
        return id;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "an event is written in the transaction of its state change, and there is" + " no transaction");
        }
    }
}
