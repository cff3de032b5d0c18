/** Settlement runs as the application keeps them: their status and the summary the {@code status} command lists. */
@NullMarked
package org.gbsettle.jobs.run;

import org.jspecify.annotations.NullMarked;
