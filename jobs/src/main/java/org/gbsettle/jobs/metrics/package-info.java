/**
 * Micrometer metrics of settlement runs ({@link org.gbsettle.jobs.metrics.RunMetrics}), recorded in whatever process
 * runs the job and exposed by Actuator at {@code /actuator/prometheus} when the application serves HTTP.
 */
@NullMarked
package org.gbsettle.jobs.metrics;

import org.jspecify.annotations.NullMarked;
