package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.HhDefaultEac;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code hh_default_eac.csv}, the MDD HH Default EAC per measurement class: {@code
 * measurement_class,eac_kwh,effective_from,effective_to}; kWh per year with at most 1 decimal place.
 */
public final class HhDefaultEacCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "hh_default_eac.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS =
            List.of("measurement_class", "eac_kwh", Csv.EFFECTIVE_FROM, Csv.EFFECTIVE_TO);

    private HhDefaultEacCsv() {}

    /**
     * Parses a file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<HhDefaultEac> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, p));
    }

    /**
     * Parses a file on disk.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<HhDefaultEac> parse(Path path) {
        return Csv.orThrow(p -> read(path, p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<HhDefaultEac> read(Path path, Problems problems) {
        return Csv.onPath(path, problems, List.of(), (r, name) -> read(r, name, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<HhDefaultEac> read(Reader reader, String fileName, Problems problems) {
        CsvTable t = CsvTable.read(reader, fileName, COLUMNS, List.of(), problems);
        List<HhDefaultEac> out = new ArrayList<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            MeasurementClass mc = f.required("measurement_class", MeasurementClass::parse);
            BigDecimal eac = f.required("eac_kwh", s -> Fields.nonNegativeDecimal(s, 1));
            EffectiveRange range = Csv.effective(f);
            if (f.failed()) {
                continue;
            }
            out.add(new HhDefaultEac(present(mc), present(eac), present(range)));
        }
        return out;
    }
}
