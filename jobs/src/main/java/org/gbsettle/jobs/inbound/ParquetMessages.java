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
 * {@code PREFIX-DATE-MPAN-MQ}; the rows the ingest would quarantine are left out (counted).
 */
public final class ParquetMessages {

    /** The messages of a file (JSON-ready maps) and the number of rows left out. */
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
            messages.addAll(messagesOf(read.reads(), date, sender, idPrefix, createdAt));
        }
        return new Converted(messages, Math.max(0, rows - accepted));
    }

    private static List<Map<String, Object>> messagesOf(
            MeterReads reads, SettlementDate date, String sender, String idPrefix, Instant createdAt) {
        Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        for (int r = 0; r < reads.size(); r++) {
            String mq = reads.measurementQuantity(r) == MeterReads.AI ? "AI" : "AE";
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("utcPeriodStart", date.periodStartUtc(reads.period(r)).toString());
            value.put("kwh", BigDecimal.valueOf(reads.wh(r), 3));
            value.put("quality", Character.toString((char) reads.quality(r)));
            byKey.computeIfAbsent(reads.mpan(r) + "-" + mq, k -> new ArrayList<>())
                    .add(value);
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        byKey.forEach((key, values) -> {
            String[] parts = key.split("-", -1);
            messages.add(message(idPrefix + "-" + date + "-" + key, sender, createdAt, parts[0], parts[1], values));
        });
        return messages;
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
