/**
 * The gbsettle application: the command line, Spring Batch jobs and PostgreSQL adapters around the settlement engine.
 * Entry point: {@link org.gbsettle.jobs.SettlementJobsApplication}; commands live in {@link org.gbsettle.jobs.cli}.
 */
@NullMarked
package org.gbsettle.jobs;

import org.jspecify.annotations.NullMarked;
