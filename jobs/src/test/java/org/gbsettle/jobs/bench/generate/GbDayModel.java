package org.gbsettle.jobs.bench.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The synthetic market of a generated day and the rules that make its values: the 14 GSP groups sized like the real
 * ones, the kinds of metering system (HH import by measurement class, HH export, NHH by profile class) with their
 * shares and annual consumption (kWh/yr), 150 suppliers with Zipf-like shares, 36 LLFCs per distributor and their
 * LLFs per period, the daily shapes (share of a day's energy per settlement period) and profile coefficients (share
 * of a year's energy per period).
 *
 * <p>Every random choice is a hash of the seed and the choice's key, never a random generator's sequence: in SQL
 * {@code u(i, k)}, DuckDB's {@code hash} of metering-system index {@code i}, salt {@code k} and the seed, scaled to
 * [0, 1); in Java {@link #unit}. The same seed and options therefore give the same values whatever the thread count.
 */
final class GbDayModel {

    /** A GSP group: id, distributor short code (the MPAN's first two digits), DNO MPID, share of GB metering systems. */
    record Group(String id, int shortCode, String dnoMpid, double millions) {
        /** The group's letter, as BM unit ids spell it. */
        char letter() {
            return id.charAt(1);
        }
    }

    /** The 14 groups, sizes in millions of metering systems (issue 4). */
    static final List<Group> GROUPS = List.of(
            new Group("_A", 10, "EELC", 3.7),
            new Group("_B", 11, "EMEB", 2.6),
            new Group("_C", 12, "LOND", 2.4),
            new Group("_D", 13, "MANW", 1.5),
            new Group("_E", 14, "MIDE", 2.5),
            new Group("_F", 15, "NEEB", 1.6),
            new Group("_G", 16, "NORW", 2.4),
            new Group("_H", 20, "SOUT", 3.0),
            new Group("_J", 19, "SEEB", 2.3),
            new Group("_K", 21, "SWAE", 1.1),
            new Group("_L", 22, "SWEB", 1.6),
            new Group("_M", 23, "YELG", 2.3),
            new Group("_N", 18, "SPOW", 2.0),
            new Group("_P", 17, "HYDE", 0.8));

    /** Daily shapes: domestic, non-domestic, unmetered (street lighting), solar export, Economy 7. */
    static final int DOMESTIC = 0, NON_DOMESTIC = 1, LIGHTING = 2, SOLAR = 3, ECONOMY7 = 4, SHAPES = 5;

    /** LLFC families: LLFC codes of each (36 per distributor) and their base LLF. */
    record Family(String name, List<String> codes, double baseLlf, double spread) {}

    static final List<Family> FAMILIES = List.of(
            new Family("domestic LV", codes(100, 14), 1.080, 0.020),
            new Family("non-domestic LV", codes(200, 9), 1.068, 0.015),
            new Family("LV CT", codes(300, 4), 1.052, 0.010),
            new Family("HV", codes(400, 4), 1.028, 0.010),
            new Family("unmetered", codes(500, 2), 1.092, 0.010),
            new Family("export LV", codes(600, 2), 1.045, 0.010),
            new Family("export HV", codes(610, 1), 1.020, 0.004));

    /**
     * A kind of metering system: measurement class, market segment (null for legacy), connection type, domestic,
     * direction (I import, E export), half-hourly, profile class and SSC (NHH), daily shape, LLFC family, median and
     * largest annual consumption (kWh/yr).
     */
    record Kind(
            String name,
            char measurementClass,
            @Nullable String segment,
            char connection,
            boolean domestic,
            char direction,
            boolean hh,
            int profileClass,
            @Nullable String ssc,
            int shape,
            int family,
            double medianKwh,
            double maxKwh) {}

    /** Kinds, by index: 0-4 HH import, 5-6 HH export, 7-14 NHH metered (profile classes 1-8), 15 NHH unmetered. */
    static final List<Kind> KINDS = List.of(
            new Kind("HH domestic", 'F', "S", 'W', true, 'I', true, 0, null, DOMESTIC, 0, 2900, 30_000),
            new Kind("HH non-domestic", 'G', "S", 'W', false, 'I', true, 0, null, NON_DOMESTIC, 1, 12_000, 150_000),
            new Kind("HH CT below 100 kW", 'E', "A", 'C', false, 'I', true, 0, null, NON_DOMESTIC, 2, 60_000, 300_000),
            new Kind("HH 100 kW", 'C', "A", 'C', false, 'I', true, 0, null, NON_DOMESTIC, 3, 400_000, 5_000_000),
            new Kind("HH unmetered", 'D', "U", 'W', false, 'I', true, 0, null, LIGHTING, 4, 10_000, 200_000),
            new Kind("HH export domestic", 'F', "S", 'W', true, 'E', true, 0, null, SOLAR, 5, 3500, 8000),
            new Kind("HH export CT", 'C', "A", 'C', false, 'E', true, 0, null, SOLAR, 6, 150_000, 2_000_000),
            new Kind("NHH PC1", 'A', null, 'W', true, 'I', false, 1, "0393", DOMESTIC, 0, 3100, 30_000),
            new Kind("NHH PC2", 'A', null, 'W', true, 'I', false, 2, "0151", ECONOMY7, 0, 4200, 40_000),
            new Kind("NHH PC3", 'A', null, 'W', false, 'I', false, 3, "0393", NON_DOMESTIC, 1, 15_000, 150_000),
            new Kind("NHH PC4", 'A', null, 'W', false, 'I', false, 4, "0151", ECONOMY7, 1, 20_000, 150_000),
            new Kind("NHH PC5", 'A', null, 'W', false, 'I', false, 5, "0393", NON_DOMESTIC, 1, 80_000, 500_000),
            new Kind("NHH PC6", 'A', null, 'W', false, 'I', false, 6, "0393", NON_DOMESTIC, 1, 80_000, 500_000),
            new Kind("NHH PC7", 'A', null, 'W', false, 'I', false, 7, "0393", NON_DOMESTIC, 1, 80_000, 500_000),
            new Kind("NHH PC8", 'A', null, 'W', false, 'I', false, 8, "0393", NON_DOMESTIC, 1, 80_000, 500_000),
            new Kind("NHH unmetered", 'B', null, 'W', false, 'I', false, 1, "0428", LIGHTING, 4, 8000, 100_000));

    /** Profile coefficient sets: (profile class, SSC, TPR, shape, TPR's local hours [from, to) or null for all). */
    record CoefficientSet(int profileClass, String ssc, String tpr, int shape, double @Nullable [] hours) {}

    static final List<CoefficientSet> COEFFICIENT_SETS = List.of(
            new CoefficientSet(1, "0393", "00001", DOMESTIC, null),
            new CoefficientSet(1, "0428", "00043", LIGHTING, null),
            new CoefficientSet(2, "0151", "00206", ECONOMY7, new double[] {0.5, 7.5}),
            new CoefficientSet(2, "0151", "00210", ECONOMY7, new double[] {7.5, 24.5}),
            new CoefficientSet(3, "0393", "00001", NON_DOMESTIC, null),
            new CoefficientSet(4, "0151", "00206", ECONOMY7, new double[] {0.5, 7.5}),
            new CoefficientSet(4, "0151", "00210", ECONOMY7, new double[] {7.5, 24.5}),
            new CoefficientSet(5, "0393", "00001", NON_DOMESTIC, null),
            new CoefficientSet(6, "0393", "00001", NON_DOMESTIC, null),
            new CoefficientSet(7, "0393", "00001", NON_DOMESTIC, null),
            new CoefficientSet(8, "0393", "00001", NON_DOMESTIC, null));

    /** Suppliers: ids {@code SUAA}..; shares Zipf-like (rank r from {@code floor(151^(u^1.5)) - 1}). */
    static final int SUPPLIERS = 150;

    /** Suppliers (by rank) with an additional BM unit {@code ...001} in every group, and its share of their MPANs. */
    static final int SUPPLIERS_WITH_ADDITIONAL_UNIT = 10;

    static final double ADDITIONAL_UNIT_SHARE = 0.2;

    /** Share of metering systems that are export MPANs, and of those the CT ones. */
    static final double EXPORT_SHARE = 0.03, EXPORT_CT_SHARE = 0.05;

    /** Cumulative shares of the HH import kinds 0-4 and of the NHH kinds 7-15. */
    static final double[] HH_CUMULATIVE = {0.80, 0.92, 0.96, 0.975};

    static final double[] NHH_CUMULATIVE = {0.55, 0.75, 0.87, 0.93, 0.94, 0.95, 0.96, 0.97};

    /**
     * HH metering systems de-energised (no values); values estimated (quality E); whole-current systems (HH kinds 0,
     * 1 and 5: smart meters) with a gap of values.
     */
    static final double DEENERGISED = 0.002, ESTIMATED = 0.03, WITH_GAP = 0.05;

    /** A gap is 4..20 periods long. */
    static final int GAP_MIN = 4, GAP_SPREAD = 17;

    /** The take's error, a share of the group's correctable volume per period: uniform in +-this. */
    static final double TAKE_ERROR = 0.015;

    private GbDayModel() {}

    private static List<String> codes(int first, int count) {
        List<String> out = new ArrayList<>();
        for (int c = first; c < first + count; c++) {
            out.add(Integer.toString(c));
        }
        return List.copyOf(out);
    }

    /** The supplier id of rank {@code r} (0-based): SUAA, SUAB, ... */
    static String supplier(int r) {
        return "SU" + (char) ('A' + r / 26) + (char) ('A' + r % 26);
    }

    /** The index of an LLFC among the 36 of a distributor: its family's first code's index + the code's position. */
    static int familyStart(int family) {
        int start = 0;
        for (int f = 0; f < family; f++) {
            start += FAMILIES.get(f).codes().size();
        }
        return start;
    }

    /** The 36 LLFC codes of a distributor, in order. */
    static List<String> llfcCodes() {
        return FAMILIES.stream().flatMap(f -> f.codes().stream()).toList();
    }

    /** Metering systems per group: {@code n} split by the groups' real sizes, largest remainder. */
    static long[] groupSizes(long n) {
        double total = GROUPS.stream().mapToDouble(Group::millions).sum();
        long[] sizes = new long[GROUPS.size()];
        double[] remainder = new double[GROUPS.size()];
        long given = 0;
        for (int g = 0; g < sizes.length; g++) {
            double exact = n * GROUPS.get(g).millions() / total;
            sizes[g] = Math.max(1, (long) Math.floor(exact));
            remainder[g] = exact - Math.floor(exact);
            given += sizes[g];
        }
        while (given < n) {
            int best = 0;
            for (int g = 1; g < sizes.length; g++) {
                if (remainder[g] > remainder[best]) {
                    best = g;
                }
            }
            sizes[best]++;
            remainder[best] = -1;
            given++;
        }
        while (given > n) {
            int largest = 0;
            for (int g = 1; g < sizes.length; g++) {
                if (sizes[g] > sizes[largest]) {
                    largest = g;
                }
            }
            sizes[largest]--;
            given--;
        }
        return sizes;
    }

    /** The number of settlement periods of {@code date} (46, 48 or 50). */
    static int periods(LocalDate date) {
        ZoneId london = ZoneId.of("Europe/London");
        Instant start = date.atStartOfDay(london).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(london).toInstant();
        return (int) (Duration.between(start, end).toMinutes() / 30);
    }

    /** The local clock hour (0..24, fractional) at the middle of each period of {@code date}. */
    static double[] localHours(LocalDate date) {
        ZoneId london = ZoneId.of("Europe/London");
        Instant start = date.atStartOfDay(london).toInstant();
        double[] hours = new double[periods(date)];
        for (int k = 0; k < hours.length; k++) {
            ZonedDateTime mid = start.plusSeconds(1800L * k + 900).atZone(london);
            hours[k] = mid.getHour() + mid.getMinute() / 60.0;
        }
        return hours;
    }

    /** Hours of daylight on the day of year {@code doy} (8.2 h mid-December to 16.6 h mid-June). */
    static double dayLength(int doy) {
        return 12.4 - 4.2 * Math.cos(2 * Math.PI * (doy + 10) / 365.0);
    }

    /** The relative demand of a shape at local clock hour {@code h} on day of year {@code doy}, before scaling. */
    static double rawShape(int shape, double h, int doy, boolean summerTime) {
        double noon = summerTime ? 13.1 : 12.1;
        double half = dayLength(doy) / 2;
        return switch (shape) {
            case DOMESTIC -> 0.35 + 0.35 * bell(h, 7.75, 1.0) + 0.8 * bell(h, 18.25, 1.7) + 0.15 * bell(h, 13, 2.5);
            case NON_DOMESTIC -> 0.3 + 0.85 / (1 + Math.exp(-(h - 8) * 2.5)) / (1 + Math.exp((h - 17.5) * 2));
            case LIGHTING -> Math.abs(h - noon) > half - 0.25 ? 1.0 : 0.03;
            case SOLAR -> Math.abs(h - noon) < half ? Math.pow(Math.cos(Math.PI * (h - noon) / (2 * half)), 1.6) : 0;
            case ECONOMY7 -> 0.3 + (h >= 0.5 && h < 7.5 ? 1.5 : 0) + 0.5 * bell(h, 18.25, 2);
            default -> throw new IllegalArgumentException("shape " + shape);
        };
    }

    private static double bell(double h, double mu, double sigma) {
        double z = (h - mu) / sigma;
        return Math.exp(-z * z / 2);
    }

    /** The day's energy as a multiple of an average day's, by shape (winter high, solar summer high). */
    static double season(int shape, int doy) {
        double winter = Math.cos(2 * Math.PI * (doy - 15) / 365.0);
        double a = switch (shape) {
            case DOMESTIC -> 0.25;
            case NON_DOMESTIC -> 0.1;
            case LIGHTING -> 0.35;
            case SOLAR -> -0.65;
            default -> 0.3;
        };
        return 1 + a * winter;
    }

    /**
     * The day's energy of an HH metering system as a multiple of its annual consumption / 365: seasonal for solar
     * export only. Demand is flat over the year, so that the engine's defaults for missing values (annual consumption x
     * load shape / annual total) are unbiased and the correction factors stay near 1 even in small groups.
     */
    static double hhSeason(int shape, int doy) {
        return shape == SOLAR ? season(shape, doy) : 1;
    }

    /**
     * The share of a day's energy in each period, per shape: {@code [shape][period index]}. Scaled so that an ordinary
     * 48-period day of the same date sums to 1 (a 46-period day sums to less, a 50-period day to more).
     */
    static double[][] shapes(LocalDate date) {
        double[] hours = localHours(date);
        int doy = date.getDayOfYear();
        boolean summer = ZoneId.of("Europe/London")
                .getRules()
                .isDaylightSavings(
                        date.atTime(12, 0).atZone(ZoneId.of("Europe/London")).toInstant());
        double[][] out = new double[SHAPES][hours.length];
        for (int s = 0; s < SHAPES; s++) {
            double norm = 0;
            for (int k = 0; k < 48; k++) {
                norm += rawShape(s, k / 2.0 + 0.25, doy, summer);
            }
            for (int k = 0; k < hours.length; k++) {
                out[s][k] = rawShape(s, hours[k], doy, summer) / norm;
            }
        }
        return out;
    }

    /**
     * The LLF of each LLFC (index among {@link #llfcCodes()}) and period in group {@code g}, 3 dp, within
     * 1.010..1.120: the LLFC's base, higher at the evening peak (16:00-20:00 local), lower at night.
     */
    static BigDecimal[][] lineLossFactors(long seed, int g, double[] hours) {
        List<String> codes = llfcCodes();
        BigDecimal[][] out = new BigDecimal[codes.size()][hours.length];
        int c = 0;
        for (int f = 0; f < FAMILIES.size(); f++) {
            Family family = FAMILIES.get(f);
            for (int k = 0; k < family.codes().size(); k++, c++) {
                double base = family.baseLlf() + family.spread() * (2 * unit(seed, 101, g, c) - 1);
                for (int p = 0; p < hours.length; p++) {
                    double h = hours[p];
                    double v = base + (h >= 16 && h < 20 ? 0.012 : h >= 7 && h < 16 ? 0.004 : h < 6 ? -0.006 : 0);
                    v = Math.max(1.010, Math.min(1.120, v));
                    out[c][p] = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP);
                }
            }
        }
        return out;
    }

    /**
     * The profile coefficients of group {@code g}, per {@link #COEFFICIENT_SETS} entry and period, 10 dp: the share
     * of a year's energy, {@code season / 365 x shape}, within the TPR's hours, with a small factor per group.
     */
    static BigDecimal[][] coefficients(long seed, int g, LocalDate date, double[][] shapes, double[] hours) {
        BigDecimal[][] out = new BigDecimal[COEFFICIENT_SETS.size()][hours.length];
        for (int s = 0; s < COEFFICIENT_SETS.size(); s++) {
            CoefficientSet set = COEFFICIENT_SETS.get(s);
            double groupFactor = 1 + 0.04 * (unit(seed, 102, g, set.profileClass()) - 0.5);
            double day = season(set.shape(), date.getDayOfYear()) / 365.0 * groupFactor;
            for (int p = 0; p < hours.length; p++) {
                double[] within = set.hours();
                boolean in = within == null || (hours[p] >= within[0] && hours[p] < within[1]);
                double v = in ? day * shapes[set.shape()][p] : 0;
                out[s][p] = BigDecimal.valueOf(v).setScale(10, RoundingMode.HALF_UP);
            }
        }
        return out;
    }

    /** The index in {@link #COEFFICIENT_SETS} of the TPRs of a profile class and SSC. */
    static List<Integer> coefficientSets(int profileClass, String ssc) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < COEFFICIENT_SETS.size(); s++) {
            CoefficientSet set = COEFFICIENT_SETS.get(s);
            if (set.profileClass() == profileClass && set.ssc().equals(ssc)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A number in [0, 1) from the seed and keys (SplitMix64 finaliser over each key in turn). */
    static double unit(long seed, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long k : keys) {
            h = mix(h + 0x9E3779B97F4A7C15L + k);
        }
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- SQL

    /**
     * The DuckDB macros that make a metering system's attributes from its index {@code i} (BIGINT, 0..N-1 across
     * groups in {@link #GROUPS} order): {@code u}, {@code up} (hash-based uniform numbers), {@code kind}, {@code
     * llfc_index}, {@code supplier_rank}, {@code annual}, {@code check_digit}, {@code kwh_true} and the kind tables.
     */
    static List<String> macros(long seed, double hhShare, double[][] shapes, LocalDate date) {
        int periods = shapes[0].length;
        List<String> sql = new ArrayList<>();
        sql.add("CREATE MACRO u(i, k) AS (hash(i::BIGINT, k::INTEGER, " + seed
                + "::BIGINT) >> 11)::DOUBLE / 9007199254740992.0");
        sql.add("CREATE MACRO up(i, p, k) AS (hash(i::BIGINT, p::BIGINT, k::INTEGER, " + seed
                + "::BIGINT) >> 11)::DOUBLE / 9007199254740992.0");
        StringBuilder kind = new StringBuilder("CREATE MACRO kind(i) AS CASE WHEN u(i, 1) < " + EXPORT_SHARE
                + " THEN (CASE WHEN u(i, 2) < " + (1 - EXPORT_CT_SHARE) + " THEN 5 ELSE 6 END) WHEN u(i, 2) < "
                + hhShare + " THEN (CASE");
        for (int k = 0; k < HH_CUMULATIVE.length; k++) {
            kind.append(" WHEN u(i, 3) < ")
                    .append(HH_CUMULATIVE[k])
                    .append(" THEN ")
                    .append(k);
        }
        kind.append(" ELSE 4 END) ELSE (CASE");
        for (int k = 0; k < NHH_CUMULATIVE.length; k++) {
            kind.append(" WHEN u(i, 3) < ")
                    .append(NHH_CUMULATIVE[k])
                    .append(" THEN ")
                    .append(7 + k);
        }
        kind.append(" ELSE 15 END) END");
        sql.add(kind.toString());
        sql.add("CREATE MACRO kind_hh(k) AS " + list(KINDS, x -> Boolean.toString(x.hh())) + "[k + 1]");
        sql.add("CREATE MACRO kind_export(k) AS " + list(KINDS, x -> Boolean.toString(x.direction() == 'E'))
                + "[k + 1]");
        sql.add("CREATE MACRO kind_shape(k) AS " + list(KINDS, x -> Integer.toString(x.shape())) + "[k + 1]");
        sql.add("CREATE MACRO llfc_index(i, k) AS " + list(KINDS, x -> Integer.toString(familyStart(x.family())))
                + "[k + 1] + floor(u(i, 5) * "
                + list(
                        KINDS,
                        x -> Integer.toString(FAMILIES.get(x.family()).codes().size()))
                + "[k + 1])::INTEGER");
        sql.add("CREATE MACRO supplier_rank(i) AS least(" + (SUPPLIERS - 1) + ", floor(pow(" + (SUPPLIERS + 1)
                + ".0, pow(u(i, 4), 1.5)))::INTEGER - 1)");
        sql.add("CREATE MACRO annual(i, k) AS round(least(("
                + list(KINDS, x -> Double.toString(x.maxKwh())) + "::DOUBLE[])[k + 1], greatest(("
                + list(KINDS, x -> Double.toString(x.medianKwh() / 10)) + "::DOUBLE[])[k + 1], ("
                + list(KINDS, x -> Double.toString(x.medianKwh()))
                + "::DOUBLE[])[k + 1] * exp(0.55 * 1.7320508075688772 * (u(i, 16) + u(i, 17) + u(i, 18) + u(i, 19) - 2)))),"
                + " 1)::DECIMAL(12,1)");
        int doy = date.getDayOfYear();
        sql.add("CREATE MACRO daily_factor(k) AS ("
                + list(KINDS, x -> Double.toString(hhSeason(x.shape(), doy) / 365.0)) + "::DOUBLE[])[k + 1]");
        StringBuilder shapeList = new StringBuilder("([");
        for (int s = 0; s < SHAPES; s++) {
            for (int p = 0; p < periods; p++) {
                shapeList.append(s + p == 0 ? "" : ", ").append(Double.toString(shapes[s][p]));
            }
        }
        shapeList.append("]::DOUBLE[])");
        sql.add("CREATE MACRO shape(s, p) AS " + shapeList + "[s * " + periods + " + p]");
        // the expected value of system i in period p (1-based), kWh 3 dp, from its daily energy (annual x factor),
        // and the true value: the expected one times a factor 0.7..1.3
        sql.add("CREATE MACRO kwh_expected(daily, s, p) AS round(daily * shape(s, p), 3)");
        sql.add("CREATE MACRO kwh_true(i, p, daily, s) AS round(daily * shape(s, p) * (0.7 + 0.6 * up(i, p, 20)),"
                + " 3)");
        StringBuilder digit = new StringBuilder("CREATE MACRO check_digit(x) AS ((");
        int[] weights = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
        for (int d = 0; d < 12; d++) {
            long pow = (long) Math.pow(10, 11 - d);
            digit.append(d == 0 ? "" : " + ")
                    .append("((x // ")
                    .append(pow)
                    .append(") % 10) * ")
                    .append(weights[d]);
        }
        digit.append(") % 11) % 10");
        sql.add(digit.toString());
        return sql;
    }

    private static <T> String list(List<T> items, Function<T, String> value) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < items.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(value.apply(items.get(k)));
        }
        return sb.append(']').toString();
    }

    /** A SQL string literal. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A SQL list of string literals, or NULL entries for null. */
    static String stringList(List<@Nullable String> items) {
        StringBuilder sb = new StringBuilder("([");
        for (int k = 0; k < items.size(); k++) {
            String s = items.get(k);
            sb.append(k == 0 ? "" : ", ").append(s == null ? "NULL" : literal(s));
        }
        return sb.append("]::VARCHAR[])").toString();
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
