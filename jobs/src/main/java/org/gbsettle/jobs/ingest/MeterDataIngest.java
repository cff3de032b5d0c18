package org.gbsettle.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.TestPause;
import org.gbsettle.jobs.ingest.IngestOutcome.Status;
import org.gbsettle.jobs.ingest.WholeFileRead.QuarantinedRow;
import org.gbsettle.jobs.io.parquet.MeterDataFileException;
import org.gbsettle.jobs.io.parquet.MeterDataLayout;
import org.gbsettle.jobs.io.parquet.RejectedRow;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository.NewFile;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository.QuarantineRow;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository.Registered;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The meter-data ingest: registers one delivered Parquet file, in one transaction, with its SHA-256, size, layout,
 * settlement dates, row counts and receipt time, and quarantines its rejected rows. The file stays where it is.
 *
 * <p>Idempotent: a file whose bytes (SHA-256) are registered already is reported as such and changes nothing; changed
 * bytes at the same path are a new delivery. A file that cannot be read or breaks the schema is registered as
 * rejected with the reason, and none of its rows is used.
 *
 * <p>Receipt time: the one given, else the file's last-modified time, else now; truncated to the microsecond.
 */
@Component
public final class MeterDataIngest {

    private static final Logger log = LoggerFactory.getLogger(MeterDataIngest.class);

    private final JdbcMeterDataFileRepository files;
    private final TransactionTemplate transaction;

    public MeterDataIngest(JdbcMeterDataFileRepository files, PlatformTransactionManager transactions) {
        this.files = Objects.requireNonNull(files, "files");
        this.transaction = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
    }

    /**
     * Ingests one file.
     *
     * @param receivedAt the delivery time, or null for the file's modification time
     * @throws GbSettleException if the file does not exist or cannot be read at all (nothing is registered)
     */
    public IngestOutcome ingest(Path file, @Nullable Instant receivedAt) {
        Path path = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new GbSettleException(path + ": no such file");
        }
        String sha256;
        long size;
        Instant received;
        try {
            sha256 = sha256(path);
            size = Files.size(path);
            received = receivedAt != null ? receivedAt : modified(path);
        } catch (IOException e) {
            throw new GbSettleException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Instant at = received.truncatedTo(ChronoUnit.MICROS);

        Optional<Registered> earlier = files.findBySha256(sha256);
        if (earlier.isPresent()) {
            return already(path, sha256, earlier.get());
        }
        WholeFileRead read;
        try {
            read = WholeFileRead.of(path, at);
        } catch (MeterDataFileException e) {
            return rejected(path, sha256, size, at, e.getMessage());
        }
        if (!read.sha256().equals(sha256)) {
            throw new GbSettleException(path + " changed while it was being read: ingest it again");
        }
        return Objects.requireNonNull(transaction.execute(status -> accepted(path, read, at)));
    }

    private IngestOutcome already(Path path, String sha256, Registered earlier) {
        log.info("{}: already ingested as file {} ({})", path, earlier.fileId(), earlier.path());
        return new IngestOutcome(
                path,
                earlier.fileId(),
                sha256,
                Status.ALREADY_INGESTED,
                List.of(),
                0,
                0,
                0,
                earlier.receivedAt(),
                earlier.rejection());
    }

    private IngestOutcome rejected(Path path, String sha256, long size, Instant at, @Nullable String message) {
        String why = message == null ? "cannot be read" : message;
        long id = files.insert(new NewFile(path, sha256, size, null, List.of(), 0, 0, 0, at, registeredBy(), why));
        log.warn("{}: rejected as file {}: {}", path, id, why);
        return new IngestOutcome(path, id, sha256, Status.REJECTED, List.of(), 0, 0, 0, at, why);
    }

    private IngestOutcome accepted(Path path, WholeFileRead read, Instant at) {
        long quarantined = read.quarantined().size();
        long id = files.insert(new NewFile(
                path,
                read.sha256(),
                read.sizeBytes(),
                layoutCode(read.layout()),
                read.settlementDates(),
                read.rowsRead(),
                read.rowsAccepted(),
                quarantined,
                at,
                registeredBy(),
                null));
        files.insertQuarantine(
                id, path, read.quarantined().stream().map(MeterDataIngest::row).toList());
        TestPause.at(TestPause.Point.INGEST_WRITE, path + " as file " + id);
        log.info(
                "{}: ingested as file {}: {} rows read = {} accepted + {} quarantined",
                path,
                id,
                read.rowsRead(),
                read.rowsAccepted(),
                quarantined);
        return new IngestOutcome(
                path,
                id,
                read.sha256(),
                Status.INGESTED,
                read.settlementDates(),
                read.rowsRead(),
                read.rowsAccepted(),
                quarantined,
                at,
                null);
    }

    private static QuarantineRow row(QuarantinedRow q) {
        RejectedRow r = q.row();
        return new QuarantineRow(
                r.row(),
                r.mpan() == 0 ? null : r.mpan(),
                q.settlementDate(),
                r.period() == 0 ? null : r.period(),
                r.field(),
                r.value().isEmpty() ? null : r.value(),
                r.reason().name(),
                r.message());
    }

    /** The {@code meter_data_file.layout} code of a layout. */
    static String layoutCode(MeterDataLayout layout) {
        return switch (layout) {
            case DATE_AND_PERIOD -> "DATE_PERIOD";
            case UTC_PERIOD_START -> "UTC";
        };
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException | RuntimeException e) {
            return Instant.now();
        }
    }

    private static String registeredBy() {
        return System.getProperty("user.name", "unknown");
    }

    /** SHA-256 of the file's bytes, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
