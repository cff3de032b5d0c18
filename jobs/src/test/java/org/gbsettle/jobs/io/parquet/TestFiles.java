package org.gbsettle.jobs.io.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** File helpers for the tests. */
final class TestFiles {

    private TestFiles() {}

    /** SHA-256 of the whole file read at once, lower-case hex. */
    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
