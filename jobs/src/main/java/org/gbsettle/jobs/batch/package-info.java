/**
 * Support shared by the application's Spring Batch jobs: starting a job and turning a failed execution into the
 * operator's message ({@link org.gbsettle.jobs.batch.BatchJobs}), and handing a job's result to the command that
 * started it ({@link org.gbsettle.jobs.batch.JobResults}).
 */
@NullMarked
package org.gbsettle.jobs.batch;

import org.jspecify.annotations.NullMarked;
