package org.gbsettle.jobs.web;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.gbsettle.jobs.ingest.IngestOutcome;
import org.gbsettle.jobs.ingest.IngestReport;
import org.gbsettle.jobs.ingest.IngestResult;
import org.gbsettle.jobs.ingest.MeterDataIngestService;
import org.gbsettle.jobs.io.files.PathConfinement;
import org.gbsettle.jobs.io.files.PathRefusedException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The meter-data files resource, {@code /meter-data-files}: an operator's delivered file ingested ({@code POST}, role
 * {@code OPERATOR}, body {@link MeterDataFileBody}) through the same job as {@code gbsettle ingest}. The path must be
 * inside {@code gbsettle.ingest.allowed-dirs} after normalisation and symbolic links ({@link PathConfinement}); any
 * other is a 400 naming the rule, and nothing is read. 201 with the file registered now, 200 with a file registered
 * before (same bytes); a rejected file (not Parquet, wrong schema) is registered as {@code REJECTED}, 201 too.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/meter-data-files")
public class MeterDataFilesController {

    /** The setting listing the directories files may be ingested from (comma-separated). */
    public static final String ALLOWED_DIRS = "gbsettle.ingest.allowed-dirs";

    private final MeterDataIngestService ingest;
    private final PathConfinement confinement;

    public MeterDataFilesController(
            MeterDataIngestService ingest, @Value("${" + ALLOWED_DIRS + ":}") String[] allowedDirs) {
        this.ingest = ingest;
        this.confinement = PathConfinement.of(
                ALLOWED_DIRS,
                Arrays.stream(allowedDirs)
                        .map(String::strip)
                        .filter(d -> !d.isEmpty())
                        .map(Path::of)
                        .toList());
    }

    /** Ingests one file; 201 (or 200 if the same bytes were ingested before) with what became of it. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<MeterDataFileView> ingest(@RequestBody MeterDataFileBody body) {
        String requested = body.path();
        if (requested == null) {
            throw new InvalidRequestException("path", null, "required: the path of a file in " + ALLOWED_DIRS);
        }
        Path file;
        try {
            file = confinement.resolve(requested);
        } catch (PathRefusedException e) {
            throw new InvalidRequestException("path", requested, e.reason());
        }
        Instant receivedAt = receivedAt(body.receivedAt());
        IngestReport report = ingest.ingest(List.of(file), receivedAt);
        if (report.results().isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.INTERNAL_SERVER_ERROR, "The ingest did not complete: " + report.failure());
        }
        IngestResult result = report.results().get(0);
        IngestOutcome outcome = result.outcome();
        if (outcome == null) {
            throw new InvalidRequestException("path", requested, String.valueOf(result.error()));
        }
        HttpStatus status =
                outcome.status() == IngestOutcome.Status.ALREADY_INGESTED ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status).body(MeterDataFileView.of(outcome));
    }

    private static @Nullable Instant receivedAt(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "receivedAt", value, "not an ISO-8601 instant in UTC (e.g. 2026-01-16T06:00:00Z)");
        }
    }
}
