/** Tests of group slices: the split planner, the stored form of slices and samples, and the combine's checks. */
@NullMarked
package org.gbsettle.engine.slice;

import org.jspecify.annotations.NullMarked;
