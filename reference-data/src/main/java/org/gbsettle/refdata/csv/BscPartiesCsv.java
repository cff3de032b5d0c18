package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.reference.BscParty;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.reference.MarketRole;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code bsc_parties.csv}, BSC parties in their market roles: {@code party_id,participant_id,role_code,name,
 * effective_from,effective_to}; party id text(8), participant id CHAR(4), role A B C D M P R X or Z.
 */
public final class BscPartiesCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "bsc_parties.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS =
            List.of("party_id", "participant_id", "role_code", "name", Csv.EFFECTIVE_FROM, Csv.EFFECTIVE_TO);

    private BscPartiesCsv() {}

    /**
     * Parses a file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<BscParty> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, p));
    }

    /**
     * Parses a file on disk.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<BscParty> parse(Path path) {
        return Csv.orThrow(p -> read(path, p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<BscParty> read(Path path, Problems problems) {
        return Csv.onPath(path, problems, List.of(), (r, name) -> read(r, name, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<BscParty> read(Reader reader, String fileName, Problems problems) {
        CsvTable t = CsvTable.read(reader, fileName, COLUMNS, List.of(), problems);
        List<BscParty> out = new ArrayList<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            String party = f.required("party_id", s -> s);
            MarketParticipantId participant = f.required("participant_id", MarketParticipantId::of);
            MarketRole role = f.required("role_code", MarketRole::parse);
            String name = f.raw("name");
            EffectiveRange range = Csv.effective(f);
            if (f.failed()) {
                continue;
            }
            try {
                out.add(new BscParty(present(party), present(participant), present(role), name, present(range)));
            } catch (IllegalArgumentException e) {
                f.problem("party_id", Csv.message(e));
            }
        }
        return out;
    }
}
