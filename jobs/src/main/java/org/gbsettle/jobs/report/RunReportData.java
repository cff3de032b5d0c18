package org.gbsettle.jobs.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a run report shows, as read from the database: the run's header and pinned inputs, and its stored outputs
 * summed per GSP group, supplier and period, its data-quality counts and quarantined rows. Energy in MWh, SVA sign
 * (+ import, - export); correction factors as stored (9 dp).
 *
 * @param header the run's identity, state and fingerprints
 * @param supersededRunId the completed run of the same settlement date this run supersedes (the highest run type
 *     rank, then run number, below this run's), or null if there is none
 * @param files the meter-data files of the run's input manifest, with their ingest counts
 * @param groups the run's GSP group partitions with their reference load versions, take and meter row counts
 * @param corrections the stored GSP group correction rows ({@code gsp_group_correction}), by group, period, type
 * @param periodSums the stored supplier and BM unit volumes summed per GSP group and period
 * @param supplierTotals corrected volume per GSP group and supplier, split into import and export CCCs
 * @param dataQuality the day's data-quality counts (period 0) per GSP group and measure
 * @param quarantineCounts quarantined rows of the run and of its files at ingest, per reason and where found
 * @param quarantineExamples up to a few quarantined rows per reason
 */
public record RunReportData(
        Header header,
        @Nullable Long supersededRunId,
        List<InputFile> files,
        List<GroupPartition> groups,
        List<Correction> corrections,
        List<PeriodSums> periodSums,
        List<SupplierTotal> supplierTotals,
        List<DataQuality> dataQuality,
        List<QuarantineCount> quarantineCounts,
        List<QuarantineExample> quarantineExamples) {

    public RunReportData {
        Objects.requireNonNull(header, "header");
        files = List.copyOf(files);
        groups = List.copyOf(groups);
        corrections = List.copyOf(corrections);
        periodSums = List.copyOf(periodSums);
        supplierTotals = List.copyOf(supplierTotals);
        dataQuality = List.copyOf(dataQuality);
        quarantineCounts = List.copyOf(quarantineCounts);
        quarantineExamples = List.copyOf(quarantineExamples);
    }

    /** A settlement run as created and as it ended ({@code settlement_run}). */
    public record Header(
            long runId,
            LocalDate settlementDate,
            String runType,
            String runTypeName,
            int runNumber,
            Instant dataCutoff,
            String status,
            String startedBy,
            String reason,
            Instant createdAt,
            @Nullable Instant completedAt,
            @Nullable String failureMessage,
            String engineVersion,
            String config,
            @Nullable String inputFingerprint,
            @Nullable String outputFingerprint,
            long referenceLoadMax,
            long meterDataFileMax,
            int attempts) {

        public Header {
            Objects.requireNonNull(settlementDate, "settlementDate");
            Objects.requireNonNull(runType, "runType");
            Objects.requireNonNull(runTypeName, "runTypeName");
            Objects.requireNonNull(dataCutoff, "dataCutoff");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(startedBy, "startedBy");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(engineVersion, "engineVersion");
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * A meter-data file the run read (from its input manifest): identity, checksum and receipt, the ingest counts
     * ({@code meter_data_file}: rows read, accepted and rejected; null if the file is no longer registered), the rows
     * of it quarantined at ingest, and the rows of it the run quarantined.
     */
    public record InputFile(
            long fileId,
            String path,
            String sha256,
            String receivedAt,
            @Nullable Long rowsRead,
            @Nullable Long rowsAccepted,
            @Nullable Long rowsRejected,
            long quarantinedAtIngest,
            long quarantinedByRun) {

        public InputFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /**
     * A GSP group partition of the run: its state, the reference load versions and take it read (the partition's
     * input manifest as JSON text, null before it completes), its meter rows read, accepted and quarantined, and the
     * run's quarantine rows stored for the group.
     */
    public record GroupPartition(
            String gspGroup,
            String status,
            @Nullable String referenceLoadVersions,
            @Nullable String take,
            @Nullable Long rowsRead,
            @Nullable Long rowsAccepted,
            @Nullable Long rowsQuarantined,
            long quarantineRows) {

        public GroupPartition {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(status, "status");
        }
    }

    /** One stored row of {@code gsp_group_correction}: a GSP group, period and factor type. */
    public record Correction(
            String gspGroup,
            int period,
            String gcfType,
            BigDecimal gcf,
            BigDecimal takeMwh,
            boolean takeEstimated,
            BigDecimal uncorrectedTotalMwh,
            BigDecimal correctableMwh,
            BigDecimal unallocatedMwh,
            BigDecimal publishedResidualMwh,
            List<String> flags) {

        public Correction {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(gcfType, "gcfType");
            Objects.requireNonNull(gcf, "gcf");
            Objects.requireNonNull(takeMwh, "takeMwh");
            Objects.requireNonNull(uncorrectedTotalMwh, "uncorrectedTotalMwh");
            Objects.requireNonNull(correctableMwh, "correctableMwh");
            Objects.requireNonNull(unallocatedMwh, "unallocatedMwh");
            Objects.requireNonNull(publishedResidualMwh, "publishedResidualMwh");
            flags = List.copyOf(flags);
        }
    }

    /**
     * The stored volumes of a GSP group and period, summed: from {@code supplier_volume} the uncorrected, exact
     * corrected and published corrected totals, the row count and the sum of |weight x uncorrected| (which bounds
     * the correctable volume); from {@code bm_unit_volume} the BMUADV total and row count.
     */
    public record PeriodSums(
            String gspGroup,
            int period,
            BigDecimal uncorrectedMwh,
            BigDecimal correctedExactMwh,
            BigDecimal correctedMwh,
            long supplierRows,
            BigDecimal weightedAbsMwh,
            BigDecimal bmuadvMwh,
            long bmUnitRows) {

        public PeriodSums {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(uncorrectedMwh, "uncorrectedMwh");
            Objects.requireNonNull(correctedExactMwh, "correctedExactMwh");
            Objects.requireNonNull(correctedMwh, "correctedMwh");
            Objects.requireNonNull(weightedAbsMwh, "weightedAbsMwh");
            Objects.requireNonNull(bmuadvMwh, "bmuadvMwh");
        }
    }

    /**
     * A supplier's published corrected volume in a GSP group over the day: on import CCCs (AI), on export CCCs (AE,
     * negative) and in all, and its uncorrected total.
     */
    public record SupplierTotal(
            String gspGroup,
            String supplierId,
            BigDecimal importMwh,
            BigDecimal exportMwh,
            BigDecimal netMwh,
            BigDecimal uncorrectedMwh) {

        public SupplierTotal {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(supplierId, "supplierId");
            Objects.requireNonNull(importMwh, "importMwh");
            Objects.requireNonNull(exportMwh, "exportMwh");
            Objects.requireNonNull(netMwh, "netMwh");
            Objects.requireNonNull(uncorrectedMwh, "uncorrectedMwh");
        }
    }

    /** A day total (period 0) of {@code data_quality}: a GSP group, a measure, its count and MWh at the meter. */
    public record DataQuality(String gspGroup, String measure, long count, BigDecimal mwh) {

        public DataQuality {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(mwh, "mwh");
        }
    }

    /**
     * Quarantined rows of one reason found in one place: {@code ingest} (the run's files, when registered), a GSP
     * group of the run, or {@code no group} (the run's rows registered in no GSP group).
     */
    public record QuarantineCount(String reason, String foundBy, long rows) {

        public QuarantineCount {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(foundBy, "foundBy");
        }
    }

    /** One quarantined row: where it was found, its file and row, MPAN, period, field, value, reason and detail. */
    public record QuarantineExample(
            String reason,
            String foundBy,
            String file,
            @Nullable Long rowNumber,
            @Nullable Long mpan,
            @Nullable Integer period,
            String field,
            @Nullable String value,
            @Nullable String detail) {

        public QuarantineExample {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(foundBy, "foundBy");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(field, "field");
        }
    }
}
