package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.Component;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code ccc.csv}, the consumption component classes: {@code ccc_id,mq,hh_nhh,metered,component,
 * actual_estimated,measurement_classes,description,effective_from,effective_to}.
 *
 * <p>Codes: {@code mq} AI/AE; {@code hh_nhh} H/N; {@code metered} M (metered) or U (unmetered); {@code component} C
 * consumption, M metering-system-specific losses, L non-specific losses; {@code actual_estimated} A, E (HH) or EAC, AA
 * (NHH); {@code measurement_classes} letters A-G separated by {@code ;}, empty for all classes.
 */
public final class CccCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "ccc.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS = List.of(
            "ccc_id",
            "mq",
            "hh_nhh",
            "metered",
            "component",
            "actual_estimated",
            "measurement_classes",
            "description",
            Csv.EFFECTIVE_FROM,
            Csv.EFFECTIVE_TO);

    private CccCsv() {}

    /**
     * Parses a file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<ConsumptionComponentClass> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, p));
    }

    /**
     * Parses a file on disk.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<ConsumptionComponentClass> parse(Path path) {
        return Csv.orThrow(p -> read(path, p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<ConsumptionComponentClass> read(Path path, Problems problems) {
        return Csv.onPath(path, problems, List.of(), (r, name) -> read(r, name, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<ConsumptionComponentClass> read(Reader reader, String fileName, Problems problems) {
        CsvTable t = CsvTable.read(reader, fileName, COLUMNS, List.of(), problems);
        List<ConsumptionComponentClass> out = new ArrayList<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            Integer id = f.required("ccc_id", s -> Fields.integer(s, 1, 9999));
            MeasurementQuantity mq = f.required("mq", CccCsv::mq);
            Boolean hh = f.required("hh_nhh", s -> code(s, "H", "N", "is not H or N"));
            Boolean metered = f.required("metered", s -> code(s, "M", "U", "is not M or U"));
            Component component = f.required("component", CccCsv::component);
            Basis basis = f.required("actual_estimated", Basis::parse);
            Set<MeasurementClass> classes = f.optional("measurement_classes", CccCsv::classes);
            String description = f.raw("description");
            EffectiveRange range = Csv.effective(f);
            if (f.failed()) {
                continue;
            }
            try {
                out.add(new ConsumptionComponentClass(
                        present(id),
                        present(mq),
                        present(hh),
                        present(metered),
                        present(component),
                        present(basis),
                        classes == null ? Set.of() : classes,
                        description,
                        present(range)));
            } catch (IllegalArgumentException e) {
                f.problem(null, Csv.message(e));
            }
        }
        return out;
    }

    private static MeasurementQuantity mq(String s) {
        return switch (s) {
            case "AI" -> MeasurementQuantity.AI;
            case "AE" -> MeasurementQuantity.AE;
            default -> throw new IllegalArgumentException("'" + s + "' is not AI or AE");
        };
    }

    private static boolean code(String s, String yes, String no, String rule) {
        if (s.equals(yes)) {
            return true;
        }
        if (s.equals(no)) {
            return false;
        }
        throw new IllegalArgumentException("'" + s + "' " + rule);
    }

    static Component component(String s) {
        return switch (s) {
            case "C" -> Component.C;
            case "M" -> Component.M;
            case "L" -> Component.L;
            default -> throw new IllegalArgumentException("'" + s + "' is not C, M or L");
        };
    }

    private static Set<MeasurementClass> classes(String s) {
        Set<MeasurementClass> out = EnumSet.noneOf(MeasurementClass.class);
        for (String part : s.split(";", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException(
                        "'" + s + "' has an empty measurement class (use ; between letters)");
            }
            out.add(MeasurementClass.parse(part));
        }
        return out;
    }
}
