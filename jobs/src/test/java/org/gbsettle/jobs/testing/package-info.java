/**
 * What the jobs integration tests share: the command line run in-process against a test's Spring context ({@link
 * org.gbsettle.jobs.testing.GbSettleCli}), an embedded database of its own for each test class ({@link
 * org.gbsettle.jobs.testing.TestDatabase}), and a sample day loaded, ingested and run through the command line
 * ({@link org.gbsettle.jobs.testing.SampleDayFixture}).
 */
@NullMarked
package org.gbsettle.jobs.testing;

import org.jspecify.annotations.NullMarked;
