package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroupInfo;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code gsp_groups.csv}: {@code gsp_group_id,name,distributor_short_code,dno_mpid}, one row per GSP group
 * (MDD GSP Group: id, name CHAR(30), the host distributor's short code and market participant id).
 */
public final class GspGroupsCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "gsp_groups.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS = List.of("gsp_group_id", "name", "distributor_short_code", "dno_mpid");

    private GspGroupsCsv() {}

    /**
     * Parses a file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<GspGroupInfo> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, p));
    }

    /**
     * Parses a file on disk.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<GspGroupInfo> parse(Path path) {
        return Csv.orThrow(p -> read(path, p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<GspGroupInfo> read(Path path, Problems problems) {
        return Csv.onPath(path, problems, List.of(), (r, name) -> read(r, name, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<GspGroupInfo> read(Reader reader, String fileName, Problems problems) {
        CsvTable t = CsvTable.read(reader, fileName, COLUMNS, List.of(), problems);
        List<GspGroupInfo> out = new ArrayList<>();
        Map<GspGroup, Long> seen = new HashMap<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            GspGroup id = f.required("gsp_group_id", GspGroup::of);
            String name = f.required("name", s -> s);
            Integer code = f.required("distributor_short_code", s -> Fields.integer(s, 10, 99));
            MarketParticipantId mpid = f.required("dno_mpid", MarketParticipantId::of);
            if (id != null) {
                Long first = seen.putIfAbsent(id, row.line);
                if (first != null) {
                    f.problem("gsp_group_id", "GSP group " + id + " appears twice (first at line " + first + ")");
                }
            }
            if (f.failed()) {
                continue;
            }
            try {
                out.add(new GspGroupInfo(present(id), present(name), present(code), present(mpid)));
            } catch (IllegalArgumentException e) {
                f.problem(null, Csv.message(e));
            }
        }
        return out;
    }
}
