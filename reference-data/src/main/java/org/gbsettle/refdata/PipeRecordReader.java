package org.gbsettle.refdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the records of a pipe-delimited industry flow file (D0265, CDCA-I029): one record a line, fields separated by
 * {@code |}, the trailing {@code |} of each record dropped, fields stripped of surrounding blanks, blank lines and a
 * UTF-8 byte-order mark skipped. Keeps the 1-based line number of the last record for messages.
 */
public final class PipeRecordReader {

    private final BufferedReader in;
    private long lineNo;

    public PipeRecordReader(BufferedReader in) {
        this.in = in;
    }

    /**
     * The fields of the next non-blank record (the first is the record type), or null at the end of the file.
     *
     * @throws IOException if the file cannot be read
     */
    public String @Nullable [] next() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String text = line.strip();
            if (!text.isEmpty()) {
                return split(text);
            }
        }
        return null;
    }

    /** The line number of the record last returned (the last line read at the end of the file). */
    public long lineNo() {
        return lineNo;
    }

    private static String[] split(String text) {
        String[] f = text.split("\\|", -1);
        if (f.length > 1 && f[f.length - 1].isEmpty()) {
            f = Arrays.copyOf(f, f.length - 1);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }
}
