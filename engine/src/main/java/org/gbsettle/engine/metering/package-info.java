/** Metering-system identities and codes: MPAN cores with their check digit, measurement quantities, read qualities and the registration attributes that select rules. */
@NullMarked
package org.gbsettle.engine.metering;

import org.jspecify.annotations.NullMarked;
