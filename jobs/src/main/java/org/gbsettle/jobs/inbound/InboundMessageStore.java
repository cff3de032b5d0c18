package org.gbsettle.jobs.inbound;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gbsettle.jobs.io.parquet.MeterDataParquetWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The staging of accepted consumption messages in PostgreSQL ({@code inbound_message}, {@code inbound_message_value},
 * {@code inbound_batch}; sql/migrations/V0022): messages stored by id, claimed into batches, and marked flushed with
 * the meter-data file that holds their values. The caller owns the transactions.
 */
@Repository
public class InboundMessageStore {

    private static final int BATCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public InboundMessageStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.template = Objects.requireNonNull(template, "template");
    }

    /** What has not yet been claimed into a batch: its rows and the oldest receipt time (null when nothing is). */
    public record Unbatched(
            long messages, long rows, @Nullable Instant oldest) {}

    /** A claimed batch: its id and size. */
    public record Batch(long batchId, int messages, long rows) {}

    /**
     * Makes the current transaction's commit wait for its WAL to reach disk ({@code synchronous_commit} on for this
     * transaction), whatever the server's default (the embedded server runs with it off): what is acknowledged to a
     * sender must survive a crash of the server.
     */
    public void durableCommit() {
        jdbc.sql("SET LOCAL synchronous_commit TO on").update();
    }

    /**
     * Stores a message unless its id is stored already.
     *
     * @return whether it was stored now
     */
    public boolean insert(ConsumptionMessage m, String contentSha256, Instant receivedAt, String via) {
        int inserted = jdbc.sql("""
                        INSERT INTO inbound_message (message_id, content_sha256, sender, created_at, schema_version,
                               mpan, measurement_quantity, value_count, received_at, received_via)
                        VALUES (:id, :sha, :sender, :created, :version, :mpan, :mq, :count, :received, :via)
                        ON CONFLICT (message_id) DO NOTHING
                        """)
                .param("id", m.messageId())
                .param("sha", contentSha256)
                .param("sender", m.sender())
                .param("created", utc(m.createdAt()))
                .param("version", m.schemaVersion())
                .param("mpan", m.mpan())
                .param("mq", m.measurementQuantity())
                .param("count", m.values().size())
                .param("received", utc(receivedAt))
                .param("via", via)
                .update();
        if (inserted == 0) {
            return false;
        }
        List<ConsumptionMessage.PeriodValue> values = m.values();
        Integer[] index = new Integer[values.size()];
        String[] start = new String[values.size()];
        String[] kwh = new String[values.size()];
        String[] quality = new String[values.size()];
        for (int i = 0; i < values.size(); i++) {
            index[i] = i;
            start[i] = values.get(i).utcPeriodStart().toString();
            kwh[i] = values.get(i).kwh().toPlainString();
            quality[i] = values.get(i).quality();
        }
        // one statement per message: its values as text arrays, unnested and cast (ISO-8601 instants, plain decimals)
        template.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO inbound_message_value (message_id, value_index, utc_period_start, kwh, quality)"
                            + " SELECT ?, v.i, CAST(v.t AS timestamptz), CAST(v.k AS numeric), v.q"
                            + " FROM unnest(?::integer[], ?::text[], ?::text[], ?::text[])"
                            + " AS v(i, t, k, q)");
            ps.setString(1, m.messageId());
            ps.setArray(2, connection.createArrayOf("integer", index));
            ps.setArray(3, connection.createArrayOf("text", start));
            ps.setArray(4, connection.createArrayOf("text", kwh));
            ps.setArray(5, connection.createArrayOf("text", quality));
            return ps;
        });
        return true;
    }

    /** The content SHA-256 of the stored message with this id, if any. */
    public Optional<String> contentSha256(String messageId) {
        return jdbc.sql("SELECT content_sha256 FROM inbound_message WHERE message_id = :id")
                .param("id", messageId)
                .query(String.class)
                .optional();
    }

    /** The messages not yet claimed into a batch. */
    public Unbatched unbatched() {
        return jdbc.sql("""
                        SELECT count(*) AS messages, coalesce(sum(value_count), 0) AS value_rows,
                               min(received_at) AS oldest
                          FROM inbound_message WHERE batch_id IS NULL
                        """)
                .query((rs, n) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    return new Unbatched(
                            rs.getLong("messages"),
                            rs.getLong("value_rows"),
                            oldest == null ? null : oldest.toInstant());
                })
                .single();
    }

    /**
     * Claims the oldest unclaimed messages (by receipt time, then id) into a new batch of at most {@code maxRows}
     * values (at least one message, however large); messages locked by another flusher are skipped. Run in a
     * transaction.
     *
     * @return the batch, or empty when there is nothing to claim
     */
    public Optional<Batch> claim(long maxRows) {
        List<String> ids = new ArrayList<>();
        long rows = 0;
        List<Object[]> candidates = jdbc.sql("""
                        SELECT message_id, value_count FROM inbound_message
                         WHERE batch_id IS NULL
                         ORDER BY received_at, message_id
                         LIMIT :limit
                           FOR UPDATE SKIP LOCKED
                        """)
                .param("limit", Math.min(maxRows, 1_000_000L))
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2)})
                .list();
        for (Object[] c : candidates) {
            int count = (Integer) c[1];
            if (!ids.isEmpty() && rows + count > maxRows) {
                break;
            }
            ids.add((String) c[0]);
            rows += count;
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long batchId = jdbc.sql(
                        "INSERT INTO inbound_batch (message_count, row_count) VALUES (:m, :r) RETURNING batch_id")
                .param("m", ids.size())
                .param("r", rows)
                .query(Long.class)
                .single();
        template.batchUpdate(
                "UPDATE inbound_message SET batch_id = ? WHERE message_id = ?",
                ids,
                BATCH_SIZE,
                (PreparedStatement ps, String id) -> {
                    ps.setLong(1, batchId);
                    ps.setString(2, id);
                });
        return Optional.of(new Batch(batchId, ids.size(), rows));
    }

    /** The batches claimed but not yet registered as a file, oldest first. */
    public List<Long> pendingBatches() {
        return jdbc.sql("SELECT batch_id FROM inbound_batch WHERE file_id IS NULL ORDER BY batch_id")
                .query(Long.class)
                .list();
    }

    /**
     * The values of a batch as meter-data rows, each with its message's receipt time, in a fixed order (receipt time,
     * message id, the message's order): the same batch always gives the same rows.
     */
    public List<MeterDataParquetWriter.Row> rows(long batchId) {
        return jdbc.sql("""
                        SELECT m.mpan, v.utc_period_start, m.measurement_quantity, v.kwh, v.quality, m.received_at
                          FROM inbound_message m
                          JOIN inbound_message_value v ON v.message_id = m.message_id
                         WHERE m.batch_id = :batch
                         ORDER BY m.received_at, m.message_id, v.value_index
                        """)
                .param("batch", batchId)
                .query((rs, n) -> new MeterDataParquetWriter.Row(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getBigDecimal(4).setScale(3),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The number of messages in a batch. */
    public int messageCount(long batchId) {
        return jdbc.sql("SELECT message_count FROM inbound_batch WHERE batch_id = :batch")
                .param("batch", batchId)
                .query(Integer.class)
                .single();
    }

    /** Records that a batch's values are in a registered meter-data file: the batch and its messages. */
    public void markFlushed(long batchId, String filePath, long fileId) {
        jdbc.sql(
                        "UPDATE inbound_batch SET file_path = :path, file_id = :file, flushed_at = now() WHERE batch_id = :batch")
                .param("path", filePath)
                .param("file", fileId)
                .param("batch", batchId)
                .update();
        jdbc.sql("UPDATE inbound_message SET file_id = :file WHERE batch_id = :batch")
                .param("file", fileId)
                .param("batch", batchId)
                .update();
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
