/**
 * The industry reference files the project ships and the loaders of reference folders: {@link
 * org.gbsettle.refdata.ReferenceDirectory} reads a folder of MDD-style CSVs and D0265 LLF files into the engine's
 * {@link org.gbsettle.engine.reference.ReferenceData}; {@link org.gbsettle.refdata.ShippedReferenceData} gives the
 * files shipped on the classpath. Every format problem is a {@link org.gbsettle.refdata.ReferenceFileException}
 * naming file, line, field and rule.
 */
@NullMarked
package org.gbsettle.refdata;

import org.jspecify.annotations.NullMarked;
