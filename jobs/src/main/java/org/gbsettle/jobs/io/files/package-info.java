/**
 * Files named from outside the process (an HTTP request, a message): {@link org.gbsettle.jobs.io.files.PathConfinement}
 * keeps each inside the directories configured for it.
 */
@NullMarked
package org.gbsettle.jobs.io.files;

import org.jspecify.annotations.NullMarked;
