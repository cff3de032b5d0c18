/**
 * The run report ({@code gbsettle report --run ID}): one self-contained HTML page per settlement run (header and
 * input fingerprints, totals per GSP group and supplier, charts of the take against the uncorrected total and the
 * correction factor, data quality with quarantined examples, conservation checks computed from the stored outputs,
 * and the diff summary) and a CSV bundle of the same tables. The data is read by
 * {@link org.gbsettle.jobs.io.postgres.JdbcRunReportReader}; nothing here writes to the database.
 */
@NullMarked
package org.gbsettle.jobs.report;

import org.jspecify.annotations.NullMarked;
