package org.gbsettle.jobs.reference;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One reference file of a load, held in memory: its name as the parsers see it (no folder), where it came from
 * ({@code shipped} or the folder given), its kind and its bytes; {@link #sha256()} is the hex SHA-256 of the bytes.
 */
public final class ReferenceFile {

    private final String name;
    private final String origin;
    private final ReferenceFileKind kind;
    private final byte[] bytes;

    private ReferenceFile(String name, String origin, ReferenceFileKind kind, byte[] bytes) {
        this.name = Objects.requireNonNull(name, "name");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.bytes = bytes.clone();
    }

    /** A file of the given kind. */
    public static ReferenceFile of(String name, String origin, ReferenceFileKind kind, byte[] bytes) {
        return new ReferenceFile(name, origin, kind, bytes);
    }

    /** The file name, no folder, as given to the parsers and in their messages. */
    public String name() {
        return name;
    }

    /** Where it came from: {@code shipped}, or the folder as given on the command line. */
    public String origin() {
        return origin;
    }

    /** The name recorded in {@code reference_load_file}: {@code origin/name}. */
    public String recordedName() {
        return origin + "/" + name;
    }

    /** What the file holds. */
    public ReferenceFileKind kind() {
        return kind;
    }

    /** Size in bytes. */
    public long size() {
        return bytes.length;
    }

    /** Whether the file is Parquet: its name ends in {@code .parquet} (any case). */
    public boolean isParquet() {
        return name.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** The content itself, not a copy, for reading in place. */
    byte[] content() {
        return bytes;
    }

    /** A UTF-8 reader of the content. */
    public Reader reader() {
        return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
    }

    /** The SHA-256 of the content, 64 lowercase hex digits. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return recordedName();
    }
}
