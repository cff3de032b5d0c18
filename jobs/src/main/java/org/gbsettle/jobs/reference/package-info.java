/**
 * Reference-data loads: the files of one load gathered from the shipped set and operator folders, checked with the
 * reference-data parsers, and the reference data a settlement run reads back from the database.
 */
@NullMarked
package org.gbsettle.jobs.reference;

import org.jspecify.annotations.NullMarked;
