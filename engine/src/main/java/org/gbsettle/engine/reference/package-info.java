/** Effective-dated reference data the calculation reads: GSP groups, line loss factors, consumption component classes and scaling weights, BM units, GSP group takes, profile coefficients. Entry point: {@link org.gbsettle.engine.reference.ReferenceData}. */
@NullMarked
package org.gbsettle.engine.reference;

import org.jspecify.annotations.NullMarked;
