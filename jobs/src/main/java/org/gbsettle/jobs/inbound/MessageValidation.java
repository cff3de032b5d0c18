package org.gbsettle.jobs.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.jobs.ingest.MeterRowRules;
import org.gbsettle.jobs.io.parquet.MeterDataParquetWriter;
import org.gbsettle.jobs.io.parquet.RejectedRow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The judging of received consumption messages: the envelope's own rules (the JSON Schema's: a header with a message
 * id, type {@value #TYPE}, schema version 1.x, a 4-character sender and a creation time; a payload with an MPAN, a
 * measurement quantity and 1 to {@value #MAX_VALUES} periods), then the values by the meter-data ingest's row rules
 * ({@link MeterRowRules}: the messages' rows are written to a Parquet file in the UTC layout and read as an ingest
 * reads a delivered file, so a message value is refused exactly when the same row in a file would be quarantined at
 * ingest), then the MPAN's check digit (which a run would quarantine as {@code BAD_MPAN}). A message is accepted whole
 * or refused whole, with every problem found.
 */
public final class MessageValidation {

    /** The message type in the header. */
    public static final String TYPE = "HHConsumption";

    /** The schema version this engine writes in its examples; every 1.x is read. */
    public static final String SCHEMA_VERSION = "1.0";

    /** The most values one message may hold (a month of half-hours). */
    public static final int MAX_VALUES = 1_500;

    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("1(\\.\\d{1,4}){0,2}");
    private static final Pattern SENDER = Pattern.compile("[A-Z0-9]{4}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final int MAX_SCALE = 30;

    /**
     * A judged message: valid ({@code message} set, no problems) or not (problems, no message).
     *
     * @param messageId the id as given if it is a string, else null
     */
    public record Judged(
            int index,
            @Nullable String messageId,
            @Nullable ConsumptionMessage message,
            List<MessageProblem> problems) {

        public Judged {
            problems = List.copyOf(problems);
            if ((message == null) == problems.isEmpty()) {
                throw new IllegalArgumentException("a message is valid or has problems, not both: " + messageId);
            }
        }
    }

    private MessageValidation() {}

    /**
     * Judges the messages of one request or file.
     *
     * @param receivedAt their receipt time (for the row rules' receipt time; not part of the messages)
     */
    public static List<Judged> judge(List<JsonNode> nodes, Instant receivedAt) {
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            drafts.add(Draft.parse(i, nodes.get(i)));
        }
        applyRowRules(drafts, receivedAt);
        List<Judged> judged = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.problems.isEmpty() && d.mpan != null && !d.mpanChecked) {
                checkDigit(d);
            }
            judged.add(d.judged());
        }
        return judged;
    }

    private static void checkDigit(Draft d) {
        long mpan = d.mpan == null ? 0 : d.mpan;
        if (!Mpan.isValid(mpan)) {
            d.problems.add(new MessageProblem(
                    "payload.mpan",
                    Long.toString(mpan),
                    "BAD_MPAN",
                    "'" + mpan + "' has a wrong check digit (a run would quarantine every value of it)"));
        }
    }

    /** Writes the drafts' well-formed rows to a Parquet file, reads it by the ingest's rules and notes the problems. */
    private static void applyRowRules(List<Draft> drafts, Instant receivedAt) {
        List<MeterDataParquetWriter.Row> rows = new ArrayList<>();
        List<int[]> origin = new ArrayList<>();
        int scale = 3;
        Instant first = null;
        for (Draft d : drafts) {
            if (!d.rowsCheckable) {
                continue;
            }
            for (int v = 0; v < d.values.size(); v++) {
                DraftValue value = d.values.get(v);
                if (!value.wellFormed) {
                    continue;
                }
                if (value.kwh != null) {
                    scale = Math.max(scale, value.kwh.stripTrailingZeros().scale());
                }
                if (first == null && value.start != null) {
                    first = value.start;
                }
                rows.add(new MeterDataParquetWriter.Row(
                        d.mpan, value.start, d.measurementQuantity, value.kwh, value.quality, null));
                origin.add(new int[] {d.index, v});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        String date = first == null
                ? "undated"
                : first.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        Path file = null;
        try {
            file = Files.createTempFile("gbsettle-messages-" + date + "-", ".parquet");
            MeterDataParquetWriter.write(file, rows, scale, false);
            for (RejectedRow r : MeterRowRules.rejectedRows(file, receivedAt)) {
                int[] o = origin.get((int) r.row() - 1);
                drafts.get(o[0]).problem(o[1], r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("messages could not be checked: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind: the operating system's to clean
                }
            }
        }
    }

    /** One half-hour of a message as given. */
    private static final class DraftValue {
        @Nullable
        Instant start;

        @Nullable
        BigDecimal kwh;

        @Nullable
        String quality;

        boolean wellFormed = true;
    }

    /** A message as given: every value that could be read, and the problems found so far. */
    private static final class Draft {
        final int index;

        @Nullable
        String messageId;

        @Nullable
        String sender;

        @Nullable
        Instant createdAt;

        @Nullable
        String schemaVersion;

        @Nullable
        Long mpan;

        @Nullable
        String measurementQuantity;

        boolean rowsCheckable;
        boolean mpanChecked;
        final List<DraftValue> values = new ArrayList<>();
        final Set<MessageProblem> problems = new LinkedHashSet<>();

        Draft(int index) {
            this.index = index;
        }

        static Draft parse(int index, JsonNode node) {
            Draft d = new Draft(index);
            if (!node.isObject()) {
                d.problems.add(new MessageProblem("", null, "SCHEMA", "a message is a JSON object"));
                return d;
            }
            JsonNode header = node.get("header");
            if (header == null || !header.isObject()) {
                d.problems.add(
                        new MessageProblem("header", null, "REQUIRED", "required: the envelope's header object"));
            } else {
                d.header(header);
            }
            JsonNode payload = node.get("payload");
            if (payload == null || !payload.isObject()) {
                d.problems.add(new MessageProblem("payload", null, "REQUIRED", "required: the payload object"));
            } else {
                d.payload(payload);
            }
            return d;
        }

        private void header(JsonNode header) {
            JsonNode id = header.get("messageId");
            if (id != null && id.isString()) {
                messageId = id.stringValue();
            }
            String idText = text(header, "header.messageId");
            if (idText != null && !MESSAGE_ID.matcher(idText).matches()) {
                problems.add(new MessageProblem(
                        "header.messageId",
                        idText,
                        "FORMAT",
                        "1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"));
            }
            String type = text(header, "header.type");
            if (type != null && !type.equals(TYPE)) {
                problems.add(new MessageProblem("header.type", type, "SCHEMA", "not " + TYPE));
            }
            String version = text(header, "header.schemaVersion");
            if (version != null && !VERSION.matcher(version).matches()) {
                problems.add(new MessageProblem(
                        "header.schemaVersion", version, "SCHEMA", "version 1.x is read (" + SCHEMA_VERSION + ")"));
            } else {
                schemaVersion = version;
            }
            String from = text(header, "header.sender");
            if (from != null && !SENDER.matcher(from).matches()) {
                problems.add(new MessageProblem(
                        "header.sender",
                        from,
                        "FORMAT",
                        "a data service's market participant id: 4 letters or digits"));
            } else {
                sender = from;
            }
            String created = text(header, "header.createdAt");
            if (created != null) {
                try {
                    createdAt = Instant.parse(created);
                } catch (DateTimeParseException e) {
                    problems.add(new MessageProblem(
                            "header.createdAt",
                            created,
                            "FORMAT",
                            "not an ISO-8601 time with offset, e.g. 2026-01-17T05:12:00Z"));
                }
            }
        }

        /** A required string of the header; a problem if it is missing or not a string. */
        private @Nullable String text(JsonNode parent, String path) {
            String name = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                problems.add(new MessageProblem(path, null, "REQUIRED", "required"));
                return null;
            }
            if (!v.isString()) {
                problems.add(new MessageProblem(path, v.toString(), "FORMAT", "not a JSON string"));
                return null;
            }
            return v.stringValue();
        }

        private void payload(JsonNode payload) {
            rowsCheckable = true;
            JsonNode m = payload.get("mpan");
            if (m != null && !m.isNull()) {
                String text = m.isString() ? m.stringValue() : m.toString();
                if ((m.isString() || m.isIntegralNumber())
                        && DIGITS.matcher(text).matches()) {
                    mpan = Long.parseLong(text);
                } else {
                    problems.add(
                            new MessageProblem("payload.mpan", text, "BAD_MPAN", "'" + text + "' is not 13 digits"));
                    rowsCheckable = false;
                }
            }
            JsonNode q = payload.get("measurementQuantity");
            if (q != null && !q.isNull()) {
                measurementQuantity = q.isString() ? q.stringValue() : q.toString();
            }
            if (m == null || m.isNull()) {
                problems.add(new MessageProblem("payload.mpan", null, "BAD_MPAN", "is null"));
            }
            if (q == null || q.isNull()) {
                problems.add(new MessageProblem("payload.measurementQuantity", null, "WRONG_MQ", "is null"));
            }
            JsonNode periods = payload.get("periods");
            if (periods == null || !periods.isArray() || periods.isEmpty() || periods.size() > MAX_VALUES) {
                problems.add(new MessageProblem(
                        "payload.periods",
                        periods == null || periods.isArray() ? null : periods.toString(),
                        periods == null ? "REQUIRED" : "SCHEMA",
                        "an array of 1 to " + MAX_VALUES + " period values"));
                rowsCheckable = false;
                return;
            }
            for (int i = 0; i < periods.size(); i++) {
                values.add(value(i, periods.get(i)));
            }
        }

        private DraftValue value(int i, JsonNode node) {
            DraftValue v = new DraftValue();
            String at = "payload.periods[" + i + "]";
            if (!node.isObject()) {
                problems.add(new MessageProblem(at, node.toString(), "SCHEMA", "a period value is a JSON object"));
                v.wellFormed = false;
                return v;
            }
            JsonNode start = node.get("utcPeriodStart");
            if (start != null && !start.isNull()) {
                String text = start.isString() ? start.stringValue() : start.toString();
                try {
                    Instant t = Instant.parse(text);
                    if (t.getNano() % 1_000 != 0) {
                        problems.add(new MessageProblem(
                                at + ".utcPeriodStart",
                                text,
                                "BAD_PERIOD",
                                "'" + text + "' is not on a half-hour boundary"));
                        v.wellFormed = false;
                    }
                    v.start = t;
                } catch (DateTimeParseException e) {
                    problems.add(new MessageProblem(
                            at + ".utcPeriodStart",
                            text,
                            "BAD_PERIOD",
                            "'" + text + "' is not a UTC time (ISO-8601, e.g. 2026-01-15T00:00:00Z)"));
                    v.wellFormed = false;
                }
            }
            JsonNode kwh = node.get("kwh");
            if (kwh != null && !kwh.isNull()) {
                String text = kwh.isString() ? kwh.stringValue() : kwh.toString();
                try {
                    BigDecimal value = kwh.isNumber() ? kwh.decimalValue() : new BigDecimal(text.strip());
                    if (!kwh.isNumber() && !kwh.isString()) {
                        throw new NumberFormatException(text);
                    }
                    if (value.stripTrailingZeros().scale() > MAX_SCALE) {
                        problems.add(new MessageProblem(
                                at + ".kwh", text, "BAD_VALUE", "'" + text + "' has more than 3 decimal places"));
                        v.wellFormed = false;
                    }
                    v.kwh = value;
                } catch (NumberFormatException | ArithmeticException e) {
                    problems.add(new MessageProblem(
                            at + ".kwh", text, "BAD_VALUE", "'" + text + "' is not a number of kWh"));
                    v.wellFormed = false;
                }
            }
            JsonNode quality = node.get("quality");
            if (quality != null && !quality.isNull()) {
                v.quality = quality.isString() ? quality.stringValue() : quality.toString();
            }
            return v;
        }

        /** Notes the ingest's rejection of row {@code value} of this message. */
        void problem(int value, RejectedRow r) {
            String at = "payload.periods[" + value + "]";
            String field = switch (r.field()) {
                case "mpan" -> "payload.mpan";
                case "measurement_quantity" -> "payload.measurementQuantity";
                case "utc_period_start" -> at + ".utcPeriodStart";
                case "kwh" -> at + ".kwh";
                case "quality" -> at + ".quality";
                default -> at + "." + r.field();
            };
            if (r.field().equals("mpan")) {
                mpanChecked = true;
            }
            problems.add(new MessageProblem(
                    field, r.value().isEmpty() ? null : r.value(), r.reason().name(), r.message()));
        }

        Judged judged() {
            if (!problems.isEmpty()) {
                return new Judged(index, messageId, null, new ArrayList<>(problems));
            }
            List<ConsumptionMessage.PeriodValue> periods = new ArrayList<>();
            for (DraftValue v : values) {
                periods.add(new ConsumptionMessage.PeriodValue(
                        java.util.Objects.requireNonNull(v.start),
                        java.util.Objects.requireNonNull(v.kwh),
                        java.util.Objects.requireNonNull(v.quality)));
            }
            return new Judged(
                    index,
                    messageId,
                    new ConsumptionMessage(
                            java.util.Objects.requireNonNull(messageId),
                            java.util.Objects.requireNonNull(sender),
                            java.util.Objects.requireNonNull(createdAt),
                            java.util.Objects.requireNonNull(schemaVersion),
                            java.util.Objects.requireNonNull(mpan),
                            java.util.Objects.requireNonNull(measurementQuantity),
                            periods),
                    List.of());
        }
    }
}
