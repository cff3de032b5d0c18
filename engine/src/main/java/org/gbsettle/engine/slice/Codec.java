package org.gbsettle.engine.slice;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form shared by {@link GroupSlice} and {@link ShapeSample}: a 4-byte magic, a 2-byte format version, the
 * payload's length and its deflated bytes, then a CRC-32C of everything before it. Numbers are big-endian; longs
 * zig-zag varints (small counts take one byte), strings UTF-8 with a varint length.
 */
final class Codec {

    private Codec() {}

    /** A growable payload writer. */
    static final class Writer {
        private byte[] buf = new byte[256];
        private int size;

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        Writer varLong(long v) {
            long z = (v << 1) ^ (v >> 63);
            ensure(10);
            while ((z & ~0x7FL) != 0) {
                buf[size++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            buf[size++] = (byte) z;
            return this;
        }

        Writer varInt(int v) {
            return varLong(v);
        }

        Writer bool(boolean v) {
            ensure(1);
            buf[size++] = (byte) (v ? 1 : 0);
            return this;
        }

        Writer string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return this;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** A payload reader; every read past the end or malformed value is an {@link IllegalArgumentException}. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] payload) {
            this.in = ByteBuffer.wrap(payload);
        }

        long varLong() {
            long z = 0;
            int shift = 0;
            try {
                while (true) {
                    byte b = in.get();
                    z |= (long) (b & 0x7F) << shift;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                    shift += 7;
                    if (shift > 63) {
                        throw new IllegalArgumentException("malformed varint");
                    }
                }
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("truncated payload", e);
            }
            return (z >>> 1) ^ -(z & 1);
        }

        int varInt() {
            long v = varLong();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("integer out of range: " + v);
            }
            return (int) v;
        }

        /** A count: an int from 0 to what is left in the payload (each counted item takes at least a byte). */
        int count() {
            int n = varInt();
            if (n < 0 || n > in.remaining()) {
                throw new IllegalArgumentException("count " + n + " out of range");
            }
            return n;
        }

        boolean bool() {
            try {
                byte b = in.get();
                if (b != 0 && b != 1) {
                    throw new IllegalArgumentException("malformed boolean " + b);
                }
                return b == 1;
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("truncated payload", e);
            }
        }

        String string() {
            int n = count();
            byte[] b = new byte[n];
            in.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        void end() {
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the payload");
            }
        }
    }

    /** Frames a payload: magic, version, lengths, deflated payload, CRC-32C. */
    static byte[] frame(byte[] magic, int version, byte[] payload) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        byte[] packed;
        try {
            deflater.setInput(payload);
            deflater.finish();
            byte[] out = new byte[payload.length + payload.length / 1000 + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            packed = Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 4 + 4 + packed.length + 4);
        b.put(magic)
                .putShort((short) version)
                .putInt(payload.length)
                .putInt(packed.length)
                .put(packed);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The CRC-32C stored at the end of framed bytes (as an unsigned value). */
    static long storedChecksum(byte[] framed) {
        if (framed.length < 4) {
            throw new IllegalArgumentException("too short: " + framed.length + " bytes");
        }
        return ByteBuffer.wrap(framed, framed.length - 4, 4).getInt() & 0xFFFFFFFFL;
    }

    /**
     * Checks framed bytes (magic, version, CRC-32C) and returns the payload.
     *
     * @throws IllegalArgumentException if the bytes are not of this kind, of an unknown version, corrupt or truncated
     */
    static byte[] unframe(byte[] magic, int version, byte[] framed, String what) {
        if (framed.length < 18) {
            throw new IllegalArgumentException(what + ": too short (" + framed.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(framed);
        byte[] m = new byte[4];
        b.get(m);
        if (!Arrays.equals(m, magic)) {
            throw new IllegalArgumentException(
                    what + ": not a " + what + " (magic " + new String(m, StandardCharsets.ISO_8859_1) + ")");
        }
        int v = b.getShort() & 0xFFFF;
        if (v != version) {
            throw new IllegalArgumentException(what + ": format version " + v + ", this engine reads " + version);
        }
        CRC32C crc = new CRC32C();
        crc.update(framed, 0, framed.length - 4);
        if ((int) crc.getValue()
                != ByteBuffer.wrap(framed, framed.length - 4, 4).getInt()) {
            throw new IllegalArgumentException(what + ": checksum mismatch (corrupt or truncated)");
        }
        int length = b.getInt();
        int packedLength = b.getInt();
        if (length < 0 || packedLength != framed.length - 18) {
            throw new IllegalArgumentException(what + ": bad lengths " + length + "/" + packedLength);
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(framed, 14, packedLength);
            byte[] payload = new byte[length];
            int n = 0;
            while (n < length) {
                int k = inflater.inflate(payload, n, length - n);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != length) {
                throw new IllegalArgumentException(what + ": payload is " + n + " bytes, header says " + length);
            }
            return payload;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** SHA-256 of bytes, hex. */
    static String sha256(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
