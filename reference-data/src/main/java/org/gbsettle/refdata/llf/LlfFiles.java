package org.gbsettle.refdata.llf;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.MarketParticipantId;

/**
 * Combines D0265 files into one table of line loss factors. LLFs are published per LDSO per BSC year, and a later
 * file replaces earlier ones from its first settlement date (domain.md §6.3): per distributor, files are applied in
 * the order of their header's creation time (a file without one first), then of their names; each file drops every
 * value of its distributor from its first settlement date on, then adds its own.
 *
 * <p>Example: file 1 (created 2026-03-01) covers EELC 2026-04-01..2027-03-31; file 2 (created 2026-09-15) covers
 * 2026-10-01..2027-03-31. The result holds file 1's values for April to September 2026 and file 2's from October,
 * including for LLFCs that file 2 no longer lists.
 */
public final class LlfFiles {

    private LlfFiles() {}

    /** The order in which files apply: creation time (absent first), then file name. */
    public static final Comparator<LlfFile> APPLY_ORDER = Comparator.comparing(
                    (LlfFile f) -> f.created().orElse(LocalDateTime.MIN))
            .thenComparing(LlfFile::fileName);

    /**
     * The line loss factors of the files, later files of a distributor replacing earlier ones from their first date;
     * {@code siteSpecific} marks the classes whose losses are metering-system-specific.
     */
    public static LineLossFactors combine(List<LlfFile> files, Set<LineLossFactorClass> siteSpecific) {
        List<LlfFile> ordered = new ArrayList<>(files);
        ordered.sort(APPLY_ORDER);
        Map<LineLossFactorClass, Map<LocalDate, long[]>> values = new HashMap<>();
        for (LlfFile f : ordered) {
            MarketParticipantId d = f.distributor();
            f.firstDate()
                    .ifPresent(first -> values.forEach((llfc, byDate) -> {
                        if (llfc.distributor().equals(d)) {
                            byDate.keySet().removeIf(date -> !date.isBefore(first));
                        }
                    }));
            f.values()
                    .forEach((llfc, byDate) ->
                            values.computeIfAbsent(llfc, k -> new HashMap<>()).putAll(byDate));
        }
        LineLossFactors.Builder b = LineLossFactors.builder();
        values.forEach((llfc, byDate) -> byDate.forEach((date, v) -> b.put(llfc, date, v)));
        siteSpecific.forEach(b::siteSpecific);
        return b.build();
    }
}
