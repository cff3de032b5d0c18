package org.gbsettle.jobs.reference;

import java.io.ByteArrayInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader;
import org.jspecify.annotations.Nullable;

/**
 * One reference file of a load: its name as the parsers see it (no folder), where it came from ({@code shipped} or the
 * folder given), its kind and its bytes, held in memory or, for a file that may be hundreds of megabytes
 * (registrations, profile coefficients), read from disk where it lies each time they are needed (so it must not change
 * during the load); {@link #sha256()} is the hex SHA-256 of the bytes.
 */
public final class ReferenceFile {

    private final String name;
    private final String origin;
    private final ReferenceFileKind kind;
    private final byte @Nullable [] bytes;
    private final @Nullable Path path;
    private final long size;

    private ReferenceFile(
            String name,
            String origin,
            ReferenceFileKind kind,
            byte @Nullable [] bytes,
            @Nullable Path path,
            long size) {
        this.name = Objects.requireNonNull(name, "name");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.bytes = bytes;
        this.path = path;
        this.size = size;
    }

    /** A file of the given kind, held in memory. */
    public static ReferenceFile of(String name, String origin, ReferenceFileKind kind, byte[] bytes) {
        return new ReferenceFile(name, origin, kind, bytes.clone(), null, bytes.length);
    }

    /**
     * A file of the given kind, read from disk when needed.
     *
     * @throws UncheckedIOException if its size cannot be read
     */
    public static ReferenceFile onDisk(String name, String origin, ReferenceFileKind kind, Path file) {
        try {
            return new ReferenceFile(name, origin, kind, null, file, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file, e);
        }
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
        return size;
    }

    /** Whether the file is Parquet: its name ends in {@code .parquet} (any case). */
    public boolean isParquet() {
        return name.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** The content for reading by position (a Parquet file): the bytes in memory, or the file on disk. */
    ReferenceParquetReader.Source source() {
        byte[] b = bytes;
        return b != null ? ReferenceParquetReader.Source.of(b) : ReferenceParquetReader.Source.of(disk(), size);
    }

    /**
     * A strict UTF-8 reader of the content: a byte sequence that is not UTF-8 fails the read ({@link
     * java.nio.charset.MalformedInputException}) rather than becoming U+FFFD in the loaded data.
     *
     * @throws UncheckedIOException if the file on disk cannot be opened
     */
    public Reader reader() {
        Reader utf8 = new InputStreamReader(
                stream(),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        return new FilterReader(utf8) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (CharacterCodingException e) {
                    throw notUtf8(e);
                }
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (CharacterCodingException e) {
                    throw notUtf8(e);
                }
            }
        };
    }

    private IOException notUtf8(CharacterCodingException e) {
        return new IOException("is not UTF-8 text: " + malformedAt() + " (" + e.getMessage() + ")", e);
    }

    /**
     * Where the first byte sequence that is not UTF-8 lies, e.g. {@code byte 0xC9 at byte offset 56 (line 2)}: the
     * offset from the file's start, counting from 0, and the line, counting newline bytes before it from 1. Reference
     * files are refused there, not decoded as another charset (sample-data/bad/README.md).
     */
    String malformedAt() {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(64 * 1024).limit(0);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(64 * 1024);
        long consumed = 0; // bytes before in's position
        long line = 1;
        try (InputStream s = stream()) {
            boolean end = false;
            while (true) {
                int n = end ? -1 : s.read(in.array(), in.limit(), in.capacity() - in.limit());
                if (n < 0) {
                    end = true;
                } else {
                    in.limit(in.limit() + n);
                }
                int start = in.position();
                java.nio.charset.CoderResult r = decoder.decode(in, out, end);
                for (int i = start; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        line++;
                    }
                }
                if (r.isError()) {
                    return "byte 0x" + HexFormat.of().withUpperCase().toHexDigits(in.get(in.position()))
                            + " at byte offset " + (consumed + in.position()) + " (line " + line + ")";
                }
                out.clear();
                if (end && !in.hasRemaining()) {
                    return "a malformed byte sequence";
                }
                consumed += in.position();
                in.compact().flip();
            }
        } catch (IOException | UncheckedIOException e) {
            return "a malformed byte sequence";
        }
    }

    /**
     * The SHA-256 of the content, 64 lowercase hex digits.
     *
     * @throws UncheckedIOException if the file on disk cannot be read
     */
    public String sha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        try (InputStream in = stream()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + this, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private InputStream stream() {
        byte[] b = bytes;
        if (b != null) {
            return new ByteArrayInputStream(b);
        }
        try {
            return Files.newInputStream(disk());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + this, e);
        }
    }

    private Path disk() {
        return Objects.requireNonNull(path, "a file on disk");
    }

    @Override
    public String toString() {
        return recordedName();
    }
}
