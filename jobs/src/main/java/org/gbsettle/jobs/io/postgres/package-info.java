/**
 * PostgreSQL adapters: the embedded server and the JDBC repositories of settlement runs and their outputs. SQL here
 * only selects, joins and writes; rules live in the engine.
 */
@NullMarked
package org.gbsettle.jobs.io.postgres;

import org.jspecify.annotations.NullMarked;
