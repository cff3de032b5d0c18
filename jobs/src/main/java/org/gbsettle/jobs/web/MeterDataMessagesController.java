package org.gbsettle.jobs.web;

import java.util.List;
import java.util.Map;
import org.gbsettle.jobs.inbound.InboundMessages;
import org.gbsettle.jobs.inbound.InboundMessages.Receipt;
import org.gbsettle.jobs.inbound.InboundMessages.Via;
import org.gbsettle.jobs.inbound.MessageJson;
import org.gbsettle.jobs.inbound.MessageOutcome;
import org.gbsettle.jobs.inbound.ReceiptJson;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The inbound meter-data messages resource, {@code POST /meter-data/messages}: one half-hourly consumption message
 * (a JSON object), a batch (a JSON array) or NDJSON, each judged by the ingest's rules and answered in order as
 * accepted, duplicate or rejected with a problem detail ({@link ReceiptJson}). 200 when no message was rejected, 422
 * when any was (the accepted ones of the same request are stored all the same; sending the request again is safe:
 * they come back as duplicates); a body that is not JSON is a 400 problem detail. Everything answered as accepted is
 * committed to PostgreSQL before the answer.
 */
@RestController
@ConditionalOnWebApplication
public class MeterDataMessagesController {

    private final InboundMessages messages;

    public MeterDataMessagesController(InboundMessages messages) {
        this.messages = messages;
    }

    /** Receives the messages of the body. */
    @PostMapping(
            path = "/meter-data/messages",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_NDJSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> receive(@RequestBody byte[] body) {
        List<JsonNode> nodes;
        try {
            nodes = MessageJson.messages(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("body", null, String.valueOf(e.getMessage()));
        }
        Receipt receipt = messages.receive(nodes, Via.HTTP);
        HttpStatus status =
                receipt.count(MessageOutcome.Status.REJECTED) == 0 ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT;
        return ResponseEntity.status(status).body(ReceiptJson.of(receipt));
    }
}
