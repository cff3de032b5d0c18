package org.gbsettle.jobs.diff;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run diff as CSV: a header row, then one row per {@link RunDiffRow} with the columns of the {@code run_diff}
 * table ({@code run_id, against_run_id, gsp_group, supplier_id, bm_unit_id, ccc_id, settlement_period, against_mwh,
 * run_mwh, total_change_mwh}, the cause columns, {@code rounding_mwh, main_cause}); MWh as plain decimals with 4 dp,
 * UTF-8, {@code \n} line ends. No value needs quoting (ids, numbers and cause names only).
 */
public final class RunDiffCsv {

    private RunDiffCsv() {}

    /** The header's columns, in order. */
    public static List<String> header() {
        List<String> h = new ArrayList<>(List.of(
                "run_id",
                "against_run_id",
                "gsp_group",
                "supplier_id",
                "bm_unit_id",
                "ccc_id",
                "settlement_period",
                "against_mwh",
                "run_mwh",
                "total_change_mwh"));
        Cause.ALL.forEach(c -> h.add(c.column()));
        h.add("rounding_mwh");
        h.add("main_cause");
        return h;
    }

    /** Writes {@code diff} to {@code file} (replacing it), creating its folder if needed. */
    public static void write(RunDiff diff, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(String.join(",", header()));
                w.write('\n');
                for (RunDiffRow r : diff.rows()) {
                    List<String> v = new ArrayList<>();
                    v.add(Long.toString(diff.run().runId()));
                    v.add(Long.toString(diff.against().runId()));
                    v.add(r.gspGroup());
                    v.add(r.supplierId());
                    v.add(r.bmUnitId());
                    v.add(Integer.toString(r.cccId()));
                    v.add(Integer.toString(r.period()));
                    v.add(plain(r.againstMwh()));
                    v.add(plain(r.runMwh()));
                    v.add(plain(r.totalChangeMwh()));
                    r.parts().forEach(p -> v.add(plain(p)));
                    v.add(plain(r.roundingMwh()));
                    Cause main = r.mainCause();
                    v.add(main == null ? "" : main.name());
                    w.write(String.join(",", v));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new org.gbsettle.jobs.GbSettleException(
                    "cannot write the run diff to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String plain(BigDecimal v) {
        return v.setScale(4, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
