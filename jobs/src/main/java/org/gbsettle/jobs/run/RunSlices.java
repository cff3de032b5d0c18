package org.gbsettle.jobs.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.slice.SplitPlanner;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The GSP groups a settlement run cut into MPAN-range slices, and the slices' partial results ({@code run_group_slice},
 * migration V0026): the plan, written once by the run's first preparation; each slice's load-shape sample and
 * calculated slice, written by the {@code sample} and {@code calculate} steps; read back by the {@code combine} step.
 * The engine's bytes carry their own format version and CRC-32C ({@code ShapeSample.toBytes}, {@code
 * GroupSlice.toBytes}); the rows the Parquet reader rejected and those registered in no group, which the engine never
 * sees, are framed here ({@link ReaderRows#toBytes}).
 */
@Component
class RunSlices {

    private final JdbcClient jdbc;

    RunSlices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One slice of a run's GSP group and what was computed for it so far.
     *
     * @param sample the slice's {@code ShapeSample} bytes, or null until its sample pass
     * @param slice the slice's {@code GroupSlice} bytes, or null until it is calculated
     * @param readerRows {@link ReaderRows#toBytes} of the slice, with {@code slice}
     * @param meterRowsRead meter-data rows of the slice read (accepted by the reader or rejected), with {@code slice}
     */
    public record Slice(
            String group,
            int piece,
            int pieces,
            MpanRange range,
            long weight,
            byte @Nullable [] sample,
            byte @Nullable [] slice,
            byte @Nullable [] readerRows,
            long meterRowsRead) {

        /** The partition's name, as the engine's planner gives it: {@code _A#2of5}. */
        public String name() {
            return group + "#" + piece + "of" + pieces;
        }
    }

    /** Stores the cut groups of a plan (whole groups have no rows). */
    public void savePlan(long runId, SplitPlanner.SplitPlan plan) {
        for (SplitPlanner.Partition p : plan.partitions()) {
            if (p.whole()) {
                continue;
            }
            jdbc.sql("""
                            INSERT INTO run_group_slice (run_id, gsp_group, piece, pieces, mpan_from, mpan_to, weight)
                            VALUES (:run, :group, :piece, :pieces, :from, :to, :weight)
                            """)
                    .param("run", runId)
                    .param("group", p.group())
                    .param("piece", p.piece())
                    .param("pieces", p.pieces())
                    .param("from", p.range().from())
                    .param("to", p.range().to())
                    .param("weight", p.weight())
                    .update();
        }
    }

    /** The run's slices by GSP group, in group and piece order; without their bytes. */
    public Map<String, List<Slice>> plan(long runId) {
        Map<String, List<Slice>> out = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT gsp_group, piece, pieces, mpan_from, mpan_to, weight, NULL, NULL, NULL, 0
                          FROM run_group_slice WHERE run_id = :run ORDER BY gsp_group, piece
                        """)
                .param("run", runId)
                .query(RunSlices::slice)
                .list()
                .forEach(s ->
                        out.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s));
        return out;
    }

    /** A run's GSP group's slices with their bytes, in piece order. */
    public List<Slice> of(long runId, String group) {
        return select(runId, group, 0);
    }

    /** One slice with its bytes. */
    public Slice get(long runId, String group, int piece) {
        return select(runId, group, piece).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "run " + runId + ": GSP group " + group + " has no slice " + piece + " in its plan"));
    }

    /** A group's slices with their bytes, or only piece {@code piece} if it is not 0. */
    private List<Slice> select(long runId, String group, int piece) {
        return jdbc.sql("""
                        SELECT gsp_group, piece, pieces, mpan_from, mpan_to, weight, sample, slice, reader_rows,
                               coalesce(meter_rows_read, 0)
                          FROM run_group_slice
                         WHERE run_id = :run AND gsp_group = :group AND (:piece = 0 OR piece = :piece)
                         ORDER BY piece
                        """)
                .param("run", runId)
                .param("group", group)
                .param("piece", piece)
                .query(RunSlices::slice)
                .list();
    }

    /** A slice from its row: group, piece, pieces, MPAN from and to, weight, sample, slice, reader rows, rows read. */
    private static Slice slice(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Slice(
                rs.getString(1),
                rs.getInt(2),
                rs.getInt(3),
                MpanRange.of(rs.getLong(4), rs.getLong(5)),
                rs.getLong(6),
                rs.getBytes(7),
                rs.getBytes(8),
                rs.getBytes(9),
                rs.getLong(10));
    }

    /** Stores a slice's load-shape sample (replacing one stored before: a retry stores the same bytes). */
    public void saveSample(long runId, String group, int piece, byte[] sample) {
        jdbc.sql("""
                        UPDATE run_group_slice SET sample = :sample, sample_at = now()
                         WHERE run_id = :run AND gsp_group = :group AND piece = :piece
                        """)
                .param("sample", sample)
                .param("run", runId)
                .param("group", group)
                .param("piece", piece)
                .update();
    }

    /** Stores a calculated slice (replacing one stored before: a retry stores the same bytes). */
    public void saveSlice(
            long runId, String group, int piece, byte[] slice, byte[] readerRows, long meterRowsRead, String by) {
        jdbc.sql("""
                        UPDATE run_group_slice SET slice = :slice, reader_rows = :rows, meter_rows_read = :read,
                               calculated_by = :by, calculated_at = now()
                         WHERE run_id = :run AND gsp_group = :group AND piece = :piece
                        """)
                .param("slice", slice)
                .param("rows", readerRows)
                .param("read", meterRowsRead)
                .param("by", by)
                .param("run", runId)
                .param("group", group)
                .param("piece", piece)
                .update();
    }

    /**
     * Forgets what was computed for a group's slices (their plan stays): after the combine refused them, so that the
     * group's next attempt computes both passes again.
     */
    public void clear(long runId, String group) {
        jdbc.sql("""
                        UPDATE run_group_slice SET sample = NULL, sample_at = NULL, slice = NULL, reader_rows = NULL,
                               meter_rows_read = NULL, calculated_by = NULL, calculated_at = NULL
                         WHERE run_id = :run AND gsp_group = :group
                        """).param("run", runId).param("group", group).update();
    }

    /** Drops the bytes of a complete run's slices (derived data: the outputs and fingerprints are the record). */
    public int clearBytes(long runId) {
        return jdbc.sql("""
                        UPDATE run_group_slice SET sample = NULL, slice = NULL, reader_rows = NULL
                         WHERE run_id = :run AND (sample IS NOT NULL OR slice IS NOT NULL)
                        """).param("run", runId).update();
    }

    /**
     * The rows of a slice that the engine never sees: those the Parquet reader rejected, and those registered in no GSP
     * group that the slice quarantines; stored with the slice so that the combine writes them without reading meter
     * data.
     */
    public record ReaderRows(List<RunMeterData.Rejection> rejected, List<QuarantineOutput> unassigned) {

        private static final int MAGIC = 0x47425252; // "GBRR"

        /** The format of {@link #toBytes}; {@link #parse} refuses another. */
        static final int FORMAT_VERSION = 1;

        public ReaderRows {
            rejected = List.copyOf(rejected);
            unassigned = List.copyOf(unassigned);
        }

        /** Magic, format version, deflated payload, CRC-32C of the payload ({@link Framing}). */
        public byte[] toBytes() {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(payload))) {
                out.writeInt(rejected.size());
                for (RunMeterData.Rejection r : rejected) {
                    write(out, r.row());
                    out.writeLong(r.wh());
                }
                out.writeInt(unassigned.size());
                for (QuarantineOutput q : unassigned) {
                    write(out, q);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot happen in memory", e);
            }
            return Framing.frame(MAGIC, FORMAT_VERSION, payload.toByteArray());
        }

        /**
         * Reads {@link #toBytes}.
         *
         * @throws IllegalArgumentException if the bytes are not of this format and version, or corrupt
         */
        public static ReaderRows parse(byte[] bytes) {
            byte[] payload = Framing.unframe(MAGIC, FORMAT_VERSION, bytes, "slice reader rows");
            try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(payload)))) {
                int n = in.readInt();
                List<RunMeterData.Rejection> rejected = new ArrayList<>(Math.min(n, 1 << 16));
                for (int i = 0; i < n; i++) {
                    QuarantineOutput q = read(in);
                    rejected.add(new RunMeterData.Rejection(q, in.readLong()));
                }
                int m = in.readInt();
                List<QuarantineOutput> unassigned = new ArrayList<>(Math.min(m, 1 << 16));
                for (int i = 0; i < m; i++) {
                    unassigned.add(read(in));
                }
                if (in.read() != -1) {
                    throw new IllegalArgumentException("slice reader rows have trailing bytes");
                }
                return new ReaderRows(rejected, unassigned);
            } catch (IOException e) {
                throw new IllegalArgumentException("slice reader rows are truncated or corrupt: " + e, e);
            }
        }

        private static void write(DataOutputStream out, QuarantineOutput q) throws IOException {
            out.writeLong(q.fileId());
            string(out, q.filePath());
            out.writeLong(q.rowNumber());
            out.writeLong(q.mpan());
            out.writeInt(q.period());
            string(out, q.field());
            string(out, q.value());
            string(out, q.reason());
            string(out, q.detail());
        }

        private static void string(DataOutputStream out, String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        private static String string(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > (1 << 24)) {
                throw new IOException("string of " + n + " bytes");
            }
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new IOException("string cut short");
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        private static QuarantineOutput read(DataInputStream in) throws IOException {
            return new QuarantineOutput(
                    in.readLong(),
                    string(in),
                    in.readLong(),
                    in.readLong(),
                    in.readInt(),
                    string(in),
                    string(in),
                    string(in),
                    string(in));
        }
    }
}
