package org.gbsettle.jobs.run;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.ingest.ReceivedMeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.io.parquet.RejectedRow;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.io.postgres.JdbcRunOutputRepository;
import org.gbsettle.jobs.reference.LoadedTake;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a settlement run of one date: creates the immutable {@code settlement_run} row (status {@code RUNNING}), one
 * {@code run_partition} per GSP group with registrations on the date, resolves the inputs as at the data cut-off
 * (reference data by the load-version rule, the accepted meter-data files received at or before the cut-off, read in
 * place), calculates every group on a thread pool of {@code gbsettle.run.threads} threads (a plain executor, not a
 * Spring Batch job), writes each group's outputs in one transaction with its completion, then the input manifest and
 * fingerprints, and marks the run {@code COMPLETE} last in a transaction of its own.
 *
 * <p>Every group is calculated before any output is written, so that missing mandatory reference data (or a missing
 * take) fails the run with the whole list of problems and no output. A failure marks the run (and the partition)
 * {@code FAILED} with the message.
 */
@Component
public final class SettlementRunService {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementRunService.class);

    /** Row ids of file i (0-based, in file id order) are {@code (i + 1) << FILE_SHIFT} + the 1-based row number. */
    private static final int FILE_SHIFT = 40;

    private static final long ROW_MASK = (1L << FILE_SHIFT) - 1;

    private final JdbcClient jdbc;
    private final JdbcReferenceDataRepository reference;
    private final JdbcMeterDataFileRepository meterFiles;
    private final JdbcRunOutputRepository outputs;
    private final TransactionTemplate transactions;
    private final int threads;

    public SettlementRunService(
            JdbcClient jdbc,
            JdbcReferenceDataRepository reference,
            JdbcMeterDataFileRepository meterFiles,
            JdbcRunOutputRepository outputs,
            PlatformTransactionManager transactionManager,
            @Value("${gbsettle.run.threads:2}") int threads) {
        this.jdbc = jdbc;
        this.reference = reference;
        this.meterFiles = meterFiles;
        this.outputs = outputs;
        this.transactions = new TransactionTemplate(transactionManager);
        if (threads < 1) {
            throw new IllegalArgumentException("gbsettle.run.threads is " + threads + ", not 1 or more");
        }
        this.threads = threads;
    }

    /** A meter-data file as read for the run: its registration, position and read. */
    private record FileRead(ReceivedMeterDataFile file, MeterDataFile read) {}

    /** One group's calculation, before it is written. */
    private record Calculated(
            GspGroup group,
            ReferenceSnapshot snapshot,
            LoadedTake take,
            RunResult result,
            long values,
            long readerRejected,
            List<QuarantineOutput> quarantine) {}

    /**
     * Runs a settlement run to completion.
     *
     * @throws GbSettleException if the run fails (it is then recorded as {@code FAILED} with the message)
     */
    public RunOutcome run(RunRequest request) {
        Instant cutoff = request.dataCutoff() == null
                ? Instant.now().truncatedTo(ChronoUnit.MICROS)
                : request.dataCutoff().truncatedTo(ChronoUnit.MICROS);
        LocalDate date = request.settlementDate();
        CalculationConfig config = CalculationConfig.defaults();
        int number = request.runNumber() != null ? request.runNumber() : nextRunNumber(date, request);
        long runId = createRun(request, number, cutoff, config);
        LOG.info(
                "Run {}: {} {} {} started, data cut-off {}, by {}",
                runId,
                date,
                request.runType(),
                number,
                cutoff,
                request.startedBy());
        try {
            return execute(runId, number, request, cutoff, config);
        } catch (RuntimeException e) {
            String message = e instanceof GbSettleException ? String.valueOf(e.getMessage()) : String.valueOf(e);
            fail(runId, message);
            LOG.info("Run {}: FAILED: {}", runId, message);
            if (e instanceof GbSettleException g) {
                throw g;
            }
            throw new GbSettleException("run " + runId + " failed: " + message, e);
        }
    }

    private RunOutcome execute(long runId, int number, RunRequest request, Instant cutoff, CalculationConfig config) {
        LocalDate date = request.settlementDate();
        SettlementDate settlementDate = SettlementDate.of(date);
        ReferenceSnapshot all = reference.read(date, null);
        Map<Long, GspGroup> groupOfMpan = new HashMap<>();
        TreeSet<GspGroup> groups = new TreeSet<>();
        for (Registration r : all.meteringSystems().effectiveOn(date)) {
            groupOfMpan.putIfAbsent(r.mpan(), r.gspGroup());
            groups.add(r.gspGroup());
        }
        if (groups.isEmpty()) {
            throw new GbSettleException("run " + runId + ": no metering system is registered on " + date
                    + "; load the registrations first (load-reference)");
        }
        for (GspGroup g : groups) {
            jdbc.sql("INSERT INTO run_partition (run_id, gsp_group, status) VALUES (:run, :group, 'PENDING')")
                    .param("run", runId)
                    .param("group", g.id())
                    .update();
        }

        List<FileRead> files = readFiles(date, settlementDate, cutoff);
        Map<GspGroup, MeterReads.Builder> reads = new TreeMap<>();
        Map<GspGroup, List<QuarantineOutput>> rejectedByGroup = new TreeMap<>();
        for (GspGroup g : groups) {
            reads.put(g, MeterReads.builder());
            rejectedByGroup.put(g, new ArrayList<>());
        }
        List<QuarantineOutput> unassigned = new ArrayList<>();
        for (FileRead f : files) {
            MeterReads r = f.read().reads();
            for (int i = 0; i < r.size(); i++) {
                long mpan = r.mpan(i);
                GspGroup g = groupOfMpan.get(mpan);
                if (g == null) {
                    QuarantineReason reason =
                            Mpan.isValid(mpan) ? QuarantineReason.UNKNOWN_MPAN : QuarantineReason.BAD_MPAN;
                    unassigned.add(new QuarantineOutput(
                            f.file().fileId(),
                            f.file().path().toString(),
                            r.rowId(i) & ROW_MASK,
                            mpan,
                            r.period(i),
                            "mpan",
                            Mpan.format(Math.max(0, mpan)),
                            reason.name(),
                            "MPAN registered in no GSP group on " + date));
                } else {
                    Objects.requireNonNull(reads.get(g))
                            .add(
                                    mpan,
                                    r.measurementQuantity(i),
                                    r.period(i),
                                    r.wh(i),
                                    r.quality(i),
                                    r.receivedAt(i),
                                    r.rowId(i));
                }
            }
            for (RejectedRow rejected : f.read().rejected()) {
                if (f.read().ofOtherDate(rejected.row())) {
                    continue;
                }
                QuarantineOutput q = new QuarantineOutput(
                        f.file().fileId(),
                        f.file().path().toString(),
                        rejected.row(),
                        rejected.mpan(),
                        rejected.period(),
                        rejected.field(),
                        rejected.value(),
                        rejected.reason().name(),
                        rejected.message());
                GspGroup g = groupOfMpan.get(rejected.mpan());
                if (g == null) {
                    unassigned.add(q);
                } else {
                    Objects.requireNonNull(rejectedByGroup.get(g)).add(q);
                }
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, groups.size()));
        try {
            Map<GspGroup, Future<Calculated>> calculations = new LinkedHashMap<>();
            for (GspGroup g : groups) {
                MeterReads groupReads = Objects.requireNonNull(reads.get(g)).build();
                List<QuarantineOutput> rejected = Objects.requireNonNull(rejectedByGroup.get(g));
                calculations.put(
                        g,
                        pool.submit(() ->
                                calculate(runId, number, request, cutoff, config, g, groupReads, rejected, files)));
            }
            List<Calculated> calculated = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (var e : calculations.entrySet()) {
                try {
                    calculated.add(e.getValue().get());
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    if (cause instanceof MissingReferenceDataException m) {
                        problems.add(e.getKey() + ": " + m.getMessage());
                    } else {
                        failPartition(runId, e.getKey(), String.valueOf(cause));
                        throw new GbSettleException(
                                "run " + runId + ": GSP group " + e.getKey() + " failed: " + cause, cause);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new GbSettleException(
                        "run " + runId + ": missing reference data, nothing written:\n" + String.join("\n", problems));
            }

            List<Future<PartitionOutcome>> writes = new ArrayList<>();
            for (Calculated c : calculated) {
                writes.add(pool.submit(() -> write(runId, date, c)));
            }
            List<PartitionOutcome> partitions = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                try {
                    partitions.add(writes.get(i).get());
                } catch (ExecutionException ex) {
                    GspGroup g = calculated.get(i).group();
                    failPartition(runId, g, String.valueOf(ex.getCause()));
                    throw new GbSettleException(
                            "run " + runId + ": writing GSP group " + g + " failed: " + ex.getCause(), ex.getCause());
                }
            }
            transactions.executeWithoutResult(s -> outputs.insertQuarantine(runId, null, date, unassigned));

            String manifest = manifest(request, number, cutoff, config, files, calculated);
            String inputFingerprint = sha256(manifest);
            StringBuilder out = new StringBuilder();
            for (PartitionOutcome p : partitions) {
                out.append(p.gspGroup()).append('\0').append(p.fingerprint()).append('\n');
            }
            String outputFingerprint = sha256(out.toString());
            jdbc.sql("UPDATE settlement_run SET input_manifest = CAST(:manifest AS JSONB), input_fingerprint = :in,"
                            + " output_fingerprint = :out WHERE run_id = :run")
                    .param("manifest", manifest)
                    .param("in", inputFingerprint)
                    .param("out", outputFingerprint)
                    .param("run", runId)
                    .update();
            transactions.executeWithoutResult(s -> jdbc.sql("UPDATE settlement_run SET status = 'COMPLETE',"
                            + " completed_at = now() WHERE run_id = :run")
                    .param("run", runId)
                    .update());
            LOG.info("Run {}: COMPLETE, output fingerprint {}", runId, outputFingerprint);
            return new RunOutcome(
                    runId, number, cutoff, inputFingerprint, outputFingerprint, partitions, unassigned.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GbSettleException("run " + runId + " interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<FileRead> readFiles(LocalDate date, SettlementDate settlementDate, Instant cutoff) {
        List<ReceivedMeterDataFile> received = new ArrayList<>(meterFiles.receivedFor(date, cutoff));
        received.sort(Comparator.comparingLong(ReceivedMeterDataFile::fileId));
        List<FileRead> files = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            ReceivedMeterDataFile f = received.get(i);
            MeterDataFile read =
                    MeterDataParquetReader.read(f.path(), settlementDate, f.receivedAt(), (long) (i + 1) << FILE_SHIFT);
            if (!read.stats().sha256().equals(f.sha256())) {
                throw new GbSettleException("meter-data file " + f.path() + " (file " + f.fileId()
                        + ") has changed since it was ingested: SHA-256 "
                        + read.stats().sha256() + ", registered "
                        + f.sha256());
            }
            files.add(new FileRead(f, read));
        }
        return files;
    }

    private Calculated calculate(
            long runId,
            int number,
            RunRequest request,
            Instant cutoff,
            CalculationConfig config,
            GspGroup group,
            MeterReads groupReads,
            List<QuarantineOutput> readerRejected,
            List<FileRead> files) {
        jdbc.sql("UPDATE run_partition SET status = 'RUNNING', started_at = now() WHERE run_id = :run AND gsp_group ="
                        + " :group")
                .param("run", runId)
                .param("group", group.id())
                .update();
        LocalDate date = request.settlementDate();
        ReferenceSnapshot snapshot = reference.read(date, group);
        LoadedTake take = reference
                .take(group, date)
                .orElseThrow(() -> new MissingReferenceDataException(
                        "GSP group " + group + " " + date,
                        List.of(new org.gbsettle.engine.run.CalculationIssue(
                                org.gbsettle.engine.run.IssueCode.MISSING_TAKE,
                                null,
                                0,
                                "no GSP group take (CDCA-I029) loaded for " + group + " on " + date))));
        RunContext context = new RunContext(SettlementDate.of(date), request.runType(), number, group, cutoff);
        RunInputs inputs = RunInputs.of(context, snapshot.meteringSystems(), groupReads, take.take())
                .withConfig(config);
        RunResult engine = SettlementCalculator.calculate(inputs, snapshot.referenceData());

        List<QuarantineOutput> quarantine = new ArrayList<>();
        List<QuarantinedRead> all = new ArrayList<>(engine.quarantine());
        for (QuarantinedRead q : engine.quarantine()) {
            FileRead f = files.get((int) (q.rowId() >>> FILE_SHIFT) - 1);
            quarantine.add(new QuarantineOutput(
                    f.file().fileId(),
                    f.file().path().toString(),
                    q.rowId() & ROW_MASK,
                    q.mpan(),
                    q.period(),
                    q.field(),
                    q.value(),
                    q.reason().name(),
                    "rejected by the calculation"));
        }
        for (QuarantineOutput q : readerRejected) {
            int index = fileIndex(files, q.fileId());
            all.add(new QuarantinedRead(
                    ((long) (index + 1) << FILE_SHIFT) + q.rowNumber(),
                    q.mpan(),
                    q.period(),
                    q.field(),
                    q.value(),
                    QuarantineReason.valueOf(q.reason())));
            quarantine.add(q);
        }
        all.sort(Comparator.comparingLong(QuarantinedRead::rowId));
        quarantine.sort(
                Comparator.comparingLong(QuarantineOutput::fileId).thenComparingLong(QuarantineOutput::rowNumber));
        RunResult result = new RunResult(
                engine.context(),
                engine.config(),
                engine.supplierVolumes(),
                engine.bmUnitVolumes(),
                engine.corrections(),
                engine.dataQuality(),
                engine.issues(),
                all);
        return new Calculated(group, snapshot, take, result, groupReads.size(), readerRejected.size(), quarantine);
    }

    private static int fileIndex(List<FileRead> files, long fileId) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).file().fileId() == fileId) {
                return i;
            }
        }
        throw new IllegalStateException("file " + fileId + " is not among the run's files");
    }

    private PartitionOutcome write(long runId, LocalDate date, Calculated c) {
        String fingerprint = c.result().tables().fingerprint();
        long read = c.values() + c.readerRejected();
        long quarantined = Math.min(read, c.quarantine().size());
        transactions.executeWithoutResult(s -> {
            outputs.replace(runId, c.group().id(), date, c.result(), c.quarantine());
            jdbc.sql("""
                            UPDATE run_partition
                               SET status = 'COMPLETE', completed_at = now(), failure_message = NULL,
                                   output_fingerprint = :fp, metering_systems = :systems, meter_rows_read = :read,
                                   meter_rows_accepted = :accepted, meter_rows_quarantined = :quarantined,
                                   bm_unit_volume_rows = :bmu, supplier_volume_rows = :supplier,
                                   calculation_issue_rows = :issues
                             WHERE run_id = :run AND gsp_group = :group
                            """)
                    .param("fp", fingerprint)
                    .param("systems", c.snapshot().meteringSystems().size())
                    .param("read", read)
                    .param("accepted", read - quarantined)
                    .param("quarantined", quarantined)
                    .param("bmu", c.result().bmUnitVolumes().size())
                    .param("supplier", c.result().supplierVolumes().size())
                    .param("issues", c.result().issues().size())
                    .param("run", runId)
                    .param("group", c.group().id())
                    .update();
        });
        BigDecimal min = null;
        BigDecimal max = null;
        for (GspGroupCorrection g : c.result().corrections()) {
            min = min == null || g.gcf().compareTo(min) < 0 ? g.gcf() : min;
            max = max == null || g.gcf().compareTo(max) > 0 ? g.gcf() : max;
        }
        LOG.info("Run {}: GSP group {} written, fingerprint {}", runId, c.group(), fingerprint);
        return new PartitionOutcome(
                c.group().id(),
                c.snapshot().meteringSystems().size(),
                c.values(),
                c.quarantine().size(),
                min,
                max,
                fingerprint);
    }

    private int nextRunNumber(LocalDate date, RunRequest request) {
        return jdbc.sql("SELECT COALESCE(MAX(run_number), 0) + 1 FROM settlement_run WHERE settlement_date = :date"
                        + " AND run_type = :type")
                .param("date", date)
                .param("type", request.runType().name())
                .query(Integer.class)
                .single();
    }

    private long createRun(RunRequest request, int number, Instant cutoff, CalculationConfig config) {
        try {
            return jdbc.sql("""
                            INSERT INTO settlement_run (settlement_date, run_type, run_number, data_cutoff, status,
                                                        started_by, reason, engine_version, config)
                            VALUES (:date, :type, :number, :cutoff, 'RUNNING', :by, :reason, :engine,
                                    CAST(:config AS JSONB))
                            RETURNING run_id
                            """)
                    .param("date", request.settlementDate())
                    .param("type", request.runType().name())
                    .param("number", number)
                    .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                    .param("by", request.startedBy())
                    .param("reason", request.reason())
                    .param("engine", engineVersion())
                    .param("config", configJson(config))
                    .query(Long.class)
                    .single();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new GbSettleException(
                    "a run " + request.settlementDate() + " " + request.runType() + " " + number
                            + " exists already: leave out --number for the next number",
                    e);
        }
    }

    private void fail(long runId, String message) {
        transactions.executeWithoutResult(s -> jdbc.sql("UPDATE settlement_run SET status = 'FAILED',"
                        + " failure_message = :message WHERE run_id = :run AND status <> 'COMPLETE'")
                .param("message", message)
                .param("run", runId)
                .update());
    }

    private void failPartition(long runId, GspGroup group, String message) {
        jdbc.sql("UPDATE run_partition SET status = 'FAILED', failure_message = :message WHERE run_id = :run AND"
                        + " gsp_group = :group")
                .param("message", message)
                .param("run", runId)
                .param("group", group.id())
                .update();
    }

    private String configJson(CalculationConfig config) {
        return "{\"calculation\": " + quote(config.toString()) + ", \"threads\": " + threads + "}";
    }

    /** The run's input manifest as JSON text with a fixed key order: what the input fingerprint is taken over. */
    private String manifest(
            RunRequest request,
            int number,
            Instant cutoff,
            CalculationConfig config,
            List<FileRead> files,
            List<Calculated> calculated) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"settlement_date\": ").append(quote(request.settlementDate().toString()));
        sb.append(", \"run_type\": ").append(quote(request.runType().name()));
        sb.append(", \"run_number\": ").append(number);
        sb.append(", \"data_cutoff\": ").append(quote(cutoff.toString()));
        sb.append(", \"engine_version\": ").append(quote(engineVersion()));
        sb.append(", \"config\": ").append(quote(config.toString()));
        sb.append(", \"meter_data_files\": [");
        sb.append(files.stream()
                .map(f -> "{\"file_id\": " + f.file().fileId() + ", \"path\": "
                        + quote(f.file().path().toString()) + ", \"sha256\": "
                        + quote(f.file().sha256())
                        + ", \"received_at\": " + quote(f.file().receivedAt().toString()) + "}")
                .collect(Collectors.joining(", ")));
        sb.append("], \"groups\": {");
        sb.append(calculated.stream()
                .map(c -> quote(c.group().id()) + ": {\"reference_load_versions\": "
                        + versions(c.snapshot().loadVersions()) + ", \"take\": {\"cdca_run_type\": "
                        + quote(c.take().cdcaRunType().name()) + ", \"cdca_run_number\": "
                        + c.take().take().cdcaRunNumber() + ", \"load_version\": "
                        + c.take().loadVersion() + "}}")
                .collect(Collectors.joining(", ")));
        sb.append("}}");
        return sb.toString();
    }

    private static String versions(Map<String, List<Long>> versions) {
        return new TreeMap<>(versions)
                .entrySet().stream()
                        .map(e -> quote(e.getKey()) + ": " + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The application's version from the build ({@code version.properties}), the run's engine version. */
    static String engineVersion() {
        Properties p = new Properties();
        try (InputStream in = SettlementRunService.class.getResourceAsStream("/org/gbsettle/jobs/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
