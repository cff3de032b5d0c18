/**
 * What the jobs integration tests share: the command line run in-process against a test's Spring context ({@link
 * org.gbsettle.jobs.testing.GbSettleCli}), an embedded database of its own for each test class ({@link
 * org.gbsettle.jobs.testing.TestDatabase}), a sample day loaded, ingested and run through the command line
 * ({@link org.gbsettle.jobs.testing.SampleDayFixture}), and the packaged application started as child JVMs
 * ({@link org.gbsettle.jobs.testing.ChildJvm}).
 */
@NullMarked
package org.gbsettle.jobs.testing;

import org.jspecify.annotations.NullMarked;
