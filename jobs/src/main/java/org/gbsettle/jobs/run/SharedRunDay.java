package org.gbsettle.jobs.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.gbsettle.engine.reference.GspGroup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a run's preparation found that its remote workers need to read their share of the day without repeating it
 * ({@code run_group_mpans}, migration V0028): each GSP group's distinct MPANs registered on the date. From them a
 * worker knows which row groups each group reads and which rows are registered in no group, and reads the
 * registrations of only the groups it calculates ({@link RunMeterData#dayForPartitions}).
 */
@Component
class SharedRunDay {

    private static final int MAGIC = 0x47424d50; // "GBMP"

    /** The format of {@link #encode}; {@link #decode} refuses another. */
    static final int FORMAT_VERSION = 1;

    private final JdbcClient jdbc;

    SharedRunDay(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores (replaces) the run's groups' MPANs; in the caller's transaction. */
    void save(long runId, List<GspGroup> groups, List<long[]> mpans) {
        jdbc.sql("DELETE FROM run_group_mpans WHERE run_id = :run")
                .param("run", runId)
                .update();
        for (int g = 0; g < groups.size(); g++) {
            jdbc.sql("""
                            INSERT INTO run_group_mpans (run_id, gsp_group, metering_systems, mpans)
                            VALUES (:run, :group, :n, :mpans)
                            """)
                    .param("run", runId)
                    .param("group", groups.get(g).id())
                    .param("n", mpans.get(g).length)
                    .param("mpans", encode(mpans.get(g)))
                    .update();
        }
    }

    /** The run's groups' MPANs in GSP group order, or an empty map if its preparation stored none. */
    Map<GspGroup, long[]> load(long runId) {
        Map<GspGroup, long[]> out = new LinkedHashMap<>();
        jdbc.sql("SELECT gsp_group, mpans FROM run_group_mpans WHERE run_id = :run ORDER BY gsp_group")
                .param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    out.put(GspGroup.of(rs.getString(1)), decode(rs.getBytes(2)));
                });
        return out;
    }

    /** Drops what was stored for a run (at its completion). */
    void clear(long runId) {
        jdbc.sql("DELETE FROM run_group_mpans WHERE run_id = :run")
                .param("run", runId)
                .update();
    }

    /**
     * Ascending distinct MPANs as magic, format version, the deflated count and varint deltas, and a CRC-32C of that
     * payload: about 3 bytes an MPAN before deflating for a group of millions.
     */
    static byte[] encode(long[] ascending) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out =
                new DataOutputStream(new java.io.BufferedOutputStream(new DeflaterOutputStream(payload), 1 << 16))) {
            out.writeInt(ascending.length);
            long last = 0;
            for (int i = 0; i < ascending.length; i++) {
                long v = ascending[i];
                if (i > 0 && v <= last) {
                    throw new IllegalArgumentException("MPANs not ascending at " + i + ": " + last + ", " + v);
                }
                varLong(out, i == 0 ? v : v - last);
                last = v;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        return Framing.frame(MAGIC, FORMAT_VERSION, payload.toByteArray());
    }

    /**
     * Reads {@link #encode}.
     *
     * @throws IllegalArgumentException if the bytes are not of this format and version, or corrupt
     */
    static long[] decode(byte[] bytes) {
        byte[] payload = Framing.unframe(MAGIC, FORMAT_VERSION, bytes, "stored MPANs");
        try (DataInputStream in = new DataInputStream(
                new java.io.BufferedInputStream(new InflaterInputStream(new ByteArrayInputStream(payload)), 1 << 16))) {
            int n = in.readInt();
            if (n < 0) {
                throw new IllegalArgumentException("stored MPANs: count " + n);
            }
            long[] out = new long[n];
            long last = 0;
            for (int i = 0; i < n; i++) {
                long d = varLong(in);
                last = i == 0 ? d : Math.addExact(last, d);
                out[i] = last;
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("stored MPANs have trailing bytes");
            }
            return out;
        } catch (IOException | ArithmeticException e) {
            throw new IllegalArgumentException("stored MPANs are truncated or corrupt: " + e, e);
        }
    }

    private static void varLong(OutputStream out, long v) throws IOException {
        long z = (v << 1) ^ (v >> 63); // zig-zag: the first MPAN may be any value
        while ((z & ~0x7fL) != 0) {
            out.write((int) ((z & 0x7f) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
    }

    private static long varLong(InputStream in) throws IOException {
        long z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("varint cut short");
            }
            z |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (z >>> 1) ^ -(z & 1);
            }
        }
        throw new IOException("varint longer than 10 bytes");
    }
}
