package org.gbsettle.jobs.inbound;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.MeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;

/**
 * A meter-data Parquet file (either layout of the contract) turned into consumption messages, for producers and tests:
 * one message per settlement date, MPAN and measurement quantity, its values in the file's order, with message id
 * {@code PREFIX-DATE-MPAN-MQ}; the rows the ingest would quarantine, and those of a period the date does not have (the
 * run's {@code BAD_PERIOD}; a message names periods by their UTC start), are left out and counted.
 */
public final class ParquetMessages {

    /** The messages of a file (JSON-ready maps) and the number of rows left out (quarantined, or of no period). */
    public record Converted(List<Map<String, Object>> messages, long rowsLeftOut) {

        public Converted {
            messages = List.copyOf(messages);
        }
    }

    private ParquetMessages() {}

    /**
     * Converts {@code file}.
     *
     * @param sender the data service's id for the header
     * @param idPrefix the start of every message id
     * @param createdAt the creation time for the header
     * @throws org.gbsettle.jobs.io.parquet.MeterDataFileException if the file is unreadable or breaks the schema
     */
    public static Converted of(Path file, String sender, String idPrefix, Instant createdAt) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(idPrefix, "idPrefix");
        Optional<LocalDate> first = MeterDataParquetReader.firstSettlementDate(file);
        LocalDate start =
                first.orElse(createdAt.atZone(SettlementDate.UK).toLocalDate().minusDays(1));
        TreeSet<LocalDate> todo = new TreeSet<>(List.of(start));
        TreeSet<LocalDate> done = new TreeSet<>();
        List<Map<String, Object>> messages = new ArrayList<>();
        long rows = -1;
        long accepted = 0;
        long outOfDay = 0;
        while (!todo.isEmpty()) {
            LocalDate d = todo.pollFirst();
            done.add(d);
            SettlementDate date = SettlementDate.of(d);
            MeterDataFile read = MeterDataParquetReader.read(file, date, createdAt);
            rows = read.stats().rowsRead();
            accepted += read.stats().accepted();
            for (LocalDate other : read.otherDates()) {
                if (!done.contains(other)) {
                    todo.add(other);
                }
            }
            outOfDay += messagesOf(read.reads(), date, sender, idPrefix, createdAt, messages);
        }
        return new Converted(messages, Math.max(0, rows - accepted) + outOfDay);
    }

    /** Adds the messages of one date's rows to {@code messages}; the number of rows of no period of the date. */
    private static long messagesOf(
            MeterReads reads,
            SettlementDate date,
            String sender,
            String idPrefix,
            Instant createdAt,
            List<Map<String, Object>> messages) {
        Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        long outOfDay = 0;
        for (int r = 0; r < reads.size(); r++) {
            if (reads.period(r) < 1 || reads.period(r) > date.periodCount()) {
                outOfDay++;
                continue;
            }
            String mq = reads.measurementQuantity(r) == MeterReads.AI ? "AI" : "AE";
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("utcPeriodStart", date.periodStartUtc(reads.period(r)).toString());
            value.put("kwh", BigDecimal.valueOf(reads.wh(r), 3));
            value.put("quality", Character.toString((char) reads.quality(r)));
            byKey.computeIfAbsent(reads.mpan(r) + "-" + mq, k -> new ArrayList<>())
                    .add(value);
        }
        byKey.forEach((key, values) -> {
            String[] parts = key.split("-", -1);
            messages.add(message(idPrefix + "-" + date + "-" + key, sender, createdAt, parts[0], parts[1], values));
        });
        return outOfDay;
    }

    /** A message as a JSON-ready map: header and payload. */
    public static Map<String, Object> message(
            String id, String sender, Instant createdAt, String mpan, String mq, List<Map<String, Object>> values) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("messageId", id);
        header.put("type", MessageValidation.TYPE);
        header.put("schemaVersion", MessageValidation.SCHEMA_VERSION);
        header.put("sender", sender);
        header.put("createdAt", createdAt.toString());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("mpan", mpan);
        payload.put("measurementQuantity", mq);
        payload.put("periods", values);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("header", header);
        m.put("payload", payload);
        return m;
    }
}
