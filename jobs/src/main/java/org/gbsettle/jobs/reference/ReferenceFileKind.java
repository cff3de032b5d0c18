package org.gbsettle.jobs.reference;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gbsettle.refdata.csv.BmUnitsCsv;
import org.gbsettle.refdata.csv.BscPartiesCsv;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.LlfcSiteSpecificCsv;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;
import org.jspecify.annotations.Nullable;

/**
 * A kind of reference file and the table it loads into: CSV files by their conventional name (one file per kind and
 * load, whose columns are the table's columns), D0265 line loss factor files and CDCA-I029 take files by extension
 * (any number per load). Registrations and profile coefficients may instead come as Parquet with the CSV's columns
 * ({@code registrations.parquet}, {@code profile_coefficients.parquet}; the types are in {@code ParquetColumns}).
 */
public enum ReferenceFileKind {
    GSP_GROUPS("gsp_groups", GspGroupsCsv.FILE_NAME, "gsp_group", GspGroupsCsv.COLUMNS),
    CCC("ccc", CccCsv.FILE_NAME, "ccc", CccCsv.COLUMNS),
    SCALING_WEIGHTS("scaling_weights", ScalingWeightsCsv.FILE_NAME, "scaling_weight", ScalingWeightsCsv.COLUMNS),
    BSC_PARTIES("bsc_parties", BscPartiesCsv.FILE_NAME, "bsc_party", BscPartiesCsv.COLUMNS),
    BM_UNITS("bm_units", BmUnitsCsv.FILE_NAME, "bm_unit", BmUnitsCsv.COLUMNS),
    HH_DEFAULT_EAC("hh_default_eac", HhDefaultEacCsv.FILE_NAME, "hh_default_eac", HhDefaultEacCsv.COLUMNS),
    PROFILE_COEFFICIENTS(
            "profile_coefficients",
            ProfileCoefficientsCsv.FILE_NAME,
            "profile_coefficient",
            ProfileCoefficientsCsv.COLUMNS,
            true),
    LLFC_SITE_SPECIFIC(
            "llfc_site_specific", LlfcSiteSpecificCsv.FILE_NAME, "llfc_site_specific", LlfcSiteSpecificCsv.COLUMNS),
    REGISTRATIONS("registrations", RegistrationsCsv.FILE_NAME, "registration", RegistrationsCsv.COLUMNS, true),
    LLF("llf", null, "llf", List.of()),
    GSP_GROUP_TAKE("gsp_group_take", null, "gsp_group_take", List.of());

    private final String code;
    private final @Nullable String fileName;
    private final @Nullable String parquetFileName;
    private final String table;
    private final List<String> columns;

    ReferenceFileKind(String code, @Nullable String fileName, String table, List<String> columns) {
        this(code, fileName, table, columns, false);
    }

    ReferenceFileKind(String code, @Nullable String fileName, String table, List<String> columns, boolean parquet) {
        this.code = code;
        this.fileName = fileName;
        this.parquetFileName = parquet ? code + ".parquet" : null;
        this.table = table;
        this.columns = columns;
    }

    /** The kind as recorded in {@code reference_load_file.file_kind}. */
    public String code() {
        return code;
    }

    /** The table the kind loads into. */
    public String table() {
        return table;
    }

    /** Whether the kind is a CSV file whose columns are its table's columns. */
    public boolean isCsv() {
        return fileName != null;
    }

    /** The CSV columns (the table's columns after {@code load_version}); empty for D0265 and I029 files. */
    public List<String> columns() {
        return columns;
    }

    /** The conventional file name of a CSV kind. */
    public @Nullable String fileName() {
        return fileName;
    }

    /** The conventional name of the kind's Parquet form, for registrations and profile coefficients. */
    public @Nullable String parquetFileName() {
        return parquetFileName;
    }

    /**
     * The kind of a file, by its name: a CSV's conventional name, a Parquet form's conventional name, or the
     * extension .D0265 or .I029 (any case).
     */
    public static Optional<ReferenceFileKind> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".d0265")) {
            return Optional.of(LLF);
        }
        if (lower.endsWith(".i029")) {
            return Optional.of(GSP_GROUP_TAKE);
        }
        for (ReferenceFileKind k : values()) {
            if (name.equals(k.fileName) || name.equals(k.parquetFileName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
