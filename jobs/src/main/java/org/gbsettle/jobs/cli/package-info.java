/**
 * The {@code gbsettle} command line (picocli): the top-level command, one class per subcommand, and the exit-code
 * rules (0 success, 1 error, 2 bad arguments). Commands that need the database run inside a Spring context started
 * for them; help and version start nothing.
 */
@NullMarked
package org.gbsettle.jobs.cli;

import org.jspecify.annotations.NullMarked;
