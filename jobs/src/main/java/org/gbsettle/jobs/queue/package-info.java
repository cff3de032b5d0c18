/**
 * The durable run queue: requested settlement runs as rows of {@code run_queue}, taken by the queue workers of
 * {@code serve} processes with {@code FOR UPDATE SKIP LOCKED} in timetable order, at most one request of a settlement
 * date and run type queued or running at a time.
 */
@NullMarked
package org.gbsettle.jobs.queue;

import org.jspecify.annotations.NullMarked;
