/** What a run is and what it produces: run context and configuration, results, issues and the explanation of one value. Entry point: {@link org.gbsettle.engine.run.RunResult}. */
@NullMarked
package org.gbsettle.engine.run;

import org.jspecify.annotations.NullMarked;
