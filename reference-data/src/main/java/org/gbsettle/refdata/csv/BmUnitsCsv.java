package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.BmUnitType;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code bm_units.csv}: {@code bm_unit_id,supplier_participant_id,lead_party_id,gsp_group_id,bm_unit_type,
 * default_flag,effective_from,effective_to} (domain.md §6.5).
 *
 * <p>Rules besides the field formats: the GSP group must be a known one ({@code REFDATA_CONFLICT} otherwise); the
 * Default BM Unit Flag is set exactly on type {@code G} units; a supplier unit id of the form {@code 2__<letter>...}
 * carries its GSP group's letter. {@code lead_party_id} (BSC party id, text(8)) may be empty and is not kept.
 */
public final class BmUnitsCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "bm_units.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS = List.of(
            "bm_unit_id",
            "supplier_participant_id",
            "lead_party_id",
            "gsp_group_id",
            "bm_unit_type",
            "default_flag",
            Csv.EFFECTIVE_FROM,
            Csv.EFFECTIVE_TO);

    private BmUnitsCsv() {}

    /**
     * Parses a file, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<BmUnit> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, Set.copyOf(GspGroups.ALL), p));
    }

    /**
     * Parses a file on disk, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<BmUnit> parse(Path path) {
        return Csv.orThrow(p -> read(path, Set.copyOf(GspGroups.ALL), p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<BmUnit> read(Path path, Set<GspGroup> knownGroups, Problems problems) {
        return Csv.onPath(path, problems, List.of(), (r, name) -> read(r, name, knownGroups, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<BmUnit> read(Reader reader, String fileName, Set<GspGroup> knownGroups, Problems problems) {
        CsvTable t = CsvTable.read(reader, fileName, COLUMNS, List.of(), problems);
        List<BmUnit> out = new ArrayList<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            BmUnitId id = f.required("bm_unit_id", BmUnitId::of);
            MarketParticipantId supplier = f.required("supplier_participant_id", MarketParticipantId::of);
            f.optional("lead_party_id", BmUnitsCsv::leadParty);
            GspGroup group = f.required("gsp_group_id", s -> Fields.gspGroup(s, knownGroups));
            BmUnitType type = f.required("bm_unit_type", BmUnitsCsv::type);
            Boolean isDefault = f.required("default_flag", Fields::flag);
            EffectiveRange range = Csv.effective(f);
            if (type != null && isDefault != null && isDefault != (type == BmUnitType.G)) {
                f.problem(
                        "default_flag",
                        "'" + f.raw("default_flag") + "' on a type " + type
                                + " unit: the default flag is set on type G units and only on them");
            }
            if (id != null
                    && group != null
                    && id.id().startsWith("2__")
                    && id.id().length() > 3
                    && id.id().charAt(3) != group.letter()) {
                f.problem(
                        "bm_unit_id",
                        "'" + id + "' is a supplier unit id of group letter "
                                + id.id().charAt(3) + " but its GSP group is " + group);
            }
            if (f.failed()) {
                continue;
            }
            out.add(new BmUnit(
                    present(id), present(supplier), present(group), present(type), present(isDefault), present(range)));
        }
        return out;
    }

    private static String leadParty(String s) {
        if (s.length() > 8) {
            throw new IllegalArgumentException("'" + s + "' is longer than a BSC party id (8 characters)");
        }
        return s;
    }

    private static BmUnitType type(String s) {
        try {
            return BmUnitType.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not a BM unit type G, S, E, T or I", e);
        }
    }
}
