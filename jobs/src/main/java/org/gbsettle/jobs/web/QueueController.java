package org.gbsettle.jobs.web;

import java.util.List;
import org.gbsettle.jobs.queue.QueuedRun;
import org.gbsettle.jobs.queue.RunQueue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The run queue, {@code /queue}: the requests running then queued, each queued one with its 1-based position in
 * timetable order ({@code GET /queue}), and one request in any state with the run it made ({@code GET /queue/{id}},
 * where {@code POST /runs} points).
 */
@RestController
@ConditionalOnWebApplication
public class QueueController {

    private final RunQueue queue;

    public QueueController(RunQueue queue) {
        this.queue = queue;
    }

    /** The requests taken (running), oldest first, then the queued ones in the order they will be taken. */
    @GetMapping("/queue")
    public List<QueuedRun> list() {
        return queue.active();
    }

    /** One request; 404 if there is none of that id. */
    @GetMapping("/queue/{id}")
    public QueuedRun detail(@PathVariable("id") String id) {
        long queueId;
        try {
            queueId = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("id", id, "not a queue id (a whole number)");
        }
        return queue.find(queueId).orElseThrow(() -> {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "there is no queued request " + queueId);
            problem.setTitle("No such request");
            problem.setProperty("queueId", queueId);
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }
}
