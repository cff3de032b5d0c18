package org.gbsettle.refdata.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.BmUnitType;
import org.gbsettle.engine.reference.BscParty;
import org.gbsettle.engine.reference.Component;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroupInfo;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.HhDefaultEac;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.MarketRole;
import org.gbsettle.engine.reference.ProfileCoefficients;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The MDD-style CSV parsers: one well-formed file each, then a table of malformed rows and their messages. */
class CsvParsersTest {

    private static final LocalDate APRIL = LocalDate.of(2025, 4, 1);

    static final String CCC_HEADER = String.join(",", CccCsv.COLUMNS) + "\n";
    static final String REG_HEADER = String.join(",", RegistrationsCsv.COLUMNS) + "\n";
    static final String REG_ROW =
            "1012345678903,SUPA,2__ASUPA000,10,EELC,210,_A,G,S,W,N,E,I,MHHS,70080.0,,,2025-04-01,";
    static final String BMU_HEADER = String.join(",", BmUnitsCsv.COLUMNS) + "\n";

    @Test
    void test_ccc() {
        String text = CCC_HEADER
                + "23,AI,H,M,C,A,E;F;G,\"HH metered, below 100 kW, actual\",2025-04-01,\n"
                + "17,AI,N,M,C,EAC,,NHH metered consumption,2025-04-01,2026-03-31\n"
                + "7,AE,H,M,M,E,,export site-specific losses,2025-04-01,\n";

        List<ConsumptionComponentClass> cccs = CccCsv.parse(new StringReader(text), "ccc.csv");

        assertThat(cccs)
                .containsExactly(
                        new ConsumptionComponentClass(
                                23,
                                MeasurementQuantity.AI,
                                true,
                                true,
                                Component.C,
                                Basis.A,
                                Set.of(MeasurementClass.E, MeasurementClass.F, MeasurementClass.G),
                                "HH metered, below 100 kW, actual",
                                EffectiveRange.from(APRIL)),
                        new ConsumptionComponentClass(
                                17,
                                MeasurementQuantity.AI,
                                false,
                                true,
                                Component.C,
                                Basis.EAC,
                                Set.of(),
                                "NHH metered consumption",
                                EffectiveRange.of(APRIL, LocalDate.of(2026, 3, 31))),
                        new ConsumptionComponentClass(
                                7,
                                MeasurementQuantity.AE,
                                true,
                                true,
                                Component.M,
                                Basis.E,
                                Set.of(),
                                "export site-specific losses",
                                EffectiveRange.from(APRIL)));
    }

    @Test
    void test_scaling_weights_gsp_groups_parties_default_eacs_site_specific() {
        assertThat(ScalingWeightsCsv.parse(
                        new StringReader("ccc_id,weight,effective_from,effective_to\n23,0.25,2025-04-01,\n"), "w.csv"))
                .containsExactly(new ScalingWeight(23, new BigDecimal("0.25"), EffectiveRange.from(APRIL)));
        assertThat(GspGroupsCsv.parse(
                        new StringReader("gsp_group_id,name,distributor_short_code,dno_mpid\n"
                                + "_D,Merseyside & North Wales,13,MANW\n"),
                        "g.csv"))
                .containsExactly(new GspGroupInfo(
                        GspGroup.of("_D"),
                        "Merseyside & North Wales",
                        13,
                        org.gbsettle.engine.reference.MarketParticipantId.of("MANW")));
        assertThat(BscPartiesCsv.parse(
                        new StringReader(String.join(",", BscPartiesCsv.COLUMNS) + "\n"
                                + "BRITGAS,BGAS,X,British Gas,2001-03-27,\n"),
                        "p.csv"))
                .containsExactly(new BscParty(
                        "BRITGAS",
                        org.gbsettle.engine.reference.MarketParticipantId.of("BGAS"),
                        MarketRole.X,
                        "British Gas",
                        EffectiveRange.from(LocalDate.of(2001, 3, 27))));
        assertThat(HhDefaultEacCsv.parse(
                        new StringReader(
                                "measurement_class,eac_kwh,effective_from,effective_to\nF,2700.0,2025-04-01,\n"),
                        "e.csv"))
                .containsExactly(
                        new HhDefaultEac(MeasurementClass.F, new BigDecimal("2700.0"), EffectiveRange.from(APRIL)));
        assertThat(LlfcSiteSpecificCsv.parse(new StringReader("distributor_mpid,llfc\nEELC,901\n"), "s.csv"))
                .containsExactly(LineLossFactorClass.of("EELC", "901"));
    }

    @Test
    void test_bm_units() {
        String text = BMU_HEADER
                + "2__ASUPA000,SUPA,SUPALTD,_A,G,T,2025-04-01,\n"
                + "2__ASUPA001,SUPA,,_A,S,N,2025-04-01,2025-12-31\n";

        List<BmUnit> units = BmUnitsCsv.parse(new StringReader(text), "bm_units.csv");

        assertThat(units)
                .containsExactly(
                        new BmUnit(
                                BmUnitId.of("2__ASUPA000"),
                                org.gbsettle.engine.reference.MarketParticipantId.of("SUPA"),
                                GspGroups.A,
                                BmUnitType.G,
                                true,
                                EffectiveRange.from(APRIL)),
                        new BmUnit(
                                BmUnitId.of("2__ASUPA001"),
                                org.gbsettle.engine.reference.MarketParticipantId.of("SUPA"),
                                GspGroups.A,
                                BmUnitType.S,
                                false,
                                EffectiveRange.of(APRIL, LocalDate.of(2025, 12, 31))));
    }

    @Test
    void test_registrations() {
        String text = REG_HEADER
                + REG_ROW + "\n"
                + "1710000000020,SUPB,,17,HYDE,110,_P,A,,W,Y,D,I,LEGACY,3100.5,1,0393,2025-04-01,2025-09-30\n";

        List<Registration> regs = RegistrationsCsv.parse(new StringReader(text), "registrations.csv");

        Registration hh = regs.get(0);
        assertThat(hh.mpan()).isEqualTo(1012345678903L);
        assertThat(hh.supplier().code()).isEqualTo("SUPA");
        assertThat(hh.bmUnit()).isEqualTo(BmUnitId.of("2__ASUPA000"));
        assertThat(hh.llfc()).isEqualTo(LineLossFactorClass.of("EELC", "210"));
        assertThat(hh.gspGroup()).isEqualTo(GspGroups.A);
        assertThat(hh.measurementClass()).isEqualTo(MeasurementClass.G);
        assertThat(hh.marketSegment()).isEqualTo(MarketSegment.S);
        assertThat(hh.connectionType()).isEqualTo(ConnectionType.W);
        assertThat(hh.domestic()).isFalse();
        assertThat(hh.energised()).isTrue();
        assertThat(hh.direction()).isEqualTo(MeasurementQuantity.AI);
        assertThat(hh.regime()).isEqualTo(SettlementRegime.MHHS);
        assertThat(hh.annualConsumptionKwh()).isEqualByComparingTo("70080.0");
        assertThat(hh.profileClass()).isZero();
        assertThat(hh.ssc()).isNull();
        assertThat(hh.effective()).isEqualTo(EffectiveRange.from(APRIL));

        Registration nhh = regs.get(1);
        assertThat(nhh.bmUnit()).isNull();
        assertThat(nhh.marketSegment()).isNull();
        assertThat(nhh.domestic()).isTrue();
        assertThat(nhh.energised()).isFalse();
        assertThat(nhh.regime()).isEqualTo(SettlementRegime.LEGACY);
        assertThat(nhh.profileClass()).isEqualTo(1);
        assertThat(nhh.ssc()).isEqualTo("0393");
        assertThat(nhh.effective()).isEqualTo(EffectiveRange.of(APRIL, LocalDate.of(2025, 9, 30)));
    }

    @Test
    void test_profile_coefficients_sum_over_tprs() {
        String text = String.join(",", ProfileCoefficientsCsv.COLUMNS) + "\n"
                + "_A,1,0393,00001,2026-10-25,50,0.00001\n"
                + "_A,1,0393,00002,2026-10-25,50,0.00002\n";

        ProfileCoefficients c = ProfileCoefficientsCsv.parse(new StringReader(text), "pc.csv");

        // 0.00001 + 0.00002 over the two TPRs of SSC 0393 in SP50 of the long day
        assertThat(c.forDate(GspGroups.A, 1, "0393", LocalDate.of(2026, 10, 25))[49])
                .isEqualByComparingTo("0.00003");
    }

    @Test
    void test_load_shapes_keep_the_groups_rows() {
        String periods = String.join(",", LoadShapesCsv.PERIOD_COLUMNS) + "\n"
                + "_A,W,S,true,AI,5,0.180\n"
                + "_B,W,S,true,AI,5,0.999\n"
                + "_A,C,,N,AE,1,0.5\n";
        String totals = String.join(",", LoadShapesCsv.TOTALS_COLUMNS) + "\n" + "_A,W,S,Y,AI,3285.000\n";

        PublishedLoadShapes shapes = LoadShapesCsv.parse(
                new StringReader(periods),
                "lsp.csv",
                new StringReader(totals),
                "lst.csv",
                GspGroups.A,
                SettlementDate.of(2026, 10, 25),
                Set.copyOf(GspGroups.ALL));

        LoadShapeCategory smart =
                new LoadShapeCategory(ConnectionType.W, MarketSegment.S, true, MeasurementQuantity.AI);
        LoadShapeCategory legacyExport = new LoadShapeCategory(ConnectionType.C, null, false, MeasurementQuantity.AE);
        assertThat(shapes.value(smart, 5)).isEqualByComparingTo("0.180");
        assertThat(shapes.value(legacyExport, 1)).isEqualByComparingTo("0.5");
        assertThat(shapes.annualTotal(smart)).isEqualByComparingTo("3285.000");
        assertThat(shapes.annualTotal(legacyExport)).isNull();
    }

    @Test
    void test_bom_quotes_spaces_and_blank_lines() {
        String text = "\uFEFF" + "ccc_id , weight,effective_from,effective_to\r\n\r\n 23 ,\"0.25\",2025-04-01,\r\n";

        assertThat(ScalingWeightsCsv.parse(new StringReader(text), "w.csv"))
                .containsExactly(new ScalingWeight(23, new BigDecimal("0.25"), EffectiveRange.from(APRIL)));
    }

    // ---- malformed files: parser, text, expected message

    private static Arguments bad(String name, Function<String, ?> parser, String text, String message) {
        return Arguments.of(name, parser, text, message);
    }

    static Stream<Arguments> malformed() {
        Function<String, ?> ccc = t -> CccCsv.parse(new StringReader(t), "ccc.csv");
        Function<String, ?> reg = t -> RegistrationsCsv.parse(new StringReader(t), "registrations.csv");
        Function<String, ?> bmu = t -> BmUnitsCsv.parse(new StringReader(t), "bm_units.csv");
        Function<String, ?> weights = t -> ScalingWeightsCsv.parse(new StringReader(t), "scaling_weights.csv");
        Function<String, ?> groups = t -> GspGroupsCsv.parse(new StringReader(t), "gsp_groups.csv");
        Function<String, ?> pc = t -> ProfileCoefficientsCsv.parse(new StringReader(t), "profile_coefficients.csv");
        Function<String, ?> eac = t -> HhDefaultEacCsv.parse(new StringReader(t), "hh_default_eac.csv");
        String w = "ccc_id,weight,effective_from,effective_to\n";
        String pcHeader = String.join(",", ProfileCoefficientsCsv.COLUMNS) + "\n";
        return Stream.of(
                bad(
                        "empty file",
                        weights,
                        "",
                        "scaling_weights.csv: is empty: no header row (expected ccc_id,weight,"
                                + "effective_from,effective_to)"),
                bad(
                        "missing column",
                        weights,
                        "ccc_id,weight,effective_from\n1,0,2025-04-01\n",
                        "scaling_weights.csv line 1, field effective_to: required column is missing from the header"),
                bad(
                        "unknown column",
                        weights,
                        "ccc_id,weight,effective_from,effective_to,note\n",
                        "scaling_weights.csv line 1, field note: unknown column; the columns are ccc_id,weight,"
                                + "effective_from,effective_to"),
                bad(
                        "duplicate column",
                        weights,
                        "ccc_id,weight,weight,effective_from,effective_to\n",
                        "scaling_weights.csv line 1, field weight: column appears twice in the header"),
                bad(
                        "row with too few fields",
                        weights,
                        w + "1,0,2025-04-01\n",
                        "scaling_weights.csv line 2: has 3 fields, the header has 4: 1,0,2025-04-01"),
                bad(
                        "negative weight",
                        weights,
                        w + "1,-0.5,2025-04-01,\n",
                        "scaling_weights.csv line 2, field weight: '-0.5' is negative"),
                bad(
                        "effective_to before effective_from",
                        weights,
                        w + "1,0,2025-04-01,2025-03-31\n",
                        "scaling_weights.csv line 2, field effective_to: '2025-03-31' is before effective_from"
                                + " 2025-04-01"),
                bad(
                        "bad date",
                        weights,
                        w + "1,0,01/04/2025,\n",
                        "scaling_weights.csv line 2, field effective_from: '01/04/2025' is not a date (YYYY-MM-DD)"),
                bad(
                        "empty required value",
                        weights,
                        w + ",0,2025-04-01,\n",
                        "scaling_weights.csv line 2, field ccc_id: is empty"),
                bad("unterminated quote", weights, w + "1,\"0,2025-04-01,\n", null),
                bad(
                        "hh_nhh not H or N",
                        ccc,
                        CCC_HEADER + "1,AI,X,M,C,A,C,d,2025-04-01,\n",
                        "ccc.csv line 2, field hh_nhh: 'X' is not H or N"),
                bad(
                        "metered not M or U",
                        ccc,
                        CCC_HEADER + "1,AI,H,Y,C,A,C,d,2025-04-01,\n",
                        "ccc.csv line 2, field metered: 'Y' is not M or U"),
                bad(
                        "component not C, M or L",
                        ccc,
                        CCC_HEADER + "1,AI,H,M,X,A,C,d,2025-04-01,\n",
                        "ccc.csv line 2, field component: 'X' is not C, M or L"),
                bad(
                        "basis unknown",
                        ccc,
                        CCC_HEADER + "1,AI,H,M,C,Q,C,d,2025-04-01,\n",
                        "ccc.csv line 2, field actual_estimated: Basis 'Q' is not A, E, EAC or AA"),
                bad(
                        "basis that does not fit HH",
                        ccc,
                        CCC_HEADER + "1,AI,H,M,C,EAC,C,d,2025-04-01,\n",
                        "ccc.csv line 2: CCC 1: basis EAC does not fit HH"),
                bad(
                        "mq not AI or AE",
                        ccc,
                        CCC_HEADER + "1,RI,H,M,C,A,C,d,2025-04-01,\n",
                        "ccc.csv line 2, field mq: 'RI' is not AI or AE"),
                bad(
                        "unknown measurement class",
                        ccc,
                        CCC_HEADER + "1,AI,H,M,C,A,C;Z,d,2025-04-01,\n",
                        "ccc.csv line 2, field measurement_classes: Measurement class 'Z' is not one of A-G"),
                bad(
                        "empty measurement class",
                        ccc,
                        CCC_HEADER + "1,AI,H,M,C,A,C;;E,d,2025-04-01,\n",
                        "ccc.csv line 2, field measurement_classes: 'C;;E' has an empty measurement class (use ;"
                                + " between letters)"),
                bad(
                        "ccc id out of range",
                        ccc,
                        CCC_HEADER + "0,AI,H,M,C,A,C,d,2025-04-01,\n",
                        "ccc.csv line 2, field ccc_id: '0' is outside 1..9999"),
                bad(
                        "GSP group twice",
                        groups,
                        "gsp_group_id,name,distributor_short_code,dno_mpid\n_A,Eastern,10,EELC\n_A,East,10,EELC\n",
                        "gsp_groups.csv line 3, field gsp_group_id: GSP group _A appears twice (first at line 2)"),
                bad(
                        "GSP group name too long",
                        groups,
                        "gsp_group_id,name,distributor_short_code,dno_mpid\n_A,Eastern Electricity Board Of England,10,"
                                + "EELC\n",
                        "gsp_groups.csv line 2: GSP group name 'Eastern Electricity Board Of England' is longer than"
                                + " 30 characters"),
                bad(
                        "unknown GSP group in BM units",
                        bmu,
                        BMU_HEADER + "2__QSUPA000,SUPA,,_Q,G,T,2025-04-01,\n",
                        "bm_units.csv line 2, field gsp_group_id: REFDATA_CONFLICT: unknown GSP group '_Q' (known: _A"
                                + " _B _C _D _E _F _G _H _J _K _L _M _N _P)"),
                bad(
                        "unknown BM unit type",
                        bmu,
                        BMU_HEADER + "2__ASUPA000,SUPA,,_A,X,T,2025-04-01,\n",
                        "bm_units.csv line 2, field bm_unit_type: 'X' is not a BM unit type G, S, E, T or I"),
                bad(
                        "default flag on an additional unit",
                        bmu,
                        BMU_HEADER + "2__ASUPA001,SUPA,,_A,S,T,2025-04-01,\n",
                        "bm_units.csv line 2, field default_flag: 'T' on a type S unit: the default flag is set on type"
                                + " G units and only on them"),
                bad(
                        "default flag not a flag",
                        bmu,
                        BMU_HEADER + "2__ASUPA000,SUPA,,_A,G,maybe,2025-04-01,\n",
                        "bm_units.csv line 2, field default_flag: 'maybe' is not true/false, Y/N or T/F"),
                bad(
                        "unit id of another group",
                        bmu,
                        BMU_HEADER + "2__BSUPA000,SUPA,,_A,G,T,2025-04-01,\n",
                        "bm_units.csv line 2, field bm_unit_id: '2__BSUPA000' is a supplier unit id of group letter B"
                                + " but its GSP group is _A"),
                bad(
                        "lead party too long",
                        bmu,
                        BMU_HEADER + "2__ASUPA000,SUPA,SUPPLIERAPLC,_A,G,T,2025-04-01,\n",
                        "bm_units.csv line 2, field lead_party_id: 'SUPPLIERAPLC' is longer than a BSC party id (8"
                                + " characters)"),
                bad(
                        "bad MPAN check digit",
                        reg,
                        REG_HEADER + REG_ROW.replace("1012345678903", "1012345678904") + "\n",
                        "registrations.csv line 2, field mpan_core: MPAN 1012345678904 is invalid: check digit should"
                                + " be 3"),
                bad(
                        "MPAN not digits",
                        reg,
                        REG_HEADER + REG_ROW.replace("1012345678903", "10123456789X3") + "\n",
                        "registrations.csv line 2, field mpan_core: MPAN '10123456789X3' is not 13 digits"),
                bad(
                        "short code not the MPAN's",
                        reg,
                        REG_HEADER + REG_ROW.replace(",10,EELC", ",12,EELC") + "\n",
                        "registrations.csv line 2, field distributor_short_code: '12' does not match the first two"
                                + " digits of MPAN 1012345678903"),
                bad(
                        "unknown GSP group in registrations",
                        reg,
                        REG_HEADER + REG_ROW.replace(",_A,", ",_Q,") + "\n",
                        "registrations.csv line 2, field gsp_group_id: REFDATA_CONFLICT: unknown GSP group '_Q'"
                                + " (known: _A _B _C _D _E _F _G _H _J _K _L _M _N _P)"),
                bad(
                        "energisation not E or D",
                        reg,
                        REG_HEADER + REG_ROW.replace(",N,E,I,", ",N,X,I,") + "\n",
                        "registrations.csv line 2, field energisation: 'X' is not E (energised) or D (de-energised)"),
                bad(
                        "energy direction unknown",
                        reg,
                        REG_HEADER + REG_ROW.replace(",N,E,I,", ",N,E,Q,") + "\n",
                        "registrations.csv line 2, field energy_direction: Measurement quantity 'Q' is not AI or AE"
                                + " (or energy direction I or E)"),
                bad(
                        "domestic not a yes/no",
                        reg,
                        REG_HEADER + REG_ROW.replace(",W,N,E,", ",W,maybe,E,") + "\n",
                        "registrations.csv line 2, field domestic: 'maybe' is not true/false or Y/N"),
                bad(
                        "regime unknown",
                        reg,
                        REG_HEADER + REG_ROW.replace("MHHS", "NEW") + "\n",
                        "registrations.csv line 2, field settlement_regime: Settlement regime 'NEW' is not LEGACY or"
                                + " MHHS"),
                bad(
                        "annual consumption with 2 dp",
                        reg,
                        REG_HEADER + REG_ROW.replace("70080.0", "70080.05") + "\n",
                        "registrations.csv line 2, field annual_consumption_kwh: '70080.05' has more than 1 decimal"
                                + " place"),
                bad(
                        "NHH without profile class",
                        reg,
                        REG_HEADER + REG_ROW.replace(",_A,G,S,", ",_A,A,,") + "\n",
                        "registrations.csv line 2: Registration of MPAN 1012345678903: NHH measurement class A needs a"
                                + " profile class 1-8"),
                bad(
                        "profile class 9",
                        reg,
                        REG_HEADER + REG_ROW.replace("70080.0,,", "70080.0,9,") + "\n",
                        "registrations.csv line 2, field profile_class: '9' is outside 0..8"),
                bad(
                        "two problems in one row",
                        reg,
                        REG_HEADER + REG_ROW.replace(",W,N,E,", ",Q,N,X,") + "\n",
                        "2 problems in reference files:\n"
                                + "  - registrations.csv line 2, field connection_type: Connection type 'Q' is not W or"
                                + " C\n"
                                + "  - registrations.csv line 2, field energisation: 'X' is not E (energised) or D"
                                + " (de-energised)"),
                bad(
                        "period beyond the short day",
                        pc,
                        pcHeader + "_A,1,0393,00001,2027-03-28,47,0.00001\n",
                        "profile_coefficients.csv line 2, field settlement_period: '47' does not exist on 2027-03-28"
                                + " (46 periods)"),
                bad(
                        "coefficient twice",
                        pc,
                        pcHeader + "_A,1,0393,00001,2026-01-15,1,0.00001\n_A,1,0393,00001,2026-01-15,1,0.00002\n",
                        "profile_coefficients.csv line 3: a second coefficient for _A profile class 1 SSC 0393 TPR"
                                + " 00001 2026-01-15 SP1 (first at line 2)"),
                bad(
                        "default EAC with 2 dp",
                        eac,
                        "measurement_class,eac_kwh,effective_from,effective_to\nF,2700.05,2025-04-01,\n",
                        "hh_default_eac.csv line 2, field eac_kwh: '2700.05' has more than 1 decimal place"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void test_malformed_rows_fail_naming_file_line_field_and_rule(
            String name, Function<String, ?> parser, String text, String message) {
        if (message == null) {
            assertThatThrownBy(() -> parser.apply(text))
                    .isInstanceOf(ReferenceFileException.class)
                    .hasMessageStartingWith("scaling_weights.csv line 2: is not valid CSV:");
            return;
        }
        assertThatThrownBy(() -> parser.apply(text))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage(message);
    }

    @Test
    void test_all_rows_problems_are_listed_together() {
        String text = "ccc_id,weight,effective_from,effective_to\n1,x,2025-04-01,\n2,0,2025-04-01,\n3,-1,2025-04-01,\n";

        assertThatThrownBy(() -> ScalingWeightsCsv.parse(new StringReader(text), "scaling_weights.csv"))
                .isInstanceOfSatisfying(
                        ReferenceFileException.class,
                        e -> assertThat(e.problems())
                                .extracting(ReferenceFileException.Problem::line)
                                .containsExactly(2L, 4L));
    }
}
