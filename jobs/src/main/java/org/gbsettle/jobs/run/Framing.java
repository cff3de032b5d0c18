package org.gbsettle.jobs.run;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The stored form of a run's derived bytes ({@link RunSlices.ReaderRows}, {@link SharedRunDay}): a magic number, the
 * format version, the payload and a CRC-32C of the payload, so that a reader refuses bytes of another kind, of another
 * format version (an upgrade between a run's attempts) or damaged.
 */
final class Framing {

    private Framing() {}

    /** Frames a payload. */
    static byte[] frame(int magic, int version, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(12 + payload.length)
                .putInt(magic)
                .putInt(version)
                .put(payload)
                .putInt((int) crc.getValue())
                .array();
    }

    /**
     * The payload of framed bytes.
     *
     * @param what what the bytes are, for the messages
     * @throws IllegalArgumentException if the bytes are not {@code what}, of another format version, or damaged
     */
    static byte[] unframe(int magic, int version, byte[] bytes, String what) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 12 || b.getInt() != magic) {
            throw new IllegalArgumentException("not " + what);
        }
        int found = b.getInt();
        if (found != version) {
            throw new IllegalArgumentException(what + " of format version " + found + ", this engine reads " + version);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 8, bytes.length - 12);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw new IllegalArgumentException(what + " fail their CRC-32C check");
        }
        return Arrays.copyOfRange(bytes, 8, bytes.length - 4);
    }
}
