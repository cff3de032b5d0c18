package org.gbsettle.jobs.inbound;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.inbound.InboundMessageStore.Batch;
import org.gbsettle.jobs.inbound.InboundMessageStore.Unbatched;
import org.gbsettle.jobs.ingest.IngestOutcome;
import org.gbsettle.jobs.ingest.IngestReport;
import org.gbsettle.jobs.ingest.IngestResult;
import org.gbsettle.jobs.ingest.MeterDataIngestService;
import org.gbsettle.jobs.io.parquet.MeterDataParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The flush of staged consumption messages into the meter-data store: the oldest messages claimed into a batch of at
 * most {@code gbsettle.inbound.flush.max-rows} values (default 100,000), when that many are waiting or the oldest has
 * waited {@code gbsettle.inbound.flush.max-age} (default PT15M), or always when asked to flush everything; each batch
 * written as one Parquet file in the UTC layout ({@code received_at} per row = its message's receipt time) under
 * {@code gbsettle.inbound.store-dir} (default {@code ./var/meter-data/messages}), atomically (a temporary file, fsync,
 * rename, fsync of the directory), registered through the {@link MeterDataIngestService} (receipt time of the file =
 * its earliest message's), and its messages marked flushed with the file id.
 *
 * <p>Crash-safe: a batch is claimed (in one transaction) before its file is written, and its file name and bytes
 * depend only on its messages, so a batch left unflushed (file not written, written but not registered, or registered
 * but not marked) is completed by the next flush: the same bytes again, recognised by the ingest as the file already
 * registered (same SHA-256). No value is lost or stored twice.
 *
 * <p>One flush at a time in the database: {@link #flush} holds a PostgreSQL advisory lock (keys {@value
 * #FLUSH_LOCK_NAMESPACE}, 0; not a run lock) for its duration, so the periodic flush, the flush before
 * a run and {@code flush-messages}, in any process, wait for each other instead of completing the same batch at once.
 */
@Component
public class MessageFlusher {

    private static final Logger LOG = LoggerFactory.getLogger(MessageFlusher.class);

    /** One batch flushed: its messages and values, its file and the file's registration. */
    public record FlushedBatch(
            long batchId, int messages, long rows, Path file, long fileId, boolean registeredBefore) {}

    /** The first key of the flush's advisory lock ("GBIF" in ASCII; run locks use another). */
    static final int FLUSH_LOCK_NAMESPACE = 0x47424946;

    private final InboundMessageStore store;
    private final DataSource dataSource;
    private final MeterDataIngestService ingest;
    private final TransactionTemplate transaction;
    private final Path storeDir;
    private final long maxRows;
    private final Duration maxAge;

    public MessageFlusher(
            InboundMessageStore store,
            DataSource dataSource,
            MeterDataIngestService ingest,
            PlatformTransactionManager transactions,
            @Value("${gbsettle.inbound.store-dir:./var/meter-data/messages}") String storeDir,
            @Value("${gbsettle.inbound.flush.max-rows:100000}") long maxRows,
            @Value("${gbsettle.inbound.flush.max-age:PT15M}") Duration maxAge) {
        this.store = Objects.requireNonNull(store, "store");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.transaction = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
        this.storeDir = Path.of(storeDir).toAbsolutePath().normalize();
        if (maxRows < 1) {
            throw new GbSettleException("gbsettle.inbound.flush.max-rows must be at least 1, not " + maxRows);
        }
        this.maxRows = maxRows;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    /** The directory the batch files are written to. */
    public Path storeDir() {
        return storeDir;
    }

    /**
     * Completes the batches left unflushed, then flushes what is due: full batches, and batches of messages older
     * than the maximum age; with {@code all}, everything staged.
     *
     * @throws GbSettleException if a file cannot be written or registered (its batch is completed by a later flush)
     */
    public List<FlushedBatch> flush(boolean all) {
        return exclusively(() -> flushHoldingLock(all));
    }

    /** Runs {@code work} holding the flush's advisory lock (waiting for it), on a connection of its own. */
    private <T> T exclusively(Supplier<T> work) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                s.setInt(1, FLUSH_LOCK_NAMESPACE);
                s.setInt(2, 0);
                s.execute();
            }
            try {
                return work.get();
            } finally {
                try (java.sql.PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    s.setInt(1, FLUSH_LOCK_NAMESPACE);
                    s.setInt(2, 0);
                    s.execute();
                }
            }
        } catch (java.sql.SQLException e) {
            throw new GbSettleException("the flush of inbound messages cannot take its lock: " + e.getMessage(), e);
        }
    }

    private List<FlushedBatch> flushHoldingLock(boolean all) {
        List<FlushedBatch> done = new ArrayList<>();
        for (long batchId : store.pendingBatches()) {
            done.add(complete(batchId));
        }
        while (true) {
            Unbatched waiting = store.unbatched();
            if (waiting.messages() == 0) {
                break;
            }
            Instant oldest = waiting.oldest();
            boolean due = all
                    || waiting.rows() >= maxRows
                    || (oldest != null && !oldest.isAfter(Instant.now().minus(maxAge)));
            if (!due) {
                break;
            }
            Optional<Batch> batch = claimBatch();
            if (batch.isEmpty()) {
                break;
            }
            done.add(complete(batch.get().batchId()));
        }
        return done;
    }

    /**
     * Flushes everything staged if a message received by {@code cutoff} is waiting, or a batch is left unflushed;
     * nothing otherwise. Called before a run with that cut-off is created, so that it reads every message acknowledged
     * before its cut-off, not only those the periodic flush has reached.
     *
     * @return the batches flushed, empty if none was needed
     */
    public List<FlushedBatch> flushReceivedBy(Instant cutoff) {
        Instant oldest = store.unbatched().oldest();
        boolean due = !store.pendingBatches().isEmpty() || (oldest != null && !oldest.isAfter(cutoff));
        if (!due) {
            return List.of();
        }
        List<FlushedBatch> done = flush(true);
        LOG.info("Flushed {} batch(es) of staged messages before a run with cut-off {}", done.size(), cutoff);
        return done;
    }

    /** Claims the oldest staged messages into a batch (one transaction); empty if none is waiting. */
    public Optional<Batch> claimBatch() {
        return Objects.requireNonNull(transaction.execute(status -> store.claim(maxRows)));
    }

    /** The file of a batch: {@code inbound-batch-<id>.parquet} in the store directory. */
    public Path batchFile(long batchId) {
        return storeDir.resolve(String.format("inbound-batch-%010d.parquet", batchId));
    }

    /**
     * Writes a claimed batch's file atomically: the same batch always gives the same bytes.
     *
     * @throws GbSettleException if it cannot be written
     */
    public Path writeBatchFile(long batchId) {
        return write(batchId, store.rows(batchId));
    }

    private Path write(long batchId, List<MeterDataParquetWriter.Row> rows) {
        if (rows.isEmpty()) {
            throw new GbSettleException("inbound batch " + batchId + " has no values");
        }
        Path file = batchFile(batchId);
        Path temp = storeDir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(storeDir);
            MeterDataParquetWriter.write(temp, rows, 3, true);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(storeDir, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // a file system that cannot sync a directory: the rename is as durable as it allows
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new GbSettleException(
                    "inbound batch " + batchId + ": " + file + " cannot be written (" + e.getMessage() + ")", e);
        }
        return file;
    }

    /**
     * Completes a claimed batch: writes its file, registers it (or finds it registered), marks its messages.
     *
     * @throws GbSettleException if the file cannot be written or registered as usable
     */
    public FlushedBatch complete(long batchId) {
        List<MeterDataParquetWriter.Row> rows = store.rows(batchId);
        Path file = write(batchId, rows);
        Instant firstReceived = rows.stream()
                .map(r -> Objects.requireNonNull(r.receivedAt()))
                .min(Comparator.naturalOrder())
                .orElseThrow();
        IngestReport report = ingest.ingest(List.of(file), firstReceived);
        IngestResult result =
                report.results().isEmpty() ? null : report.results().get(0);
        IngestOutcome outcome = result == null ? null : result.outcome();
        if (outcome == null || !outcome.usable() || outcome.rowsQuarantined() > 0) {
            String why = report.failure() != null
                    ? report.failure()
                    : result == null
                            ? "no result"
                            : outcome == null
                                    ? String.valueOf(result.error())
                                    : outcome.rowsQuarantined() > 0
                                            ? outcome.rowsQuarantined() + " row(s) quarantined"
                                            : String.valueOf(outcome.message());
            throw new GbSettleException(
                    "inbound batch " + batchId + ": " + file + " was not registered as usable: " + why);
        }
        long fileId = outcome.fileId();
        boolean before = outcome.status() == IngestOutcome.Status.ALREADY_INGESTED;
        transaction.executeWithoutResult(status -> store.markFlushed(batchId, file.toString(), fileId));
        LOG.info(
                "inbound batch {}: {} value(s) {} as meter-data file {} ({})",
                batchId,
                rows.size(),
                before ? "found registered" : "registered",
                fileId,
                file);
        return new FlushedBatch(batchId, store.messageCount(batchId), rows.size(), file, fileId, before);
    }
}
