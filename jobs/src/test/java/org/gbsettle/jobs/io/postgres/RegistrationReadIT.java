package org.gbsettle.jobs.io.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.TestDatabase;
import org.gbsettle.refdata.ReferenceFileException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registrations of a date read with binary {@code COPY} ({@link JdbcReferenceDataRepository#registrations}, one
 * stream and several) are exactly those of the previous text path ({@link
 * JdbcReferenceDataRepository#registrationsAsText}), on rows written straight into the table: three load versions,
 * effective ranges ending and starting around the date, NHH and HH, import and export; and a row that breaks a rule
 * fails both paths with the same problems.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RegistrationReadIT {

    static final LocalDate DAY = LocalDate.of(2026, 1, 15);

    /** Metering systems per load version (a multiple of 6 and of 14). */
    static final int SYSTEMS = 840;

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcReferenceDataRepository repository;

    @BeforeEach
    void threeLoads() {
        jdbc.sql("TRUNCATE reference_load, registration RESTART IDENTITY CASCADE")
                .update();
        for (int v = 1; v <= 3; v++) {
            jdbc.sql("INSERT INTO reference_load (loaded_by) VALUES ('test')").update();
            for (int i = 0; i < SYSTEMS; i++) {
                insertSystem(v, i);
            }
        }
    }

    /** The MPAN core of metering system {@code i}: short code 10 + i % 14, then i, then its check digit. */
    static long mpan(int i) {
        long first12 = (10 + i % 14) * 10_000_000_000L + i;
        return first12 * 10 + Mpan.checkDigit(first12 * 10);
    }

    /**
     * Metering system {@code i} in load version {@code v}, by pattern {@code (i + v) % 6}: 0 open-ended from
     * 2020-01-01; 1 ended the day before the date, then another supplier from the date; 2 ends on the date; 3 until
     * the date, then from the day after; 4 the date only; 5 only in 2021 (not effective). So exactly one row per system
     * is effective on the date except pattern 5: 840 - 140 = 700 in each version.
     */
    void insertSystem(int v, int i) {
        LocalDate d = DAY;
        switch ((i + v) % 6) {
            case 0 -> insert(v, i, 0, LocalDate.of(2020, 1, 1), null);
            case 1 -> {
                insert(v, i, 0, LocalDate.of(2020, 1, 1), d.minusDays(1));
                insert(v, i, 1, d, null);
            }
            case 2 -> insert(v, i, 0, LocalDate.of(2019, 6, 30), d);
            case 3 -> {
                insert(v, i, 0, LocalDate.of(2018, 2, 28), d);
                insert(v, i, 2, d.plusDays(1), null);
            }
            case 4 -> insert(v, i, v, d, d);
            default -> insert(v, i, 0, LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31));
        }
    }

    private static final String[] SUPPLIERS = {"SUAA", "SUAB", "BRYN", "X1", "Q"};
    private static final String[] DISTRIBUTORS = {
        "EELC", "EMEB", "LOND", "MANW", "MIDE", "NEEB", "NORW", "SEEB", "SOUT", "SWEB", "HYDE", "SPOW", "SWAE", "YELG"
    };

    /** One row of metering system {@code i}, its attributes varied by {@code i} and by {@code change}. */
    void insert(int v, int i, int change, LocalDate from, @Nullable LocalDate to) {
        GspGroup group = GspGroups.ALL.get(i % 14);
        String supplier = SUPPLIERS[(i + change) % SUPPLIERS.length];
        boolean nhh = i % 3 == 0;
        boolean export = !nhh && i % 7 == 1;
        String mc = nhh ? (i % 2 == 0 ? "A" : "B") : new String[] {"F", "G", "E", "C", "D"}[i % 5];
        boolean legacy = i % 4 == 0;
        jdbc.sql("""
                        INSERT INTO registration VALUES (:v, :mpan, :supplier, :unit, :sc, :mpid, :llfc, :group, :mc,
                            :segment, :conn, :domestic, :energisation, :direction, :regime, :annual, :pc, :ssc,
                            :from, :to)
                        """)
                .param("v", v)
                .param("mpan", mpan(i))
                .param("supplier", supplier)
                .param("unit", i % 5 == 0 ? null : "2__" + group.letter() + supplier + "00" + change)
                .param("sc", String.valueOf(10 + i % 14))
                .param("mpid", DISTRIBUTORS[i % 14])
                .param("llfc", new String[] {"110", "2", "A1", "800"}[(i / 14) % 4])
                .param("group", group.id())
                .param("mc", mc)
                .param("segment", legacy ? null : new String[] {"S", "A", "U"}[i % 3])
                .param("conn", i % 2 == 0 ? "W" : "C")
                .param("domestic", i % 2 == 1)
                .param("energisation", i % 11 == 0 ? "D" : "E")
                .param("direction", export ? "E" : "I")
                .param("regime", legacy ? "LEGACY" : "MHHS")
                .param(
                        "annual",
                        i % 13 == 0
                                ? null
                                : i % 17 == 0 ? new BigDecimal("-" + i + ".5") : BigDecimal.valueOf(i * 37L + v, 1))
                .param("pc", nhh ? (Object) (short) (1 + i % 8) : null)
                .param("ssc", nhh ? new String[] {"0393", "151", "A"}[i % 3] : null)
                .param("from", from)
                .param("to", to)
                .update();
    }

    private JdbcReferenceDataRepository streams(int n) {
        return new JdbcReferenceDataRepository(jdbc, dataSource, n);
    }

    @Test
    void the_copy_gives_exactly_the_registrations_of_the_text_path() {
        List<@Nullable GspGroup> groups = new ArrayList<>();
        groups.add(null);
        groups.add(GspGroups.ALL.get(0));
        groups.add(GspGroups.ALL.get(13));
        for (GspGroup group : groups) {
            for (long v = 1; v <= 3; v++) {
                for (LocalDate d : List.of(DAY.minusDays(1), DAY, DAY.plusDays(1))) {
                    List<Registration> expected = MeteringSystems.of(repository.registrationsAsText(d, group, v))
                            .all();
                    for (int n : new int[] {1, 3}) {
                        assertThat(MeteringSystems.of(streams(n).registrations(d, group, v))
                                        .all())
                                .as("%s load %d %s, %d stream(s)", group, v, d, n)
                                .isNotEmpty()
                                .containsExactlyElementsOf(expected);
                    }
                }
            }
        }
        // by hand (see insertSystem): 700 of 840 effective on the date in each version, one per MPAN; in version 2
        // pattern 5 is i % 6 == 3, odd, so none of _A's 60 (i a multiple of 14) is left out
        List<Registration> all = streams(3).registrations(DAY, null, 2);
        assertThat(all).hasSize(700);
        assertThat(all.stream().map(Registration::mpan).distinct()).hasSize(700);
        assertThat(streams(1).registrations(DAY, GspGroups.ALL.get(0), 2)).hasSize(60);
        // NHH and HH, both directions, open-ended and one-day ranges all present
        assertThat(all.stream().map(Registration::halfHourly).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(true, false);
        assertThat(all.stream().map(Registration::direction).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MeasurementQuantity.AI, MeasurementQuantity.AE);
        assertThat(all).anyMatch(r -> r.effective().to() == null);
        assertThat(all)
                .anyMatch(r -> DAY.equals(r.effective().from())
                        && DAY.equals(r.effective().to()));
    }

    @Test
    void a_slices_read_gives_the_groups_registrations_of_its_mpan_range() {
        GspGroup group = GspGroups.ALL.get(0);
        List<Registration> whole = streams(1).registrations(DAY, group, 2);
        List<Long> mpans = whole.stream().map(Registration::mpan).sorted().toList();
        long cut1 = mpans.get(20);
        long cut2 = mpans.get(41);
        List<org.gbsettle.engine.slice.MpanRange> ranges = List.of(
                org.gbsettle.engine.slice.MpanRange.of(Long.MIN_VALUE, cut1),
                org.gbsettle.engine.slice.MpanRange.of(cut1, cut2),
                org.gbsettle.engine.slice.MpanRange.of(cut2, Long.MAX_VALUE));
        List<Registration> pieces = new ArrayList<>();
        for (org.gbsettle.engine.slice.MpanRange r : ranges) {
            List<Registration> piece = streams(1).registrations(DAY, group, 2, r);
            assertThat(piece).as("%s", r).isNotEmpty().allMatch(x -> r.contains(x.mpan()));
            assertThat(repository.read(DAY, group, 2, r).meteringSystems().all())
                    .containsExactlyElementsOf(MeteringSystems.of(piece).all());
            pieces.addAll(piece);
        }
        assertThat(MeteringSystems.of(pieces).all())
                .containsExactlyElementsOf(MeteringSystems.of(whole).all());
    }

    @Test
    void the_whole_snapshot_reads_the_same_registrations() {
        assertThat(repository.read(DAY, null, 3).meteringSystems().all())
                .containsExactlyElementsOf(MeteringSystems.of(repository.registrationsAsText(DAY, null, 3))
                        .all())
                .hasSize(700);
    }

    @Test
    void one_registration_read_back_by_hand() {
        // system 6 in load 1: pattern (6 + 1) % 6 = 1: supplier (6 + 1) % 5 = 2 BRYN from the date, open-ended;
        // NHH (6 % 3 == 0), class A (even), not legacy (6 % 4 != 0: MHHS, segment S), profile class 7, SSC 0393,
        // group _G (6 % 14), short code 16, distributor NORW, LLFC 110, annual 6 * 37 + 1 = 223 -> 22.3
        Registration r = streams(3).registrations(DAY, null, 1).stream()
                .filter(x -> x.mpan() == mpan(6))
                .findFirst()
                .orElseThrow();
        assertThat(r.supplier().code()).isEqualTo("BRYN");
        assertThat(r.bmUnit()).hasToString("2__GBRYN001");
        assertThat(r.llfc()).hasToString("NORW/110");
        assertThat(r.gspGroup()).hasToString("_G");
        assertThat(r.measurementClass()).hasToString("A");
        assertThat(r.marketSegment()).hasToString("S");
        assertThat(r.profileClass()).isEqualTo(7);
        assertThat(r.ssc()).isEqualTo("0393");
        assertThat(r.annualConsumptionKwh()).isEqualTo(new BigDecimal("22.3"));
        assertThat(r.effective().from()).isEqualTo(DAY);
        assertThat(r.effective().to()).isNull();
        assertThat(r.domestic()).isFalse();
        assertThat(r.energised()).isTrue();
    }

    /**
     * The row of metering system 6 (short code 16) in version 1 effective from the date made to break one rule by an
     * SQL update; read on the day after.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mpan_core = mpan_core + 1                      | check digit",
                "distributor_short_code = '17'                  | does not match the first two digits",
                "distributor_short_code = '1x'                  | not a whole number",
                "profile_class = NULL                           | needs a profile class",
                "supplier_participant_id = 'S-1'                | not 1-4 letters or digits",
                "llfc = ''                                      | is empty",
                "ssc = '01.5'                                   | standard settlement configuration",
                "settlement_regime = 'LEGACY', market_segment = NULL, ssc = ' 393', supplier_participant_id = 'Q ' | -",
                "effective_to = '10000-01-01'                   | not a date",
                "effective_from = '0001-01-15 BC'               | not a date",
                "annual_consumption_kwh = 'NaN'                 | not a decimal",
            })
    void a_row_breaking_a_rule_fails_both_paths_alike(String set, String problem) {
        assertThat(jdbc.sql("UPDATE registration SET " + set + " WHERE load_version = 1 AND mpan_core = " + mpan(6)
                                + " AND effective_from = DATE '" + DAY + "'")
                        .update())
                .isEqualTo(1);

        Throwable text = catchThrowable(() -> repository.registrationsAsText(DAY.plusDays(1), null, 1));
        if (problem.equals("-")) {
            // stripped spaces are no problem: both paths give the same registrations
            assertThat(text).isNull();
            assertThat(MeteringSystems.of(streams(3).registrations(DAY.plusDays(1), null, 1))
                            .all())
                    .containsExactlyElementsOf(
                            MeteringSystems.of(repository.registrationsAsText(DAY.plusDays(1), null, 1))
                                    .all());
            return;
        }
        assertThat(text).isInstanceOf(ReferenceFileException.class).hasMessageContaining(problem);
        for (int n : new int[] {1, 3}) {
            assertThatThrownBy(() -> streams(n).registrations(DAY.plusDays(1), null, 1))
                    .isInstanceOf(ReferenceFileException.class)
                    .hasMessage(text.getMessage());
        }
    }

    /** The date text the decoder gives for a day number is PostgreSQL's {@code date::text}. */
    @Test
    void date_text_is_postgresql_text_of_the_date() {
        List<String> dates = List.of(
                "2026-01-15",
                "2000-01-01",
                "1999-12-31",
                "0999-03-01",
                "0001-01-01",
                "0001-12-31 BC",
                "0044-03-15 BC",
                "9999-12-31",
                "10000-01-01",
                "infinity",
                "-infinity",
                "2024-02-29");
        List<String> decoded = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        for (String d : dates) {
            jdbc.sql("SELECT CAST(:d AS date)::text, CASE WHEN isfinite(CAST(:d AS date))"
                            + " THEN CAST(:d AS date) - DATE '2000-01-01' WHEN CAST(:d AS date) > DATE '2000-01-01'"
                            + " THEN 2147483647 ELSE -2147483648 END")
                    .param("d", d)
                    .query(rs -> {
                        printed.add(rs.getString(1));
                        decoded.add(RegistrationCopy.dateText(rs.getInt(2)));
                    });
        }
        assertThat(decoded).containsExactlyElementsOf(printed).hasSize(dates.size());
        assertThat(printed).contains("0044-03-15 BC", "10000-01-01", "infinity");
    }

    /** The known groups the text path checks against: all fourteen (none outside the table's constraint). */
    @Test
    void every_group_is_read() {
        assertThat(streams(3).registrations(DAY, null, 3).stream()
                        .map(Registration::gspGroup)
                        .collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(GspGroups.ALL));
    }
}
