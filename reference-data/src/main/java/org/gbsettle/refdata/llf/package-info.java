/**
 * Line loss factor files in the D0265 flow's pipe-delimited "Pool Transfer" form ({@code ZHD, DIS, LLF, SDT, SPL,
 * ZPT} records): {@link org.gbsettle.refdata.llf.D0265Parser} reads one file into an {@link
 * org.gbsettle.refdata.llf.LlfFile}; {@link org.gbsettle.refdata.llf.LlfFiles} combines files, a later file of a
 * distributor replacing earlier ones from its first settlement date.
 */
@NullMarked
package org.gbsettle.refdata.llf;

import org.jspecify.annotations.NullMarked;
