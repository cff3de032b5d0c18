package org.gbsettle.refdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.GspGroupInfo;
import org.gbsettle.engine.reference.HhDefaultEac;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.refdata.csv.CccCsv;
import org.gbsettle.refdata.csv.GspGroupsCsv;
import org.gbsettle.refdata.csv.HhDefaultEacCsv;
import org.gbsettle.refdata.csv.ScalingWeightsCsv;

/**
 * The reference files shipped on the classpath under {@code org/gbsettle/refdata/} (see the README there): the
 * fourteen GSP groups, the legacy consumption component classes, and illustrative scaling weights and HH default EACs
 * (illustrative values, not MDD's). Parsed once, on first use.
 */
public final class ShippedReferenceData {

    /** The classpath folder of the shipped files. */
    public static final String RESOURCE_DIR = "/org/gbsettle/refdata/";

    private ShippedReferenceData() {}

    /** Parsed on first use of any of them. */
    private static final class Holder {
        static final List<GspGroupInfo> GSP_GROUPS = load(GspGroupsCsv.FILE_NAME, GspGroupsCsv::parse);
        static final List<ConsumptionComponentClass> CCCS = load(CccCsv.FILE_NAME, CccCsv::parse);
        static final List<ScalingWeight> WEIGHTS = load(ScalingWeightsCsv.FILE_NAME, ScalingWeightsCsv::parse);
        static final List<HhDefaultEac> HH_DEFAULT_EACS = load(HhDefaultEacCsv.FILE_NAME, HhDefaultEacCsv::parse);
        static final String VERSION = "shipped:sha256:"
                + digest(
                        GspGroupsCsv.FILE_NAME,
                        CccCsv.FILE_NAME,
                        ScalingWeightsCsv.FILE_NAME,
                        HhDefaultEacCsv.FILE_NAME);
    }

    /** The fourteen GSP groups (domain.md §6.1). */
    public static List<GspGroupInfo> gspGroups() {
        return Holder.GSP_GROUPS;
    }

    /** The legacy consumption component classes (domain.md §6.2). */
    public static List<ConsumptionComponentClass> consumptionComponentClasses() {
        return Holder.CCCS;
    }

    /** Illustrative scaling weights: 1 on NHH classes and HH estimates, 0 on HH actuals. Not MDD values. */
    public static List<ScalingWeight> scalingWeights() {
        return Holder.WEIGHTS;
    }

    /** Illustrative HH default EACs per measurement class. Not MDD values. */
    public static List<HhDefaultEac> hhDefaultEacs() {
        return Holder.HH_DEFAULT_EACS;
    }

    /** The shipped files as reference data (no BM units, LLFs or coefficients), version {@code shipped:sha256:...}. */
    public static ReferenceData referenceData() {
        return ReferenceData.builder()
                .gspGroups(gspGroups())
                .consumptionComponentClasses(consumptionComponentClasses())
                .scalingWeights(scalingWeights())
                .hhDefaultEacs(hhDefaultEacs())
                .version(Holder.VERSION)
                .build();
    }

    /**
     * Opens a shipped file by name, UTF-8.
     *
     * @throws IllegalArgumentException if there is no such file
     */
    public static Reader open(String fileName) {
        InputStream in = ShippedReferenceData.class.getResourceAsStream(RESOURCE_DIR + fileName);
        if (in == null) {
            throw new IllegalArgumentException("No shipped reference file " + RESOURCE_DIR + fileName);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static <T> T load(String fileName, BiFunction<Reader, String, T> parser) {
        try (Reader r = open(fileName)) {
            return parser.apply(r, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read shipped reference file " + fileName, e);
        }
    }

    private static String digest(String... fileNames) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : fileNames) {
                try (InputStream in = ShippedReferenceData.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IllegalArgumentException("No shipped reference file " + RESOURCE_DIR + name);
                    }
                    md.update(name.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
