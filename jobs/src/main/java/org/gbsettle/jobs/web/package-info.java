/**
 * The HTTP API of a serving gbsettle (Spring MVC, JSON): settlement runs listed and in detail ({@code GET /runs},
 * {@code GET /runs/{id}}) and operator reruns started ({@code POST /runs}); bad requests answered with RFC 9457
 * problem details naming the field. Active only in a web application context: the command line's contexts are not.
 */
@NullMarked
package org.gbsettle.jobs.web;

import org.jspecify.annotations.NullMarked;
