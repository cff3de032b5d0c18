package org.gbsettle.jobs.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceFileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // what, ASCII bytes before the bad byte, lines before it, the bad byte's offset and line (worked by hand)
        "first byte, 0, 0, 0, 1",
        "line 2 of short lines, 10, 1, 10, 2",
        "past the 64 KiB buffer, 70000, 0, 70000, 1",
        "at the buffer's edge, 65536, 3, 65536, 4",
    })
    void names_the_first_byte_that_is_not_utf8_its_offset_and_line(
            String what, int before, int newlines, long offset, long line) throws IOException {
        byte[] bytes = new byte[before + 20];
        Arrays.fill(bytes, (byte) 'A');
        for (int i = 0; i < newlines; i++) {
            bytes[i * 2 + 1] = '\n';
        }
        bytes[before] = (byte) 0xE9; // Latin-1 e-acute, followed by 'A': not a UTF-8 continuation byte
        ReferenceFile f = ReferenceFile.of("bsc_parties.csv", "test", ReferenceFileKind.BSC_PARTIES, bytes);
        String expected = "byte 0xE9 at byte offset " + offset + " (line " + line + ")";
        assertThat(f.malformedAt()).as(what).isEqualTo(expected);
        assertThatThrownBy(() -> readAll(f)).hasMessageContaining("is not UTF-8 text: " + expected);
    }

    @ParameterizedTest
    @CsvSource({"plain ASCII", "UTF-8 É is fine"})
    void utf8_reads(String text) throws IOException {
        ReferenceFile f = ReferenceFile.of(
                "bsc_parties.csv", "test", ReferenceFileKind.BSC_PARTIES, text.getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(f)).isEqualTo(text);
    }

    private static String readAll(ReferenceFile f) throws IOException {
        StringWriter out = new StringWriter();
        try (Reader r = f.reader()) {
            r.transferTo(out);
        }
        return out.toString();
    }
}
