package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code llfc_site_specific.csv}: {@code distributor_mpid,llfc}, the line loss factor classes whose losses
 * are metering-system-specific (component {@code M}, e.g. a site-specific EHV LLF) rather than non-specific
 * ({@code L}).
 */
public final class LlfcSiteSpecificCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "llfc_site_specific.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS = List.of("distributor_mpid", "llfc");

    private LlfcSiteSpecificCsv() {}

    /**
     * Parses a file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static Set<LineLossFactorClass> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, p));
    }

    /**
     * Parses a file on disk.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static Set<LineLossFactorClass> parse(Path path) {
        return Csv.orThrow(p -> read(path, p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static Set<LineLossFactorClass> read(Path path, Problems problems) {
        return Csv.onPath(path, problems, Set.of(), (r, name) -> read(r, name, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static Set<LineLossFactorClass> read(Reader reader, String fileName, Problems problems) {
        CsvTable t = CsvTable.read(reader, fileName, COLUMNS, List.of(), problems);
        Set<LineLossFactorClass> out = new LinkedHashSet<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            MarketParticipantId distributor = f.required("distributor_mpid", MarketParticipantId::of);
            String code = f.required("llfc", LlfcSiteSpecificCsv::llfc);
            if (f.failed()) {
                continue;
            }
            out.add(new LineLossFactorClass(present(distributor), present(code)));
        }
        return out;
    }

    /** An LLFC code: 1-3 letters or digits. */
    static String llfc(String s) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("'" + s + "' is not an LLFC (1-3 letters or digits)");
        }
        return s;
    }
}
