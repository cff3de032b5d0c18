package org.gbsettle.refdata.llf;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.jspecify.annotations.Nullable;

/**
 * One D0265 line loss factor file as read: its header, the distributor (LDSO) it is for, the LLFs per LLFC, settlement
 * date and period in millionths (1.074 is 1,074,000; see {@link LineLossFactors#SCALE}), and its trailer.
 *
 * <p>The trailer {@code ZPT|a|b} holds two numbers whose meaning is unverified (record count and checksum are likely):
 * they are kept as read, with {@link #bodyRecordCount()} (records between header and trailer) to compare against, but
 * not checked.
 */
public final class LlfFile {

    private final String fileName;
    private final String flowVersion;
    private final @Nullable LocalDateTime created;
    private final String testFlag;
    private final MarketParticipantId distributor;
    private final Map<LineLossFactorClass, Map<LocalDate, long[]>> values;
    private final long trailerFirst;
    private final long trailerSecond;
    private final long bodyRecordCount;

    LlfFile(
            String fileName,
            String flowVersion,
            @Nullable LocalDateTime created,
            String testFlag,
            MarketParticipantId distributor,
            Map<LineLossFactorClass, Map<LocalDate, long[]>> values,
            long trailerFirst,
            long trailerSecond,
            long bodyRecordCount) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.flowVersion = Objects.requireNonNull(flowVersion, "flowVersion");
        this.created = created;
        this.testFlag = Objects.requireNonNull(testFlag, "testFlag");
        this.distributor = Objects.requireNonNull(distributor, "distributor");
        Map<LineLossFactorClass, Map<LocalDate, long[]>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.values = Collections.unmodifiableMap(copy);
        this.trailerFirst = trailerFirst;
        this.trailerSecond = trailerSecond;
        this.bodyRecordCount = bodyRecordCount;
    }

    /** The file name the parser was given. */
    public String fileName() {
        return fileName;
    }

    /** The flow id and version of the header, e.g. {@code D0265001}. */
    public String flowVersion() {
        return flowVersion;
    }

    /** When the file was created, from the header, if given. */
    public Optional<LocalDateTime> created() {
        return Optional.ofNullable(created);
    }

    /** The header's test flag ({@code OPER} for operational data, {@code TR01}... for tests), empty if absent. */
    public String testFlag() {
        return testFlag;
    }

    /** The distributor (LDSO) market participant id of the {@code DIS} record. */
    public MarketParticipantId distributor() {
        return distributor;
    }

    /** The LLFCs with values, in file order. */
    public Set<LineLossFactorClass> classes() {
        return values.keySet();
    }

    /** Every settlement date with values, in order. */
    public Set<LocalDate> dates() {
        TreeSet<LocalDate> out = new TreeSet<>();
        values.values().forEach(byDate -> out.addAll(byDate.keySet()));
        return Collections.unmodifiableSet(out);
    }

    /** The first settlement date with values, if any: from it on, this file replaces earlier files of its LDSO. */
    public Optional<LocalDate> firstDate() {
        return values.values().stream()
                .flatMap(byDate -> byDate.keySet().stream())
                .min(LocalDate::compareTo);
    }

    /** The LLFs of a class on a date in millionths, index {@code period - 1} (a copy), or null if none. */
    public long @Nullable [] millionths(LineLossFactorClass llfc, LocalDate date) {
        Map<LocalDate, long[]> byDate = values.get(llfc);
        long[] v = byDate == null ? null : byDate.get(date);
        return v == null ? null : v.clone();
    }

    /** The values by class and date, arrays shared: for this package's readers, which do not modify them. */
    Map<LineLossFactorClass, Map<LocalDate, long[]>> values() {
        return values;
    }

    /** Adds every value of this file to a builder (replacing what it holds for the same class and date). */
    public LineLossFactors.Builder addTo(LineLossFactors.Builder builder) {
        values.forEach((llfc, byDate) -> byDate.forEach((date, v) -> builder.put(llfc, date, v)));
        return builder;
    }

    /** This file's values as a table. */
    public LineLossFactors lineLossFactors() {
        return addTo(LineLossFactors.builder()).build();
    }

    /** The first number of the {@code ZPT} trailer (a record count, unverified). */
    public long trailerRecordCount() {
        return trailerFirst;
    }

    /** The second number of the {@code ZPT} trailer (a checksum, unverified). */
    public long trailerChecksum() {
        return trailerSecond;
    }

    /** Records between the header and the trailer ({@code DIS}, {@code LLF}, {@code SDT} and {@code SPL}). */
    public long bodyRecordCount() {
        return bodyRecordCount;
    }

    @Override
    public String toString() {
        return "LlfFile[" + fileName + ", " + distributor + ", " + values.size() + " LLFCs, " + dates().size()
                + " dates]";
    }
}
