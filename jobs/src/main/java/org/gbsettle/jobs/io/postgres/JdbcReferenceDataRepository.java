package org.gbsettle.jobs.io.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroupInfo;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.reference.LoadedTake;
import org.gbsettle.jobs.reference.ReferenceFileKind;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.gbsettle.refdata.ShippedReferenceData;
import org.gbsettle.refdata.csv.BmUnitsCsv;
import org.gbsettle.refdata.csv.BscPartiesCsv;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.LlfcSiteSpecificCsv;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;
import org.gbsettle.refdata.csv.TextTable;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the reference data of a settlement date back from the reference tables, following the load-version rule:
 *
 * <ul>
 *   <li>a CSV table ({@code gsp_group}, {@code ccc}, {@code scaling_weight}, {@code bsc_party}, {@code bm_unit},
 *       {@code hh_default_eac}, {@code llfc_site_specific}, {@code registration}) is a complete snapshot: the latest
 *       load version with rows in the table is read, whole (its effective ranges decide what applies on a date);
 *       registrations are those effective on the date;
 *   <li>day tables are read per key and day: {@code llf} per distributor and settlement date, {@code
 *       profile_coefficient} per GSP group and settlement date, each from the latest load version with rows for it;
 *   <li>{@code gsp_group_take} per GSP group and date: the highest CDCA run number loaded (then the higher run type,
 *       then the latest load).
 * </ul>
 *
 * <p>Rows are turned back into engine values by the same reference-data parsers that read the files (the CSV tables'
 * columns are the files' columns), so a load read back equals the files read directly. With no GSP groups loaded the
 * shipped fourteen apply, as for a reference folder without {@code gsp_groups.csv}.
 */
@Component
public final class JdbcReferenceDataRepository {

    private static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    /** Registrations read at once at most, one GSP group range each: below the connection pool's size. */
    private static final int MAX_STREAMS = 8;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final int streams;

    @Autowired
    public JdbcReferenceDataRepository(JdbcClient jdbc, DataSource dataSource) {
        this(jdbc, dataSource, defaultStreams(dataSource));
    }

    /**
     * With {@code streams} connections reading registrations at once when all groups are read (1: one {@code COPY}
     * on the caller's connection).
     */
    JdbcReferenceDataRepository(JdbcClient jdbc, DataSource dataSource, int streams) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.template = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        if (streams < 1) {
            throw new IllegalArgumentException("streams " + streams + " < 1");
        }
        this.streams = streams;
    }

    /**
     * One stream per core, at most {@link #MAX_STREAMS} and two fewer than a HikariCP pool's connections (the caller
     * may hold one); at least 1.
     */
    private static int defaultStreams(DataSource dataSource) {
        int n = Math.min(Runtime.getRuntime().availableProcessors(), MAX_STREAMS);
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                n = Math.min(n, dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize() - 2);
            }
        } catch (SQLException e) {
            n = 1;
        }
        return Math.max(1, n);
    }

    /**
     * The reference data and registrations a run of {@code date} needs: every GSP group, party, CCC, scaling weight,
     * BM unit and HH default EAC of the latest loads, the LLFs of the date and of the same date a year earlier, the
     * profile coefficients of the date, and the registrations effective on the date.
     *
     * @param group only this GSP group's registrations and profile coefficients, or null for all groups
     */
    public ReferenceSnapshot read(LocalDate date, @Nullable GspGroup group) {
        return read(date, group, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(LocalDate, GspGroup)}, from the loads up to a load version only: what was latest when a run
     * pinned {@code maxLoadVersion}, whatever was loaded since.
     */
    public ReferenceSnapshot read(LocalDate date, @Nullable GspGroup group, long maxLoadVersion) {
        return read(date, group, maxLoadVersion, MpanRange.ALL);
    }

    /**
     * As {@link #read(LocalDate, GspGroup, long)}, with only the registrations whose MPAN core lies in {@code range}
     * (a slice of a GSP group: the engine ignores the others anyway), read by the index on the group and MPAN.
     */
    public ReferenceSnapshot read(LocalDate date, @Nullable GspGroup group, long maxLoadVersion, MpanRange range) {
        Pinned pinned = new Pinned(maxLoadVersion);
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        ReferenceData.Builder b = ReferenceData.builder();

        Long gv = pinned.latest(ReferenceFileKind.GSP_GROUPS, versions);
        List<GspGroupInfo> groups = gv == null
                ? ShippedReferenceData.gspGroups()
                : snapshot(ReferenceFileKind.GSP_GROUPS, gv, "", Map.of(), GspGroupsCsv::parse);
        b.gspGroups(groups);
        b.consumptionComponentClasses(pinned.whole(ReferenceFileKind.CCC, versions, CccCsv::parse, List.of()));
        b.scalingWeights(
                pinned.whole(ReferenceFileKind.SCALING_WEIGHTS, versions, ScalingWeightsCsv::parse, List.of()));
        b.parties(pinned.whole(ReferenceFileKind.BSC_PARTIES, versions, BscPartiesCsv::parse, List.of()));
        b.bmUnits(pinned.whole(ReferenceFileKind.BM_UNITS, versions, BmUnitsCsv::parse, List.of()));
        b.hhDefaultEacs(pinned.whole(ReferenceFileKind.HH_DEFAULT_EAC, versions, HhDefaultEacCsv::parse, List.of()));
        Set<LineLossFactorClass> siteSpecific =
                pinned.whole(ReferenceFileKind.LLFC_SITE_SPECIFIC, versions, LlfcSiteSpecificCsv::parse, Set.of());

        b.lineLossFactors(lineLossFactors(List.of(date, date.minusYears(1)), siteSpecific, versions, maxLoadVersion));
        b.profileCoefficients(profileCoefficients(date, group, versions, maxLoadVersion));

        Long rv = pinned.latest(ReferenceFileKind.REGISTRATIONS, versions);
        MeteringSystems systems = MeteringSystems.of(List.of());
        if (rv != null) {
            systems = MeteringSystems.of(registrations(date, group, rv, range));
        }
        b.version("reference-load "
                + versions.entrySet().stream()
                        .map(e -> e.getKey() + "="
                                + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")))
                        .collect(Collectors.joining(" ")));
        return new ReferenceSnapshot(date, group, b.build(), systems, versions);
    }

    /**
     * The GSP groups with registrations in the latest registration load up to {@code maxLoadVersion} (whatever their
     * effective dates), in order: found by probing the {@code (load_version, gsp_group_id, ...)} index once per group
     * rather than scanning the registrations.
     */
    public List<GspGroup> registeredGroups(long maxLoadVersion) {
        Long version = jdbc.sql("SELECT max(load_version) FROM registration WHERE load_version <= :max")
                .param("max", maxLoadVersion)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (version == null) {
            return List.of();
        }
        return jdbc.sql("""
                        WITH RECURSIVE g(id) AS (
                          SELECT min(gsp_group_id) FROM registration WHERE load_version = :v
                          UNION ALL
                          SELECT (SELECT min(r.gsp_group_id) FROM registration r
                                   WHERE r.load_version = :v AND r.gsp_group_id > g.id)
                            FROM g WHERE g.id IS NOT NULL
                        )
                        SELECT id FROM g WHERE id IS NOT NULL ORDER BY id
                        """)
                .param("v", version)
                .query((rs, n) -> GspGroup.of(Objects.requireNonNull(rs.getString(1))))
                .list();
    }

    /**
     * The GSP group take of a group and date from the highest CDCA run number loaded (ties: the higher run type, then
     * the later load); empty if none is loaded.
     */
    public Optional<LoadedTake> take(GspGroup group, LocalDate date) {
        return take(group, date, Long.MAX_VALUE);
    }

    /** As {@link #take(GspGroup, LocalDate)}, from the loads up to a load version only. */
    public Optional<LoadedTake> take(GspGroup group, LocalDate date, long maxLoadVersion) {
        record Choice(String runType, int runNumber, long loadVersion) {}
        Optional<Choice> choice = jdbc.sql("""
                        SELECT t.cdca_run_type, t.cdca_run_number, t.load_version
                          FROM gsp_group_take t JOIN run_type r ON r.run_type = t.cdca_run_type
                         WHERE t.gsp_group_id = :group AND t.settlement_date = :date AND t.load_version <= :max
                         ORDER BY t.cdca_run_number DESC, r.run_rank DESC, t.load_version DESC
                         LIMIT 1
                        """)
                .param("group", group.id())
                .param("date", date)
                .param("max", maxLoadVersion)
                .query((rs, n) -> new Choice(rs.getString(1), rs.getInt(2), rs.getLong(3)))
                .optional();
        if (choice.isEmpty()) {
            return Optional.empty();
        }
        Choice c = choice.get();
        SettlementDate sd = SettlementDate.of(date);
        GspGroupTake.Builder take = GspGroupTake.builder(group, sd, c.runNumber());
        jdbc.sql("""
                        SELECT settlement_period, take_mwh, estimated FROM gsp_group_take
                         WHERE load_version = :version AND gsp_group_id = :group AND settlement_date = :date
                           AND cdca_run_type = :type AND cdca_run_number = :number
                         ORDER BY settlement_period
                        """)
                .param("version", c.loadVersion())
                .param("group", group.id())
                .param("date", date)
                .param("type", c.runType())
                .param("number", c.runNumber())
                .query((ResultSet rs) -> {
                    take.period(rs.getInt(1), Objects.requireNonNull(rs.getBigDecimal(2)), rs.getBoolean(3));
                });
        return Optional.of(new LoadedTake(take.build(), RunType.valueOf(c.runType()), c.loadVersion()));
    }

    /** Reads the latest loads of the CSV tables up to a load version. */
    private final class Pinned {
        private final long max;

        Pinned(long max) {
            this.max = max;
        }

        /**
         * The latest load version (at most the pinned one) with rows in a table, recorded in {@code versions}; null if
         * never loaded.
         */
        @Nullable
        Long latest(ReferenceFileKind kind, Map<String, List<Long>> versions) {
            Long v = jdbc.sql("SELECT max(load_version) FROM " + kind.table() + " WHERE load_version <= :max")
                    .param("max", max)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            versions.put(kind.table(), v == null ? List.of() : List.of(v));
            return v;
        }

        <T> T whole(
                ReferenceFileKind kind,
                Map<String, List<Long>> versions,
                BiFunction<StringReader, String, T> parser,
                T none) {
            Long v = latest(kind, versions);
            return v == null ? none : snapshot(kind, v, "", Map.of(), parser);
        }
    }

    /** The rows of one load version of a CSV table, as its CSV file, parsed by the file's parser. */
    private <T> T snapshot(
            ReferenceFileKind kind,
            long version,
            String where,
            Map<String, Object> params,
            BiFunction<StringReader, String, T> parser) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("version", version);
        String text = csv(kind, "load_version = :version" + where, all);
        return parser.apply(new StringReader(text), kind.table() + " (load " + version + ")");
    }

    /**
     * The registrations of a load version effective on a date, of one GSP group or all, in no particular order: the
     * largest table (33.8M rows for GB), read with binary {@code COPY} under the file's row rules ({@link
     * RegistrationCopy}), all groups in {@link #streams} connections at once, one range of GSP group ids each; if a
     * row fails a rule, read again as text ({@link #registrationsAsText}) so that every problem is named.
     */
    List<Registration> registrations(LocalDate date, @Nullable GspGroup group, long version) {
        return registrations(date, group, version, MpanRange.ALL);
    }

    /** As {@link #registrations(LocalDate, GspGroup, long)}, those whose MPAN core lies in {@code range} only. */
    List<Registration> registrations(LocalDate date, @Nullable GspGroup group, long version, MpanRange range) {
        // literals: COPY takes no parameters (a date's ISO text, a checked GSP group id, numbers)
        String where = " FROM registration WHERE load_version = " + version + " AND effective_from <= '" + date
                + "'::date AND (effective_to IS NULL OR effective_to >= '" + date + "'::date)"
                + (range.boundedBelow() ? " AND mpan_core >= " + range.from() : "")
                + (range.boundedAbove() ? " AND mpan_core < " + range.to() : "");
        Set<GspGroup> known = Set.copyOf(GspGroups.ALL);
        List<String> selections = new ArrayList<>();
        if (group != null) {
            selections.add(where + " AND gsp_group_id = '" + group.id() + "'");
        } else if (streams == 1) {
            selections.add(where);
        } else {
            // ranges between the groups in the database's order of the column, so that they cover every value once
            List<String> ids = jdbc.sql("SELECT g::text FROM unnest(CAST(:ids AS varchar[])) g ORDER BY 1")
                    .param("ids", GspGroups.ALL.stream().map(GspGroup::id).toArray(String[]::new))
                    .query(String.class)
                    .list();
            for (int i = 0; i < ids.size(); i++) {
                String lower = i == 0 ? "" : " AND gsp_group_id >= '" + ids.get(i) + "'";
                String upper = i == ids.size() - 1 ? "" : " AND gsp_group_id < '" + ids.get(i + 1) + "'";
                selections.add(where + lower + upper);
            }
        }
        List<Optional<List<Registration>>> parts = new ArrayList<>();
        if (selections.size() == 1) {
            parts.add(copy(selections.get(0), new RegistrationCopy(known)));
        } else {
            // a reader per thread: the values its registrations share are shared over its ranges
            ThreadLocal<RegistrationCopy> readers = ThreadLocal.withInitial(() -> new RegistrationCopy(known));
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(streams, selections.size()));
            try {
                List<Future<Optional<List<Registration>>>> futures = new ArrayList<>();
                for (String selection : selections) {
                    futures.add(pool.submit(() -> copy(selection, readers.get())));
                }
                for (Future<Optional<List<Registration>>> f : futures) {
                    parts.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading registrations", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("reading registrations failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        int size = 0;
        for (Optional<List<Registration>> part : parts) {
            if (part.isEmpty()) {
                return registrationsAsText(date, group, version);
            }
            size += part.get().size();
        }
        List<Registration> all = new ArrayList<>(size);
        parts.forEach(part -> all.addAll(part.orElseThrow()));
        return all;
    }

    /** The registrations of a selection ({@code FROM ... WHERE ...}); empty if a row fails a rule. */
    private Optional<List<Registration>> copy(String selection, RegistrationCopy reader) {
        String sql = "COPY (SELECT " + RegistrationCopy.SELECT_LIST + selection + ") TO STDOUT (FORMAT binary)";
        return Objects.requireNonNull(
                template.execute((ConnectionCallback<Optional<List<Registration>>>) c -> reader.read(c, sql)));
    }

    /**
     * The registrations as {@link #registrations} reads them, by the previous path: the rows as PostgreSQL's text of
     * each value, parsed by {@link RegistrationsCsv#parse(TextTable)}, which names every row problem.
     *
     * @throws org.gbsettle.refdata.ReferenceFileException listing every problem found
     */
    List<Registration> registrationsAsText(LocalDate date, @Nullable GspGroup group, long version) {
        Map<String, Object> params = new HashMap<>();
        params.put("date", date);
        String where = " AND effective_from <= :date AND (effective_to IS NULL OR effective_to >= :date)";
        if (group != null) {
            where += " AND gsp_group_id = :group";
            params.put("group", group.id());
        }
        params.put("version", version);
        return RegistrationsCsv.parse(
                table(ReferenceFileKind.REGISTRATIONS, version, "load_version = :version" + where, params));
    }

    /** Selected rows of a CSV table as a {@link TextTable} of PostgreSQL's text of the values (null: empty). */
    private TextTable table(ReferenceFileKind kind, long version, String where, Map<String, Object> params) {
        List<String> columns = kind.columns();
        String select = columns.stream().map(c -> c + "::text").collect(Collectors.joining(", "));
        List<TextTable.Row> rows = new ArrayList<>();
        jdbc.sql("SELECT " + select + " FROM " + kind.table() + " WHERE " + where + " ORDER BY "
                        + String.join(", ", columns))
                .params(params)
                .query((ResultSet rs) -> {
                    String[] row = new String[columns.size()];
                    for (int i = 1; i <= row.length; i++) {
                        String v = rs.getString(i);
                        row[i - 1] = v == null ? "" : v;
                    }
                    rows.add(new TextTable.Row(rows.size() + 1, Arrays.asList(row)));
                });
        return new TextTable(kind.table() + " (load " + version + ")", columns, rows);
    }

    /** Selected rows of a CSV table as CSV text with its file's header, values as PostgreSQL's text of them. */
    private String csv(ReferenceFileKind kind, String where, Map<String, Object> params) {
        List<String> columns = kind.columns();
        String select = columns.stream().map(c -> c + "::text").collect(Collectors.joining(", "));
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            printer.printRecord(columns);
            jdbc.sql("SELECT " + select + " FROM " + kind.table() + " WHERE " + where + " ORDER BY "
                            + String.join(", ", columns))
                    .params(params)
                    .query((ResultSet rs) -> {
                        List<String> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            String v = rs.getString(i);
                            row.add(v == null ? "" : v);
                        }
                        try {
                            printer.printRecord(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private LineLossFactors lineLossFactors(
            List<LocalDate> dates,
            Set<LineLossFactorClass> siteSpecific,
            Map<String, List<Long>> versions,
            long maxLoadVersion) {
        record Key(LineLossFactorClass llfc, LocalDate date) {}
        Map<Key, long[]> values = new LinkedHashMap<>();
        Set<Long> read = new TreeSet<>();
        jdbc.sql("""
                        WITH latest AS (
                            SELECT distributor_mpid, settlement_date, max(load_version) AS load_version
                              FROM llf
                             WHERE settlement_date IN (:dates) AND load_version <= :max
                             GROUP BY distributor_mpid, settlement_date)
                        SELECT l.distributor_mpid, l.llfc, l.settlement_date, l.settlement_period, l.llf, l.load_version
                          FROM llf l
                          JOIN latest USING (distributor_mpid, settlement_date, load_version)
                        """).param("dates", dates).param("max", maxLoadVersion).query((ResultSet rs) -> {
            LocalDate date = Objects.requireNonNull(rs.getObject(3, LocalDate.class));
            Key key = new Key(
                    LineLossFactorClass.of(
                            Objects.requireNonNull(rs.getString(1)), Objects.requireNonNull(rs.getString(2))),
                    date);
            long[] v = values.computeIfAbsent(
                    key, k -> new long[SettlementDate.of(k.date()).periodCount()]);
            v[rs.getInt(4) - 1] = LineLossFactors.toMillionths(decimal(rs, 5));
            read.add(rs.getLong(6));
        });
        versions.put(ReferenceFileKind.LLF.table(), List.copyOf(read));
        LineLossFactors.Builder b = LineLossFactors.builder();
        values.forEach((k, v) -> b.put(k.llfc(), k.date(), v));
        siteSpecific.forEach(b::siteSpecific);
        return b.build();
    }

    private org.gbsettle.engine.reference.ProfileCoefficients profileCoefficients(
            LocalDate date, @Nullable GspGroup group, Map<String, List<Long>> versions, long maxLoadVersion) {
        Map<String, Object> params = new HashMap<>();
        params.put("date", date);
        params.put("max", maxLoadVersion);
        // per GSP group the latest load with rows for the date: an uncorrelated IN, planned as one hash join
        String where = "settlement_date = :date"
                + " AND (gsp_group_id, load_version) IN (SELECT q.gsp_group_id, max(q.load_version)"
                + " FROM profile_coefficient q WHERE q.settlement_date = :date AND q.load_version <= :max"
                + " GROUP BY q.gsp_group_id)";
        if (group != null) {
            where += " AND gsp_group_id = :group";
            params.put("group", group.id());
        }
        String w = where;
        List<Long> read = jdbc.sql(
                        "SELECT DISTINCT load_version FROM profile_coefficient WHERE " + w + " ORDER BY load_version")
                .params(params)
                .query(Long.class)
                .list();
        versions.put(ReferenceFileKind.PROFILE_COEFFICIENTS.table(), read);
        String text = csv(ReferenceFileKind.PROFILE_COEFFICIENTS, w, params);
        return ProfileCoefficientsCsv.parse(new StringReader(text), "profile_coefficient (" + date + ")");
    }

    private static BigDecimal decimal(ResultSet rs, int column) throws SQLException {
        return Objects.requireNonNull(rs.getBigDecimal(column));
    }
}
