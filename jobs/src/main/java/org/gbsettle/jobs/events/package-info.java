/**
 * Run events: the lifecycle and result events of settlement runs (started, held, completed, superseded, failed,
 * supplier volumes available) written to a transactional outbox in the transaction of the state change they report
 * ({@link org.gbsettle.jobs.events.EventOutbox}, {@link org.gbsettle.jobs.events.RunEvents}), and delivered at least
 * once, in order, to the configured HTTP subscribers as CloudEvents ({@link org.gbsettle.jobs.events.EventDelivery},
 * on a timer in {@code serve} by {@link org.gbsettle.jobs.events.EventDispatcher}).
 */
@NullMarked
package org.gbsettle.jobs.events;

import org.jspecify.annotations.NullMarked;
