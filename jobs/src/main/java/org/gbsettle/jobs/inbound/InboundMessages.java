package org.gbsettle.jobs.inbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gbsettle.jobs.inbound.MessageOutcome.Status;
import org.gbsettle.jobs.inbound.MessageValidation.Judged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The receipt of consumption messages, whichever way they came (HTTP, drop directory): each judged ({@link
 * MessageValidation}), then, in one transaction for all of them, each valid one stored with the receipt time unless
 * its id is stored already: the same content again is a duplicate (nothing stored twice), other content under a stored
 * id is refused ({@code ID_REUSED}). What is answered as accepted or duplicate is committed, and flushed to disk
 * ({@code synchronous_commit} on for the transaction), before the answer.
 */
@Component
public class InboundMessages {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    /** How the messages came, as recorded in {@code inbound_message.received_via}. */
    public enum Via {
        HTTP,
        DROP,
        CLI
    }

    /** The outcomes of one request or file and the receipt time given to what was accepted. */
    public record Receipt(Instant receivedAt, List<MessageOutcome> outcomes) {

        public Receipt {
            Objects.requireNonNull(receivedAt, "receivedAt");
            outcomes = List.copyOf(outcomes);
        }

        /** How many messages had {@code status}. */
        public long count(Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }
    }

    private final InboundMessageStore store;
    private final TransactionTemplate transaction;

    public InboundMessages(InboundMessageStore store, PlatformTransactionManager transactions) {
        this.store = Objects.requireNonNull(store, "store");
        this.transaction = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
    }

    /** Receives the messages of one request or file now. */
    public Receipt receive(List<JsonNode> messages, Via via) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Judged> judged = MessageValidation.judge(messages, receivedAt);
        List<MessageOutcome> outcomes =
                Objects.requireNonNull(transaction.execute(status -> store(judged, receivedAt, via)));
        Receipt receipt = new Receipt(receivedAt, outcomes);
        LOG.info(
                "{} message(s) by {}: {} accepted, {} duplicate, {} rejected",
                outcomes.size(),
                via,
                receipt.count(Status.ACCEPTED),
                receipt.count(Status.DUPLICATE),
                receipt.count(Status.REJECTED));
        return receipt;
    }

    private List<MessageOutcome> store(List<Judged> judged, Instant receivedAt, Via via) {
        List<MessageOutcome> outcomes = new ArrayList<>();
        if (judged.stream().anyMatch(j -> j.message() != null)) {
            store.durableCommit();
        }
        for (Judged j : judged) {
            ConsumptionMessage m = j.message();
            if (m == null) {
                outcomes.add(new MessageOutcome(j.index(), j.messageId(), Status.REJECTED, j.problems()));
                continue;
            }
            String sha = m.contentSha256();
            if (store.insert(m, sha, receivedAt, via.name())) {
                outcomes.add(new MessageOutcome(j.index(), m.messageId(), Status.ACCEPTED, List.of()));
                continue;
            }
            Optional<String> earlier = store.contentSha256(m.messageId());
            if (earlier.isPresent() && earlier.get().equals(sha)) {
                outcomes.add(new MessageOutcome(j.index(), m.messageId(), Status.DUPLICATE, List.of()));
            } else {
                outcomes.add(new MessageOutcome(
                        j.index(),
                        m.messageId(),
                        Status.REJECTED,
                        List.of(new MessageProblem(
                                "header.messageId",
                                m.messageId(),
                                "ID_REUSED",
                                "a message with this id and other content was accepted before; a correction needs"
                                        + " a new message id"))));
            }
        }
        return outcomes;
    }
}
