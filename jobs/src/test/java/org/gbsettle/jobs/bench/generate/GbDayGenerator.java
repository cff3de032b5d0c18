package org.gbsettle.jobs.bench.generate;

import static org.gbsettle.jobs.bench.generate.GbDayModel.FAMILIES;
import static org.gbsettle.jobs.bench.generate.GbDayModel.GROUPS;
import static org.gbsettle.jobs.bench.generate.GbDayModel.KINDS;
import static org.gbsettle.jobs.bench.generate.GbDayModel.literal;
import static org.gbsettle.jobs.bench.generate.GbDayModel.stringList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.gbsettle.jobs.bench.generate.GbDayModel.CoefficientSet;
import org.gbsettle.jobs.bench.generate.GbDayModel.Group;
import org.gbsettle.jobs.bench.generate.GbDayModel.Kind;
import org.gbsettle.refdata.ShippedReferenceData;
import org.jspecify.annotations.Nullable;

/**
 * Writes a synthetic settlement day ({@link GbDayOptions}) in the layout of a sample day ({@code sample-data/README.md}),
 * so that {@code gbsettle sample --days-dir PARENT DAY --no-check} loads, ingests and runs it:
 *
 * <pre>
 * run.properties        settlement date, run type SF 1, data cut-off (date + 21 days), GSP groups, seed and sizes
 * README.md             one line describing the day, then the sizes
 * reference/            gsp_groups.csv, ccc.csv, scaling_weights.csv, hh_default_eac.csv (the shipped files),
 *                       bsc_parties.csv, bm_units.csv, registrations.parquet, profile_coefficients.parquet,
 *                       LLF&lt;MPID&gt;&lt;YYYYMMDD&gt;PTF1.D0265 per distributor, CDCA-I029_&lt;YYYYMMDD&gt;_SF.I029
 * meter-data/           meter_reads_&lt;letter&gt;_&lt;nn&gt;.parquet: K files per GSP group, rows sorted by MPAN then
 *                       period, row groups of 1,048,576 rows, Snappy
 * </pre>
 *
 * <p>Files are written by DuckDB, each by one single-threaded DuckDB instance (so its bytes never depend on
 * scheduling); {@code threads} instances write different files at once. The takes are computed last, with DuckDB over
 * the meter-data files written plus the expected values of those left out (gaps) and the NHH systems' EAC x
 * coefficient, all
 * with losses and in exact decimals; then a deterministic error of up to {@link GbDayModel#TAKE_ERROR} of the group's
 * correctable volume (NHH, estimated and missing HH values) per period is added.
 */
public final class GbDayGenerator {

    /** Rows per Parquet row group of the meter data. */
    static final int ROW_GROUP_SIZE = 1_048_576;

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private final GbDayOptions options;
    private final int periods;
    private final double[] hours;
    private final double[][] shapes;
    private final long[] sizes;
    private final long[] offsets;
    private final long[] strides;
    private final List<String> macros;

    /** Timings (seconds) and sizes of a generation. */
    public record Summary(
            long meteringSystems,
            long meterRows,
            long meterBytes,
            int meterFiles,
            long registrationBytes,
            double referenceSeconds,
            double filesSeconds,
            double takeSeconds,
            double totalSeconds) {}

    public GbDayGenerator(GbDayOptions options) {
        this.options = options;
        LocalDate date = options.date();
        periods = GbDayModel.periods(date);
        hours = GbDayModel.localHours(date);
        shapes = GbDayModel.shapes(date);
        sizes = GbDayModel.groupSizes(options.meteringSystems());
        offsets = new long[sizes.length];
        strides = new long[sizes.length];
        long offset = 0;
        for (int g = 0; g < sizes.length; g++) {
            offsets[g] = offset;
            offset += sizes[g];
            // the MPAN's 10 serial digits: local index x stride + a random step below the stride
            strides[g] = Math.min(1000, 10_000_000_000L / sizes[g]);
        }
        macros = GbDayModel.macros(options.seed(), options.hhShare(), shapes, date);
    }

    /**
     * Generates the day.
     *
     * @throws IOException if a file cannot be written
     * @throws SQLException if DuckDB fails
     */
    public Summary generate() throws IOException, SQLException, InterruptedException {
        long t0 = System.nanoTime();
        Path out = options.out();
        Path reference = out.resolve("reference");
        Path meterData = out.resolve("meter-data");
        Path tmp = out.resolve(".tmp");
        clean(out);
        Files.createDirectories(reference);
        Files.createDirectories(meterData);
        Files.createDirectories(tmp);
        writeSmallReferenceFiles(reference);
        long t1 = System.nanoTime();

        List<Task> tasks = new ArrayList<>();
        tasks.add(new Task("registrations", reference.resolve("registrations.parquet"), -1, -1));
        tasks.add(new Task("coefficients", reference.resolve("profile_coefficients.parquet"), -1, -1));
        List<List<Path>> groupFiles = new ArrayList<>();
        for (int g = 0; g < GROUPS.size(); g++) {
            List<Path> files = new ArrayList<>();
            for (int f = 0; f < options.filesPerGroup(); f++) {
                Path file = meterData.resolve(GbDayModel.format(
                        "meter_reads_%s_%02d.parquet", GROUPS.get(g).letter(), f + 1));
                files.add(file);
                tasks.add(new Task("meter", file, g, f));
            }
            groupFiles.add(files);
        }
        // the biggest first, so that the pool ends together
        tasks.sort(Comparator.comparingLong(this::weight).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    run(task, tmp);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException s) {
                        throw s;
                    }
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long t2 = System.nanoTime();

        long meterRows = writeTakes(reference, groupFiles, tmp);
        long t3 = System.nanoTime();
        deleteTree(tmp);
        long meterBytes = 0;
        int meterFiles = 0;
        for (List<Path> files : groupFiles) {
            for (Path f : files) {
                meterBytes += Files.size(f);
                meterFiles++;
            }
        }
        long registrationBytes = Files.size(reference.resolve("registrations.parquet"));
        writeRunProperties(out, meterRows);
        writeReadme(out, meterRows);
        return new Summary(
                options.meteringSystems(),
                meterRows,
                meterBytes,
                meterFiles,
                registrationBytes,
                seconds(t1 - t0),
                seconds(t2 - t1),
                seconds(t3 - t2),
                seconds(System.nanoTime() - t0));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** One file to write: registrations, coefficients, or meter file {@code file} of group {@code group}. */
    private record Task(String kind, Path path, int group, int file) {}

    private long weight(Task t) {
        return t.group() < 0 ? options.meteringSystems() : sizes[t.group()] * periods / options.filesPerGroup();
    }

    private void run(Task task, Path tmp) throws SQLException, IOException {
        try (Connection c = duckDb(tmp, 1);
                Statement s = c.createStatement()) {
            switch (task.kind()) {
                case "registrations" -> s.execute(registrationsSql(task.path()));
                case "coefficients" -> writeCoefficients(s, task.path(), tmp);
                default -> s.execute(meterSql(task.group(), task.file(), task.path()));
            }
        }
    }

    /** A new in-memory DuckDB with the macros, bounded in memory, spilling to {@code tmp}. */
    private Connection duckDb(Path tmp, int threads) throws SQLException, IOException {
        Path spill = Files.createTempDirectory(tmp, "duckdb-");
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET threads TO " + threads);
            s.execute("SET memory_limit = " + literal(options.memoryLimit()));
            s.execute("SET temp_directory = " + literal(spill.toAbsolutePath().toString()));
            s.execute("SET preserve_insertion_order = true");
            for (String m : macros) {
                s.execute(m);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    // ---- SQL of the files

    /** {@code x}: the MPAN's first 12 digits for index {@code i} in group {@code g}. */
    private String mpanPrefix(int g) {
        return GROUPS.get(g).shortCode() + "0000000000::BIGINT + (i - " + offsets[g] + ") * " + strides[g]
                + " + floor(u(i, 14) * " + strides[g] + ")::BIGINT";
    }

    private String meterSql(int g, int f, Path file) {
        long n = sizes[g];
        int k = options.filesPerGroup();
        long lo = offsets[g] + n * f / k;
        long hi = offsets[g] + n * (f + 1) / k;
        LocalDate date = options.date();
        String received = date.plusDays(1).atTime(3, 0).plusMinutes(5L * g + f).toString();
        String estimated = "up(i, p, 21) < " + GbDayModel.ESTIMATED;
        return "COPY (WITH m AS (SELECT i, k, x * 10 + check_digit(x) AS mpan,"
                + " annual(i, k)::DOUBLE * daily_factor(k) AS daily, kind_shape(k) AS s,"
                + " CASE WHEN kind_export(k) THEN 'AE' ELSE 'AI' END AS mq,"
                + gapColumns()
                + " FROM (SELECT i, k, " + mpanPrefix(g) + " AS x FROM (SELECT i, kind(i) AS k FROM range(" + lo + ", "
                + hi + ") t(i)) WHERE kind_hh(k) AND u(i, 7) >= " + GbDayModel.DEENERGISED + ")),"
                + " r AS (SELECT *, unnest(range(1, " + (periods + 1) + ")) AS p FROM m)"
                + " SELECT mpan, DATE '" + date + "' AS settlement_date, p::INTEGER AS settlement_period,"
                + " mq AS measurement_quantity,"
                + " CAST(CASE WHEN " + estimated + " THEN round(kwh_true(i, p, daily, s) * (0.8 + 0.4 * up(i, p, 22)),"
                + " 3) ELSE kwh_true(i, p, daily, s) END AS DECIMAL(12,3)) AS kwh,"
                + " CASE WHEN " + estimated + " THEN 'E' ELSE 'A' END AS quality,"
                + " TIMESTAMP '" + received + "' AS received_at"
                + " FROM r WHERE NOT (gap AND p >= gs AND p < gs + gl))"
                + " TO " + literal(file.toAbsolutePath().toString())
                + " (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE " + ROW_GROUP_SIZE + ")";
    }

    /** The gap columns of system {@code i}: whether it has one, first period, length. */
    private String gapColumns() {
        return " (u(i, 11) < " + GbDayModel.WITH_GAP + " AND k IN (0, 1, 5)) AS gap, 1 + floor(u(i, 12) * " + periods
                + ")::BIGINT AS gs, " + GbDayModel.GAP_MIN + " + floor(u(i, 13) * " + GbDayModel.GAP_SPREAD
                + ")::BIGINT AS gl";
    }

    private String registrationsSql(Path file) {
        List<String> suppliers = new ArrayList<>();
        for (int r = 0; r < GbDayModel.SUPPLIERS; r++) {
            suppliers.add(GbDayModel.supplier(r));
        }
        String supplierList = stringList(new ArrayList<>(suppliers));
        String llfcs = stringList(new ArrayList<>(GbDayModel.llfcCodes()));
        String mc = stringList(KINDS.stream()
                .map(x -> (@Nullable String) String.valueOf(x.measurementClass()))
                .toList());
        String seg = stringList(KINDS.stream().map(Kind::segment).toList());
        String conn = stringList(KINDS.stream()
                .map(x -> (@Nullable String) String.valueOf(x.connection()))
                .toList());
        String dir = stringList(KINDS.stream()
                .map(x -> (@Nullable String) String.valueOf(x.direction()))
                .toList());
        String ssc = stringList(KINDS.stream().map(Kind::ssc).toList());
        StringBuilder dom = new StringBuilder("([");
        StringBuilder pc = new StringBuilder("([");
        for (int k = 0; k < KINDS.size(); k++) {
            Kind x = KINDS.get(k);
            dom.append(k == 0 ? "" : ", ").append(x.domestic());
            pc.append(k == 0 ? "" : ", ").append(x.hh() ? "NULL" : Integer.toString(x.profileClass()));
        }
        dom.append("]::BOOLEAN[])");
        pc.append("]::INTEGER[])");
        LocalDate date = options.date();
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < GROUPS.size(); g++) {
            order.add(g);
        }
        order.sort(Comparator.comparingInt(g -> GROUPS.get(g).shortCode()));
        StringBuilder sql = new StringBuilder("COPY (");
        for (int n = 0; n < order.size(); n++) {
            int g = order.get(n);
            Group group = GROUPS.get(g);
            sql.append(n == 0 ? "" : " UNION ALL ")
                    .append("SELECT x * 10 + check_digit(x) AS mpan_core, ")
                    .append(supplierList)
                    .append("[r + 1] AS supplier_participant_id, '2__")
                    .append(group.letter())
                    .append("' || ")
                    .append(supplierList)
                    .append("[r + 1] || CASE WHEN r < ")
                    .append(GbDayModel.SUPPLIERS_WITH_ADDITIONAL_UNIT)
                    .append(" AND u(i, 6) < ")
                    .append(GbDayModel.ADDITIONAL_UNIT_SHARE)
                    .append(" THEN '001' ELSE '000' END AS bm_unit_id, ")
                    .append(group.shortCode())
                    .append(" AS distributor_short_code, ")
                    .append(literal(group.dnoMpid()))
                    .append(" AS distributor_mpid, ")
                    .append(llfcs)
                    .append("[llfc_index(i, k) + 1] AS llfc, ")
                    .append(literal(group.id()))
                    .append(" AS gsp_group_id, ")
                    .append(mc)
                    .append("[k + 1] AS measurement_class, ")
                    .append(seg)
                    .append("[k + 1] AS market_segment, ")
                    .append(conn)
                    .append("[k + 1] AS connection_type, ")
                    .append(dom)
                    .append("[k + 1] AS domestic, CASE WHEN kind_hh(k) AND u(i, 7) < ")
                    .append(GbDayModel.DEENERGISED)
                    .append(" THEN 'D' ELSE 'E' END AS energisation, ")
                    .append(dir)
                    .append("[k + 1] AS energy_direction, CASE WHEN kind_hh(k) THEN 'MHHS' ELSE 'LEGACY' END AS")
                    .append(" settlement_regime, annual(i, k) AS annual_consumption_kwh, ")
                    .append(pc)
                    .append("[k + 1] AS profile_class, ")
                    .append(ssc)
                    .append("[k + 1] AS ssc, DATE '")
                    .append(date)
                    .append("' - (1 + floor(u(i, 15) * 3000))::INTEGER AS effective_from, NULL::DATE AS effective_to")
                    .append(" FROM (SELECT i, k, r, ")
                    .append(mpanPrefix(g))
                    .append(" AS x FROM (SELECT i, kind(i) AS k, supplier_rank(i) AS r FROM range(")
                    .append(offsets[g])
                    .append(", ")
                    .append(offsets[g] + sizes[g])
                    .append(") t(i)))");
        }
        sql.append(") TO ")
                .append(literal(file.toAbsolutePath().toString()))
                .append(" (FORMAT parquet, COMPRESSION snappy)");
        return sql.toString();
    }

    private void writeCoefficients(Statement s, Path file, Path tmp) throws SQLException, IOException {
        StringBuilder csv =
                new StringBuilder("gsp_group_id,profile_class,ssc,tpr,settlement_date,settlement_period,coefficient\n");
        for (int g = 0; g < GROUPS.size(); g++) {
            BigDecimal[][] c = GbDayModel.coefficients(options.seed(), g, options.date(), shapes, hours);
            for (int set = 0; set < c.length; set++) {
                CoefficientSet cs = GbDayModel.COEFFICIENT_SETS.get(set);
                for (int p = 0; p < periods; p++) {
                    csv.append(GROUPS.get(g).id())
                            .append(',')
                            .append(cs.profileClass())
                            .append(',')
                            .append(cs.ssc())
                            .append(',')
                            .append(cs.tpr())
                            .append(',')
                            .append(options.date())
                            .append(',')
                            .append(p + 1)
                            .append(',')
                            .append(c[set][p].toPlainString())
                            .append('\n');
                }
            }
        }
        Path text = tmp.resolve("profile_coefficients.csv");
        Files.writeString(text, csv, StandardCharsets.UTF_8);
        s.execute("COPY (SELECT gsp_group_id, profile_class::INTEGER AS profile_class, ssc, tpr,"
                + " settlement_date::DATE AS settlement_date, settlement_period::INTEGER AS settlement_period,"
                + " coefficient::DECIMAL(14,10) AS coefficient FROM read_csv("
                + literal(text.toAbsolutePath().toString())
                + ", header = true, all_varchar = true)) TO "
                + literal(file.toAbsolutePath().toString())
                + " (FORMAT parquet, COMPRESSION snappy)");
    }

    // ---- the takes

    /**
     * Computes each group's take per period and writes the CDCA-I029 file.
     *
     * @return the number of meter-data rows written
     */
    private long writeTakes(Path reference, List<List<Path>> groupFiles, Path tmp) throws SQLException, IOException {
        LocalDate date = options.date();
        StringBuilder i029 = new StringBuilder();
        long rows = 0;
        try (Connection c = duckDb(tmp, options.threads());
                Statement s = c.createStatement()) {
            for (int g = 0; g < GROUPS.size(); g++) {
                BigDecimal[][] llf = GbDayModel.lineLossFactors(options.seed(), g, hours);
                BigDecimal[][] coefficient = GbDayModel.coefficients(options.seed(), g, date, shapes, hours);
                BigDecimal[] actual = zeros();
                BigDecimal[] correctable = zeros();
                long lo = offsets[g];
                long hi = offsets[g] + sizes[g];
                StringBuilder files = new StringBuilder("[");
                for (Path f : groupFiles.get(g)) {
                    files.append(files.length() == 1 ? "" : ", ")
                            .append(literal(f.toAbsolutePath().toString()));
                }
                files.append(']');
                // the values written, by period, kind, LLFC and quality
                String written = "SELECT p, k, llfc_index(i, k) AS l, quality = 'E' AS est, sum(kwh) AS kwh,"
                        + " count(*) AS n FROM (SELECT p, kwh, quality, i, kind(i) AS k FROM (SELECT settlement_period"
                        + " AS p, kwh, quality, " + lo + " + ((mpan // 10) % 10000000000) // " + strides[g]
                        + " AS i FROM read_parquet(" + files + "))) GROUP BY ALL ORDER BY ALL";
                try (ResultSet r = s.executeQuery(written)) {
                    while (r.next()) {
                        int p = r.getInt(1) - 1;
                        BigDecimal v = signed(r.getInt(2), r.getBigDecimal(5)).multiply(llf[r.getInt(3)][p]);
                        if (r.getBoolean(4)) {
                            correctable[p] = correctable[p].add(v);
                        } else {
                            actual[p] = actual[p].add(v);
                        }
                        rows += r.getLong(6);
                    }
                }
                // the gaps, left out of the files: their expected values (annual / 365 x shape), never measured
                String gaps = "SELECT p, k, llfc_index(i, k) AS l, sum(kwh_expected(daily, s, p)::DECIMAL(12,3))"
                        + " FROM (SELECT *, unnest(range(1, " + (periods + 1) + ")) AS p FROM (SELECT i, k,"
                        + " annual(i, k)::DOUBLE * daily_factor(k) AS daily, kind_shape(k) AS s," + gapColumns()
                        + " FROM (SELECT i, kind(i) AS k FROM range(" + lo + ", " + hi + ") t(i))"
                        + " WHERE kind_hh(k) AND u(i, 7) >= " + GbDayModel.DEENERGISED + ") WHERE gap)"
                        + " WHERE p >= gs AND p < gs + gl GROUP BY ALL ORDER BY ALL";
                try (ResultSet r = s.executeQuery(gaps)) {
                    while (r.next()) {
                        int p = r.getInt(1) - 1;
                        BigDecimal v = signed(r.getInt(2), r.getBigDecimal(4)).multiply(llf[r.getInt(3)][p]);
                        correctable[p] = correctable[p].add(v);
                    }
                }
                // NHH: EAC x the coefficients of its profile class and SSC
                String nhh = "SELECT k, llfc_index(i, k) AS l, sum(annual(i, k)) FROM (SELECT i, kind(i) AS k FROM"
                        + " range(" + lo + ", " + hi + ") t(i)) WHERE NOT kind_hh(k) GROUP BY ALL ORDER BY ALL";
                try (ResultSet r = s.executeQuery(nhh)) {
                    while (r.next()) {
                        Kind kind = KINDS.get(r.getInt(1));
                        BigDecimal eac = r.getBigDecimal(3);
                        List<Integer> sets = GbDayModel.coefficientSets(kind.profileClass(), requireSsc(kind));
                        for (int p = 0; p < periods; p++) {
                            BigDecimal coef = BigDecimal.ZERO;
                            for (int set : sets) {
                                coef = coef.add(coefficient[set][p]);
                            }
                            correctable[p] =
                                    correctable[p].add(eac.multiply(coef).multiply(llf[r.getInt(2)][p]));
                        }
                    }
                }
                i029.append("AGV|")
                        .append(GROUPS.get(g).id())
                        .append('|')
                        .append(date.format(COMPACT))
                        .append("|SF|1|")
                        .append(date.plusDays(5).format(COMPACT))
                        .append("|\n");
                for (int p = 0; p < periods; p++) {
                    double error = GbDayModel.TAKE_ERROR * (2 * GbDayModel.unit(options.seed(), 103, g, p) - 1);
                    BigDecimal kwh = actual[p].add(correctable[p].multiply(BigDecimal.valueOf(1 + error)));
                    BigDecimal mwh = kwh.movePointLeft(3).setScale(4, RoundingMode.HALF_UP);
                    i029.append("AGP|")
                            .append(p + 1)
                            .append("|F|")
                            .append(mwh.signum() < 0 ? 'E' : 'I')
                            .append('|')
                            .append(mwh.abs().toPlainString())
                            .append("|\n");
                }
            }
        }
        Files.writeString(
                reference.resolve("CDCA-I029_" + date.format(COMPACT) + "_SF.I029"), i029, StandardCharsets.UTF_8);
        return rows;
    }

    private static String requireSsc(Kind kind) {
        String ssc = kind.ssc();
        if (ssc == null) {
            throw new IllegalStateException(kind.name() + " has no SSC");
        }
        return ssc;
    }

    private BigDecimal[] zeros() {
        BigDecimal[] z = new BigDecimal[periods];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    private static BigDecimal signed(int kind, BigDecimal kwh) {
        return KINDS.get(kind).direction() == 'E' ? kwh.negate() : kwh;
    }

    // ---- small reference files

    private void writeSmallReferenceFiles(Path reference) throws IOException {
        for (String name : List.of("gsp_groups.csv", "ccc.csv", "scaling_weights.csv", "hh_default_eac.csv")) {
            try (InputStream in =
                    ShippedReferenceData.class.getResourceAsStream(ShippedReferenceData.RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IllegalStateException("no shipped reference file " + name);
                }
                Files.write(reference.resolve(name), in.readAllBytes());
            }
        }
        String from = "2019-04-01";
        StringBuilder parties =
                new StringBuilder("party_id,participant_id,role_code,name,effective_from,effective_to\n");
        StringBuilder units = new StringBuilder(
                "bm_unit_id,supplier_participant_id,lead_party_id,gsp_group_id,bm_unit_type,default_flag,"
                        + "effective_from,effective_to\n");
        List<String> unitRows = new ArrayList<>();
        for (int r = 0; r < GbDayModel.SUPPLIERS; r++) {
            String id = GbDayModel.supplier(r);
            String party = id + "SUPP";
            parties.append(party)
                    .append(',')
                    .append(id)
                    .append(",X,Synthetic supplier ")
                    .append(id)
                    .append(" (fictional),")
                    .append(from)
                    .append(",\n");
            for (Group g : GROUPS) {
                String prefix = "2__" + g.letter() + id;
                unitRows.add(prefix + "000," + id + "," + party + "," + g.id() + ",G,true," + from + ",");
                if (r < GbDayModel.SUPPLIERS_WITH_ADDITIONAL_UNIT) {
                    unitRows.add(prefix + "001," + id + "," + party + "," + g.id() + ",S,false," + from + ",");
                }
            }
        }
        for (Group g : GROUPS) {
            parties.append(g.dnoMpid())
                    .append("DNO,")
                    .append(g.dnoMpid())
                    .append(",R,")
                    .append(g.dnoMpid())
                    .append(" distribution network (fictional party),")
                    .append(from)
                    .append(",\n");
        }
        for (int d = 1; d <= 4; d++) {
            parties.append("HHDS")
                    .append(d)
                    .append("DAT,HHD")
                    .append(d)
                    .append(",A,Synthetic half-hourly data service ")
                    .append(d)
                    .append(" (fictional),")
                    .append(from)
                    .append(",\n");
        }
        unitRows.sort(Comparator.naturalOrder());
        unitRows.forEach(u -> units.append(u).append('\n'));
        Files.writeString(reference.resolve("bsc_parties.csv"), parties, StandardCharsets.UTF_8);
        Files.writeString(reference.resolve("bm_units.csv"), units, StandardCharsets.UTF_8);

        // one D0265 file per distributor: every LLFC, every period of the day
        LocalDate date = options.date();
        String created = date.minusDays(40).format(COMPACT) + "093000";
        List<String> codes = GbDayModel.llfcCodes();
        for (int g = 0; g < GROUPS.size(); g++) {
            Group group = GROUPS.get(g);
            BigDecimal[][] llf = GbDayModel.lineLossFactors(options.seed(), g, hours);
            StringBuilder d0265 = new StringBuilder();
            d0265.append("ZHD||D0265001|R|")
                    .append(group.dnoMpid())
                    .append("|G|CAPG|")
                    .append(created)
                    .append("||||OPER\n");
            int records = 1;
            d0265.append("DIS|").append(group.dnoMpid()).append('\n');
            for (int c = 0; c < codes.size(); c++) {
                d0265.append("LLF|").append(codes.get(c)).append('\n');
                d0265.append("SDT|").append(date.format(COMPACT)).append('\n');
                records += 2;
                for (int p = 0; p < periods; p++) {
                    d0265.append("SPL|")
                            .append(p + 1)
                            .append('|')
                            .append(llf[c][p].toPlainString())
                            .append('\n');
                    records++;
                }
            }
            d0265.append("ZPT|").append(records).append("|0\n");
            Files.writeString(
                    reference.resolve("LLF" + group.dnoMpid() + date.format(COMPACT) + "PTF1.D0265"),
                    d0265,
                    StandardCharsets.UTF_8);
        }
    }

    // ---- run.properties and README

    private Map<String, String> properties(long meterRows) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("settlement_date", options.date().toString());
        p.put("run_type", "SF");
        p.put("run_number", "1");
        p.put("data_cutoff", options.date().plusDays(21) + "T00:00:00Z");
        p.put("gsp_groups", String.join(",", GROUPS.stream().map(Group::id).toList()));
        p.put("generator", "scripts/generate (org.gbsettle.jobs.bench.generate.GbDayGenerator)");
        p.put("seed", Long.toString(options.seed()));
        p.put("metering_systems", Long.toString(options.meteringSystems()));
        p.put("hh_share", Double.toString(options.hhShare()));
        p.put("files_per_group", Integer.toString(options.filesPerGroup()));
        p.put("settlement_periods", Integer.toString(periods));
        p.put("meter_rows", Long.toString(meterRows));
        for (int g = 0; g < GROUPS.size(); g++) {
            p.put("metering_systems." + GROUPS.get(g).id(), Long.toString(sizes[g]));
        }
        return p;
    }

    private void writeRunProperties(Path out, long meterRows) throws IOException {
        StringBuilder sb = new StringBuilder("# A synthetic settlement day made by scripts/generate (see README.md)\n");
        properties(meterRows)
                .forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(out.resolve("run.properties"), sb, StandardCharsets.UTF_8);
    }

    private void writeReadme(Path out, long meterRows) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(GbDayModel.format(
                "# Synthetic GB day %s: %,d metering systems, %,d meter-data rows (seed %d)%n%n",
                options.date(), options.meteringSystems(), meterRows, options.seed()));
        sb.append("Made by `scripts/generate` (jobs/README.md, \"Synthetic GB-scale days\"); run it with\n")
                .append("`scripts/settle sample --days-dir PARENT ")
                .append(out.toAbsolutePath().normalize().getFileName())
                .append(" --no-check`.\n\n| GSP group | metering systems |\n|---|---|\n");
        for (int g = 0; g < GROUPS.size(); g++) {
            sb.append("| ")
                    .append(GROUPS.get(g).id())
                    .append(" | ")
                    .append(sizes[g])
                    .append(" |\n");
        }
        sb.append("\nLLFC families (36 LLFCs per distributor): ");
        sb.append(String.join(
                ", ",
                FAMILIES.stream()
                        .map(f -> f.name() + " " + f.codes().get(0) + "..")
                        .toList()));
        sb.append(".\n");
        Files.writeString(out.resolve("README.md"), sb, StandardCharsets.UTF_8);
    }

    // ---- files

    /** Removes what a previous generation left in {@code out}; refuses a folder holding anything else. */
    private static void clean(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        List<String> ours = List.of("run.properties", "README.md", "reference", "meter-data", ".tmp");
        try (Stream<Path> entries = Files.list(out)) {
            for (Path p : entries.toList()) {
                if (!ours.contains(String.valueOf(p.getFileName()))) {
                    throw new IllegalArgumentException("--out " + out + " holds " + p.getFileName()
                            + ", which a generated day does not: give an empty or new folder");
                }
            }
        }
        for (String name : ours) {
            deleteTree(out.resolve(name));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(q);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
