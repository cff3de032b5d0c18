package org.gbsettle.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The CSV bundle of a run report: the tables the page shows, one RFC 4180 file each (header row, CRLF, UTF-8), with
 * exact values (decimals in plain notation without trailing zeros, MWh in SVA sign, correction factors as stored) so
 * they can be compared with the database.
 *
 * <p>Files: {@code run.csv} (field, value), {@code meter_data_files.csv}, {@code gsp_group_inputs.csv},
 * {@code gsp_group_totals.csv}, {@code supplier_totals.csv}, {@code gsp_group_periods.csv} (one row per GSP group,
 * period and factor type: the chart data with the stored volume sums), {@code data_quality.csv},
 * {@code quarantine_counts.csv}, {@code quarantine_examples.csv}, {@code conservation_checks.csv},
 * {@code conservation_breaches.csv} and {@code diff_summary.csv}.
 */
final class RunReportCsv {

    private RunReportCsv() {}

    /** The bundle's files of {@code report}: file name to CSV text, in the order above. */
    static Map<String, String> files(RunReport report) {
        RunReportData data = report.data();
        RunReportData.Header h = data.header();
        Map<String, String> files = new LinkedHashMap<>();

        List<List<@Nullable Object>> run = new ArrayList<>();
        run.add(row("run_id", h.runId()));
        run.add(row("settlement_date", h.settlementDate()));
        run.add(row("period_count", ConservationChecks.periodCount(h.settlementDate())));
        run.add(row("run_type", h.runType()));
        run.add(row("run_number", h.runNumber()));
        run.add(row("data_cutoff", h.dataCutoff()));
        run.add(row("status", h.status()));
        run.add(row("started_by", h.startedBy()));
        run.add(row("reason", h.reason()));
        run.add(row("created_at", h.createdAt()));
        run.add(row("completed_at", h.completedAt()));
        run.add(row("failure_message", h.failureMessage()));
        run.add(row("attempts", h.attempts()));
        run.add(row("engine_version", h.engineVersion()));
        run.add(row("config", h.config()));
        run.add(row("input_fingerprint", h.inputFingerprint()));
        run.add(row("output_fingerprint", h.outputFingerprint()));
        run.add(row("reference_load_max", h.referenceLoadMax()));
        run.add(row("meter_data_file_max", h.meterDataFileMax()));
        run.add(row("supersedes_run_id", data.supersededRunId()));
        files.put("run.csv", csv(List.of("field", "value"), run));

        files.put(
                "meter_data_files.csv",
                csv(
                        List.of(
                                "file_id",
                                "path",
                                "sha256",
                                "received_at",
                                "rows_read",
                                "rows_accepted",
                                "rows_rejected",
                                "quarantined_at_ingest",
                                "quarantined_by_run"),
                        data.files().stream()
                                .map(f -> row(
                                        f.fileId(),
                                        f.path(),
                                        f.sha256(),
                                        f.receivedAt(),
                                        f.rowsRead(),
                                        f.rowsAccepted(),
                                        f.rowsRejected(),
                                        f.quarantinedAtIngest(),
                                        f.quarantinedByRun()))
                                .toList()));
        files.put(
                "gsp_group_inputs.csv",
                csv(
                        List.of(
                                "gsp_group",
                                "status",
                                "reference_load_versions",
                                "take",
                                "meter_rows_read",
                                "meter_rows_accepted",
                                "meter_rows_quarantined",
                                "quarantine_rows"),
                        data.groups().stream()
                                .map(g -> row(
                                        g.gspGroup(),
                                        g.status(),
                                        g.referenceLoadVersions(),
                                        g.take(),
                                        g.rowsRead(),
                                        g.rowsAccepted(),
                                        g.rowsQuarantined(),
                                        g.quarantineRows()))
                                .toList()));
        files.put(
                "gsp_group_totals.csv",
                csv(
                        List.of(
                                "gsp_group",
                                "periods",
                                "take_mwh",
                                "uncorrected_mwh",
                                "corrected_mwh",
                                "import_mwh",
                                "export_mwh",
                                "bmuadv_mwh",
                                "gcf_lowest",
                                "gcf_highest",
                                "flagged_periods"),
                        report.groupTotals().stream()
                                .map(g -> row(
                                        g.gspGroup(),
                                        g.periods(),
                                        g.takeMwh(),
                                        g.uncorrectedMwh(),
                                        g.correctedMwh(),
                                        g.importMwh(),
                                        g.exportMwh(),
                                        g.bmuadvMwh(),
                                        g.cfLowest(),
                                        g.cfHighest(),
                                        flags(g.flaggedPeriods())))
                                .toList()));
        files.put(
                "supplier_totals.csv",
                csv(
                        List.of("gsp_group", "supplier_id", "import_mwh", "export_mwh", "net_mwh", "uncorrected_mwh"),
                        data.supplierTotals().stream()
                                .map(s -> row(
                                        s.gspGroup(),
                                        s.supplierId(),
                                        s.importMwh(),
                                        s.exportMwh(),
                                        s.netMwh(),
                                        s.uncorrectedMwh()))
                                .toList()));
        files.put("gsp_group_periods.csv", periods(data));
        files.put(
                "data_quality.csv",
                csv(
                        List.of("gsp_group", "measure", "count", "mwh"),
                        data.dataQuality().stream()
                                .map(d -> row(d.gspGroup(), d.measure(), d.count(), d.mwh()))
                                .toList()));
        files.put(
                "quarantine_counts.csv",
                csv(
                        List.of("reason", "found_by", "rows"),
                        data.quarantineCounts().stream()
                                .map(q -> row(q.reason(), q.foundBy(), q.rows()))
                                .toList()));
        files.put(
                "quarantine_examples.csv",
                csv(
                        List.of(
                                "reason",
                                "found_by",
                                "file",
                                "row_number",
                                "mpan",
                                "settlement_period",
                                "field",
                                "value",
                                "detail"),
                        data.quarantineExamples().stream()
                                .map(q -> row(
                                        q.reason(),
                                        q.foundBy(),
                                        q.file(),
                                        q.rowNumber(),
                                        q.mpan(),
                                        q.period(),
                                        q.field(),
                                        q.value(),
                                        q.detail()))
                                .toList()));
        files.put(
                "conservation_checks.csv",
                csv(
                        List.of("check", "rule", "cases", "breaches", "result"),
                        report.checks().checks().stream()
                                .map(c ->
                                        row(c.name(), c.rule(), c.cases(), c.breaches(), c.passed() ? "PASS" : "FAIL"))
                                .toList()));
        files.put(
                "conservation_breaches.csv",
                csv(
                        List.of("check", "where", "detail"),
                        report.checks().breaches().stream()
                                .map(b -> row(b.check(), b.where(), b.detail()))
                                .toList()));
        RunDiffSummary.Summary diff = report.diff();
        files.put(
                "diff_summary.csv",
                csv(
                        List.of("against_run_id", "supplier_id", "gsp_group", "change_mwh", "main_cause", "note"),
                        diff.largestMovers().isEmpty()
                                ? List.of(row(diff.againstRunId(), null, null, null, null, diff.note()))
                                : diff.largestMovers().stream()
                                        .map(m -> row(
                                                diff.againstRunId(),
                                                m.supplierId(),
                                                m.gspGroup(),
                                                m.changeMwh(),
                                                m.mainCause(),
                                                diff.note()))
                                        .toList()));
        return files;
    }

    private static String periods(RunReportData data) {
        Map<String, RunReportData.PeriodSums> sums = new LinkedHashMap<>();
        data.periodSums().forEach(s -> sums.put(s.gspGroup() + "#" + s.period(), s));
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (RunReportData.Correction c : data.corrections()) {
            RunReportData.PeriodSums s = sums.get(c.gspGroup() + "#" + c.period());
            rows.add(row(
                    c.gspGroup(),
                    c.period(),
                    c.gcfType(),
                    c.gcf(),
                    c.takeMwh(),
                    c.takeEstimated(),
                    c.uncorrectedTotalMwh(),
                    c.correctableMwh(),
                    c.unallocatedMwh(),
                    c.publishedResidualMwh(),
                    s == null ? BigDecimal.ZERO : s.correctedExactMwh(),
                    s == null ? BigDecimal.ZERO : s.correctedMwh(),
                    s == null ? BigDecimal.ZERO : s.bmuadvMwh(),
                    String.join(";", c.flags())));
        }
        return csv(
                List.of(
                        "gsp_group",
                        "settlement_period",
                        "gcf_type",
                        "gcf",
                        "take_mwh",
                        "take_estimated",
                        "uncorrected_total_mwh",
                        "correctable_mwh",
                        "unallocated_mwh",
                        "published_residual_mwh",
                        "corrected_exact_total_mwh",
                        "corrected_total_mwh",
                        "bmuadv_total_mwh",
                        "flags"),
                rows);
    }

    private static String flags(Map<String, Integer> flagged) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(flagged).forEach((flag, n) -> parts.add(flag + "=" + n));
        return String.join(";", parts);
    }

    private static List<@Nullable Object> row(@Nullable Object... values) {
        List<@Nullable Object> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(v);
        }
        return row;
    }

    /** RFC 4180 text: the header, then the rows; null is an empty field, decimals plain without trailing zeros. */
    static String csv(List<String> header, List<? extends List<@Nullable Object>> rows) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(sb, CSVFormat.RFC4180)) {
            printer.printRecord(header);
            for (List<@Nullable Object> row : rows) {
                List<@Nullable String> cells = new ArrayList<>(row.size());
                for (Object v : row) {
                    cells.add(cell(v));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static @Nullable String cell(@Nullable Object value) {
        if (value instanceof BigDecimal d) {
            return ConservationChecks.plain(d);
        }
        return value == null ? null : Objects.toString(value);
    }
}
