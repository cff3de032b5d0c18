/** Group slices: placeholder, replaced below. */
@NullMarked
package org.gbsettle.engine.slice;

import org.jspecify.annotations.NullMarked;
