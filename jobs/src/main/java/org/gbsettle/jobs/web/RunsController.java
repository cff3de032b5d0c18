package org.gbsettle.jobs.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.gbsettle.jobs.queue.QueuedRun;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The settlement runs resource, {@code /runs}: the runs newest first ({@code GET /runs?date=&type=&state=&limit=}),
 * one run in detail ({@code GET /runs/{id}}), and an operator's run queued ({@code POST /runs}, role {@code OPERATOR}:
 * 202 Accepted with the queued request's {@code Location}, {@code /queue/{id}}). Bad requests get 400, an unknown run
 * 404 and a run that may not start now 409, each with an RFC 9457 problem detail ({@link ApiExceptionHandler}).
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/runs")
public class RunsController {

    private final RunReadModel readModel;
    private final RunStarter starter;

    public RunsController(RunReadModel readModel, RunStarter starter) {
        this.readModel = readModel;
        this.starter = starter;
    }

    /** The runs of a date, type and state (each optional), newest first, at most {@code limit} (default 50). */
    @GetMapping
    public List<RunView> list(
            @RequestParam(name = "date", required = false) @Nullable String date,
            @RequestParam(name = "type", required = false) @Nullable String type,
            @RequestParam(name = "state", required = false) @Nullable String state,
            @RequestParam(name = "limit", required = false) @Nullable String limit) {
        return readModel.list(RunFilter.parse(date, type, state, limit));
    }

    /** One run in detail, with its partitions, input manifest and fingerprints. */
    @GetMapping("/{id}")
    public RunDetailView detail(@PathVariable("id") String id) {
        long runId = runId(id);
        return readModel.detail(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    /**
     * Queues a run ({@link RunStartBody}) as the authenticated user (an operator: {@link ApiSecurityConfiguration});
     * 202 with {@code Location: /queue/{id}} and the queued request (its position; its {@code runId} once a queue
     * worker has taken it and created the run).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<QueuedRun> start(
            @RequestBody RunStartBody body, @Nullable Principal user, HttpServletRequest http) {
        if (user == null) {
            throw new AccessDeniedException("no authenticated user");
        }
        QueuedRun queued = starter.start(body.request(user.getName()), body.forced());
        return ResponseEntity.accepted()
                .location(URI.create(http.getContextPath() + "/queue/" + queued.queueId()))
                .body(queued);
    }

    private static long runId(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("id", id, "not a run id (a whole number)");
        }
    }
}
