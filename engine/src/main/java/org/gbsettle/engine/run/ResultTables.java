package org.gbsettle.engine.run;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gbsettle.engine.metering.Mpan;

/**
 * The canonical text form of a {@link RunResult}: one CSV per output table, {@code ,} separated, header row, LF line
 * endings, rows in key order, MWh published values with 4 dp, factors with 9 dp, exact values in plain notation
 * without trailing zeros. Golden scenario files and run fingerprints are made from these bytes.
 */
public final class ResultTables {

    private final Map<String, String> tables;

    private ResultTables(Map<String, String> tables) {
        this.tables = tables;
    }

    static ResultTables of(RunResult r) {
        Map<String, String> t = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder(
                "supplier_id,bm_unit_id,ccc_id,settlement_period,uncorrected_mwh,weight,factor,corrected_exact_mwh,"
                        + "corrected_mwh\n");
        for (SupplierVolume v : r.supplierVolumes()) {
            sb.append(v.supplier())
                    .append(',')
                    .append(v.bmUnit())
                    .append(',')
                    .append(v.cccId())
                    .append(',')
                    .append(v.period())
                    .append(',')
                    .append(plain(v.uncorrectedMwh()))
                    .append(',')
                    .append(plain(v.weight()))
                    .append(',')
                    .append(plain(v.factor()))
                    .append(',')
                    .append(plain(v.correctedExactMwh()))
                    .append(',')
                    .append(v.correctedMwh().toPlainString())
                    .append('\n');
        }
        t.put("supplier_volume.csv", sb.toString());

        sb = new StringBuilder("supplier_id,bm_unit_id,settlement_period,exact_mwh,bmuadv_mwh\n");
        for (BmUnitVolume v : r.bmUnitVolumes()) {
            sb.append(v.supplier())
                    .append(',')
                    .append(v.bmUnit())
                    .append(',')
                    .append(v.period())
                    .append(',')
                    .append(plain(v.exactMwh()))
                    .append(',')
                    .append(v.bmuadvMwh().toPlainString())
                    .append('\n');
        }
        t.put("bm_unit_volume.csv", sb.toString());

        sb = new StringBuilder("settlement_period,gcf_type,gcf,gsp_group_take_mwh,take_estimated,uncorrected_total_mwh,"
                + "correctable_mwh,unallocated_mwh,published_residual_mwh,flags\n");
        for (GspGroupCorrection c : r.corrections()) {
            sb.append(c.period())
                    .append(',')
                    .append(c.gcfType())
                    .append(',')
                    .append(c.gcf().toPlainString())
                    .append(',')
                    .append(c.takeMwh().toPlainString())
                    .append(',')
                    .append(c.takeEstimated())
                    .append(',')
                    .append(plain(c.uncorrectedTotalMwh()))
                    .append(',')
                    .append(plain(c.correctableMwh()))
                    .append(',')
                    .append(plain(c.unallocatedMwh()))
                    .append(',')
                    .append(plain(c.publishedResidualMwh()))
                    .append(',')
                    .append(String.join(";", c.flags()))
                    .append('\n');
        }
        t.put("gsp_group_correction.csv", sb.toString());

        sb = new StringBuilder("settlement_period,measure,count,mwh\n");
        for (DataQualityCount c : r.dataQuality()) {
            sb.append(c.period())
                    .append(',')
                    .append(c.measure())
                    .append(',')
                    .append(c.count())
                    .append(',')
                    .append(c.mwh().toPlainString())
                    .append('\n');
        }
        t.put("data_quality.csv", sb.toString());

        sb = new StringBuilder("code,mpan,settlement_period,message\n");
        for (CalculationIssue i : r.issues()) {
            sb.append(i.code())
                    .append(',')
                    .append(i.mpan() == null ? "" : Mpan.format(i.mpan()))
                    .append(',')
                    .append(i.period())
                    .append(',')
                    .append(csv(i.message()))
                    .append('\n');
        }
        t.put("calculation_issues.csv", sb.toString());

        sb = new StringBuilder("row_id,mpan,settlement_period,field,value,reason\n");
        for (QuarantinedRead q : r.quarantine()) {
            sb.append(q.rowId())
                    .append(',')
                    .append(Mpan.format(Math.max(0, q.mpan())))
                    .append(',')
                    .append(q.period())
                    .append(',')
                    .append(q.field())
                    .append(',')
                    .append(csv(q.value()))
                    .append(',')
                    .append(q.reason())
                    .append('\n');
        }
        t.put("quarantine.csv", sb.toString());
        return new ResultTables(t);
    }

    /** Table file names to CSV text, in a fixed order. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(tables);
    }

    /** One table's CSV text, by file name (e.g. {@code bm_unit_volume.csv}). */
    public String table(String name) {
        String t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("No result table " + name + "; tables are " + tables.keySet());
        }
        return t;
    }

    /** SHA-256 over every table's name and bytes, hex: the output fingerprint of the run. */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (var e : tables.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                ? '"' + s.replace("\"", "\"\"") + '"'
                : s;
    }
}
