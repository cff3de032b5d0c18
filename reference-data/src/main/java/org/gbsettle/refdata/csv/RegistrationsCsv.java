package org.gbsettle.refdata.csv;

import static org.gbsettle.refdata.csv.Csv.present;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Parser of {@code registrations.csv}, one row per metering system per effective range (domain.md §6.6), columns in
 * this order: {@code mpan_core, supplier_participant_id, bm_unit_id, distributor_short_code, distributor_mpid, llfc,
 * gsp_group_id, measurement_class, market_segment, connection_type, domestic, energisation, energy_direction,
 * settlement_regime, annual_consumption_kwh, profile_class, ssc, effective_from, effective_to}.
 *
 * <p>Codes: MPAN core 13 digits with a valid check digit, its first two digits equal to {@code
 * distributor_short_code}; {@code bm_unit_id} empty for the supplier's default unit; {@code measurement_class} A-G;
 * {@code market_segment} S/A/U, empty for legacy; {@code connection_type} W/C; {@code domestic} true/false or Y/N;
 * {@code energisation} E/D; {@code energy_direction} I/E (AI/AE); {@code settlement_regime} LEGACY/MHHS; {@code
 * annual_consumption_kwh} at most 1 decimal place, may be empty; {@code profile_class} 1-8 for NHH, empty (or 0) for
 * HH; {@code ssc} the Standard Settlement Configuration (NHH), may be empty.
 */
public final class RegistrationsCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "registrations.csv";

    /** The columns, in the conventional order. */
    public static final List<String> COLUMNS = List.of(
            "mpan_core",
            "supplier_participant_id",
            "bm_unit_id",
            "distributor_short_code",
            "distributor_mpid",
            "llfc",
            "gsp_group_id",
            "measurement_class",
            "market_segment",
            "connection_type",
            "domestic",
            "energisation",
            "energy_direction",
            "settlement_regime",
            "annual_consumption_kwh",
            "profile_class",
            "ssc",
            Csv.EFFECTIVE_FROM,
            Csv.EFFECTIVE_TO);

    private RegistrationsCsv() {}

    /**
     * The row rules of the columns, one {@link FieldRule} each, as the parser applies them; with {@link
     * #shortCodeMatches}, {@link EffectiveRange#of} ({@code effective_to} not before {@code effective_from}) and the
     * {@link Registration} constructor's own checks they are every rule a row must pass.
     */
    public static final class Rules {

        /** {@code mpan_core}: 13 digits (or a 21-digit MPAN, spaces ignored) with a valid check digit. */
        public static final FieldRule<Mpan> MPAN_CORE = FieldRule.required("mpan_core", Mpan::parse);

        /** {@code supplier_participant_id}: 1-4 letters or digits. */
        public static final FieldRule<MarketParticipantId> SUPPLIER =
                FieldRule.required("supplier_participant_id", MarketParticipantId::of);

        /** {@code bm_unit_id}: 1-11 characters, blank for the supplier's default unit. */
        public static final FieldRule<BmUnitId> BM_UNIT = FieldRule.optional("bm_unit_id", BmUnitId::of);

        /** {@code distributor_short_code}: a whole number 10-99. */
        public static final FieldRule<Integer> DISTRIBUTOR_SHORT_CODE =
                FieldRule.required("distributor_short_code", s -> Fields.integer(s, 10, 99));

        /** {@code distributor_mpid}: 1-4 letters or digits. */
        public static final FieldRule<MarketParticipantId> DISTRIBUTOR =
                FieldRule.required("distributor_mpid", MarketParticipantId::of);

        /** {@code llfc}: 1-3 letters or digits. */
        public static final FieldRule<String> LLFC = FieldRule.required("llfc", LlfcSiteSpecificCsv::llfc);

        /** {@code measurement_class}: A-G. */
        public static final FieldRule<MeasurementClass> MEASUREMENT_CLASS =
                FieldRule.required("measurement_class", MeasurementClass::parse);

        /** {@code market_segment}: S, A or U; blank for legacy. */
        public static final FieldRule<MarketSegment> MARKET_SEGMENT =
                FieldRule.optional("market_segment", MarketSegment::parse);

        /** {@code connection_type}: W or C. */
        public static final FieldRule<ConnectionType> CONNECTION_TYPE =
                FieldRule.required("connection_type", ConnectionType::parse);

        /** {@code domestic}: true/false or Y/N, any case. */
        public static final FieldRule<Boolean> DOMESTIC = FieldRule.required("domestic", Fields::yesNo);

        /** {@code energisation}: E (energised, true) or D (de-energised, false). */
        public static final FieldRule<Boolean> ENERGISATION =
                FieldRule.required("energisation", RegistrationsCsv::energisation);

        /** {@code energy_direction}: I or E (AI or AE). */
        public static final FieldRule<MeasurementQuantity> ENERGY_DIRECTION =
                FieldRule.required("energy_direction", MeasurementQuantity::parse);

        /** {@code settlement_regime}: LEGACY or MHHS. */
        public static final FieldRule<SettlementRegime> SETTLEMENT_REGIME =
                FieldRule.required("settlement_regime", SettlementRegime::parse);

        /** {@code annual_consumption_kwh}: a decimal, kWh per year, at most 1 decimal place; may be blank. */
        public static final FieldRule<BigDecimal> ANNUAL_CONSUMPTION =
                FieldRule.optional("annual_consumption_kwh", s -> Fields.decimal(s, 1));

        /** {@code profile_class}: 0-8, blank (0) for HH. */
        public static final FieldRule<Integer> PROFILE_CLASS =
                FieldRule.optional("profile_class", s -> Fields.integer(s, 0, 8));

        /** {@code ssc}: 1-4 letters or digits; may be blank. */
        public static final FieldRule<String> SSC = FieldRule.optional("ssc", RegistrationsCsv::ssc);

        /** {@code effective_from}: an ISO date. */
        public static final FieldRule<LocalDate> EFFECTIVE_FROM =
                FieldRule.required(Csv.EFFECTIVE_FROM, Fields::isoDate);

        /** {@code effective_to}: an ISO date, blank for open-ended. */
        public static final FieldRule<LocalDate> EFFECTIVE_TO = FieldRule.optional(Csv.EFFECTIVE_TO, Fields::isoDate);

        private Rules() {}

        /** {@code gsp_group_id}: one of the known groups. */
        public static FieldRule<GspGroup> gspGroup(Set<GspGroup> knownGroups) {
            return FieldRule.required("gsp_group_id", s -> Fields.gspGroup(s, knownGroups));
        }

        /** Whether {@code distributor_short_code} is the MPAN's first two digits, as a row requires. */
        public static boolean shortCodeMatches(Mpan mpan, int shortCode) {
            return mpan.distributorShortCode() == shortCode;
        }
    }

    /**
     * Parses a file, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<Registration> parse(Reader reader, String fileName) {
        return Csv.orThrow(p -> read(reader, fileName, Set.copyOf(GspGroups.ALL), p));
    }

    /**
     * Parses a file on disk, GSP groups checked against the fourteen of GB.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<Registration> parse(Path path) {
        return Csv.orThrow(p -> read(path, Set.copyOf(GspGroups.ALL), p));
    }

    /**
     * Parses a table delivered as typed columns or database rows rendered as text, GSP groups checked against the
     * fourteen of GB, by the same rules as the file.
     *
     * @throws ReferenceFileException listing every problem found
     */
    public static List<Registration> parse(TextTable table) {
        return Csv.orThrow(p -> read(table, Set.copyOf(GspGroups.ALL), p));
    }

    /** Reads a file on disk, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<Registration> read(Path path, Set<GspGroup> knownGroups, Problems problems) {
        return Csv.onPath(path, problems, List.of(), (r, name) -> read(r, name, knownGroups, problems));
    }

    /** Reads a file, adding every problem to {@code problems}; returns the rows that parsed. */
    public static List<Registration> read(
            Reader reader, String fileName, Set<GspGroup> knownGroups, Problems problems) {
        return rows(CsvTable.read(reader, fileName, COLUMNS, List.of(), problems), knownGroups, problems);
    }

    /**
     * Reads a table delivered as typed columns (a Parquet file rendered as text), by the same rules as the CSV;
     * adds every problem to {@code problems} and returns the rows that parsed.
     */
    public static List<Registration> read(TextTable table, Set<GspGroup> knownGroups, Problems problems) {
        return rows(CsvTable.of(table, COLUMNS, List.of(), problems), knownGroups, problems);
    }

    private static List<Registration> rows(CsvTable t, Set<GspGroup> knownGroups, Problems problems) {
        List<Registration> out = new ArrayList<>();
        for (CsvTable.Row row : t.rows) {
            CsvTable.RowFields f = t.fields(row, problems);
            Mpan mpan = f.get(Rules.MPAN_CORE);
            MarketParticipantId supplier = f.get(Rules.SUPPLIER);
            BmUnitId bmUnit = f.get(Rules.BM_UNIT);
            Integer shortCode = f.get(Rules.DISTRIBUTOR_SHORT_CODE);
            MarketParticipantId distributor = f.get(Rules.DISTRIBUTOR);
            String llfc = f.get(Rules.LLFC);
            GspGroup group = f.get(Rules.gspGroup(knownGroups));
            MeasurementClass mc = f.get(Rules.MEASUREMENT_CLASS);
            MarketSegment segment = f.get(Rules.MARKET_SEGMENT);
            ConnectionType connection = f.get(Rules.CONNECTION_TYPE);
            Boolean domestic = f.get(Rules.DOMESTIC);
            Boolean energised = f.get(Rules.ENERGISATION);
            MeasurementQuantity direction = f.get(Rules.ENERGY_DIRECTION);
            SettlementRegime regime = f.get(Rules.SETTLEMENT_REGIME);
            BigDecimal annual = f.get(Rules.ANNUAL_CONSUMPTION);
            Integer profileClass = f.get(Rules.PROFILE_CLASS);
            String ssc = f.get(Rules.SSC);
            EffectiveRange range = Csv.effective(f);
            if (mpan != null && shortCode != null && !Rules.shortCodeMatches(mpan, shortCode)) {
                f.problem(
                        "distributor_short_code",
                        "'" + shortCode + "' does not match the first two digits of MPAN " + mpan);
            }
            if (f.failed()) {
                continue;
            }
            try {
                out.add(new Registration(
                        present(mpan).core(),
                        present(supplier),
                        bmUnit,
                        new LineLossFactorClass(present(distributor), present(llfc)),
                        present(group),
                        present(mc),
                        segment,
                        present(connection),
                        present(domestic),
                        present(energised),
                        present(direction),
                        present(regime),
                        annual,
                        profileClass == null ? 0 : profileClass,
                        ssc,
                        present(range)));
            } catch (IllegalArgumentException e) {
                f.problem(null, Csv.message(e));
            }
        }
        return out;
    }

    private static boolean energisation(String s) {
        return switch (s) {
            case "E" -> true;
            case "D" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not E (energised) or D (de-energised)");
        };
    }

    private static String ssc(String s) {
        if (s.length() > 4 || !s.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("'" + s + "' is not a standard settlement configuration (1-4 digits)");
        }
        return s;
    }
}
