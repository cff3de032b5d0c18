package org.gbsettle.jobs.inbound;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A valid half-hourly consumption message: the envelope (message id, sending data service, creation time, schema
 * version) and one MPAN's values of one measurement quantity for one or more UTC settlement periods, each in kWh (at
 * most 3 decimal places) with its quality ({@code A} actual, {@code E} estimated).
 *
 * @param mpan the 13-digit MPAN core
 * @param measurementQuantity {@code AI} import or {@code AE} export
 * @param values the values in the message's order (a period may appear twice, as in a file: the run keeps one)
 */
public record ConsumptionMessage(
        String messageId,
        String sender,
        Instant createdAt,
        String schemaVersion,
        long mpan,
        String measurementQuantity,
        List<PeriodValue> values) {

    /** One half-hour's value: its UTC start, kWh and quality. */
    public record PeriodValue(Instant utcPeriodStart, BigDecimal kwh, String quality) {

        public PeriodValue {
            Objects.requireNonNull(utcPeriodStart, "utcPeriodStart");
            Objects.requireNonNull(kwh, "kwh");
            Objects.requireNonNull(quality, "quality");
        }
    }

    public ConsumptionMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(measurementQuantity, "measurementQuantity");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("message " + messageId + " has no values");
        }
    }

    /**
     * SHA-256 (lower-case hex) of the message's content: its sender and payload (MPAN, quantity, values in order, each
     * kWh by value, {@code 0.10} as {@code 0.1}), not its id, creation time or schema version (a producer's retry may
     * stamp those afresh): two messages with one id are the same message when this is equal.
     */
    public String contentSha256() {
        StringBuilder s = new StringBuilder()
                .append(sender)
                .append('|')
                .append(mpan)
                .append('|')
                .append(measurementQuantity);
        for (PeriodValue v : values) {
            s.append('|')
                    .append(v.utcPeriodStart())
                    .append(',')
                    .append(
                            v.kwh().signum() == 0
                                    ? "0"
                                    : v.kwh().stripTrailingZeros().toPlainString())
                    .append(',')
                    .append(v.quality());
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
