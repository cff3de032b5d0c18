package org.gbsettle.jobs.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an instant written in ISO-8601 with its offset: {@code 2026-01-17T05:12:00Z} or {@code ...+01:00}. */
final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not an instant with an offset, e.g. 2026-01-17T05:12:00Z");
        }
    }
}
