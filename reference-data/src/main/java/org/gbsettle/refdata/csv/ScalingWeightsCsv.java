package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code scaling_weights.csv}, the GSP group correction scaling weights per CCC: {@code
 * ccc_id,weight,effective_from,effective_to}; weight a decimal of at most 9 places, 0 or more (0 none, 1 full).
 */
public final class ScalingWeightsCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "scaling_weights.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS = List.of("ccc_id", "weight", Csv.EFFECTIVE_FROM, Csv.EFFECTIVE_TO);

    private ScalingWeightsCsv() {}

    /**
     * Parses a file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<ScalingWeight> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, p));
    }

    /**
     * Parses a file on disk.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<ScalingWeight> parse(Path path) {
        return Csv.orThrow(p -> read(path, p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<ScalingWeight> read(Path path, Problems problems) {
        return Csv.onPath(path, problems, List.of(), (r, name) -> read(r, name, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<ScalingWeight> read(Reader reader, String fileName, Problems problems) {
        CsvTable t = CsvTable.read(reader, fileName, COLUMNS, List.of(), problems);
        List<ScalingWeight> out = new ArrayList<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            Integer id = f.required("ccc_id", s -> Fields.integer(s, 1, 9999));
            BigDecimal weight = f.required("weight", s -> Fields.nonNegativeDecimal(s, 9));
            EffectiveRange range = Csv.effective(f);
            if (f.failed()) {
                continue;
            }
            out.add(new ScalingWeight(present(id), present(weight), present(range)));
        }
        return out;
    }
}
