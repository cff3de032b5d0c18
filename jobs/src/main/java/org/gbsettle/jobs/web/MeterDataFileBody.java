package org.gbsettle.jobs.web;

import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /meter-data-files}, a delivered meter-data file to ingest, as received: {@code path}
 * (the file, inside {@code gbsettle.ingest.allowed-dirs}; relative to the first of them unless absolute) and
 * {@code receivedAt} (optional receipt time, an ISO-8601 instant; default: the file's last-modified time).
 */
public record MeterDataFileBody(
        @Nullable String path, @Nullable String receivedAt) {}
