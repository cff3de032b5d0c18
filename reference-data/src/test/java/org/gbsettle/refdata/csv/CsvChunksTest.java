package org.gbsettle.refdata.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvChunksTest {

    /**
     * A BOM, CRLF line ends, a blank line, a quoted value over two lines and a row of the wrong width. Line by line:
     * 1 header, 2 "1,x", 3 blank, 4-5 the quoted value, 6 "3,z,extra" (3 fields), 7 "  4 , w ".
     */
    private static final String TEXT = "\uFEFFid,name\r\n1,x\r\n\r\n2,\"two\r\nlines\"\r\n3,z,extra\r\n  4 , w \r\n";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 50})
    void rows_come_in_chunks_numbered_by_their_first_line(int chunkRows) {
        Problems problems = new Problems();
        List<TextTable> chunks = new ArrayList<>();

        long rows = CsvChunks.read(
                new StringReader(TEXT), "t.csv", List.of("id", "name"), problems, chunkRows, chunks::add);

        assertThat(rows).isEqualTo(3);
        List<Long> lines = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (TextTable t : chunks) {
            assertThat(t.columns()).containsExactly("id", "name");
            assertThat(t.rows()).hasSizeLessThanOrEqualTo(chunkRows);
            t.rows().forEach(r -> {
                lines.add(r.number());
                values.add(r.values());
            });
        }
        assertThat(lines).containsExactly(2L, 4L, 7L);
        assertThat(values).containsExactly(List.of("1", "x"), List.of("2", "two\r\nlines"), List.of("4", "w"));
        assertThat(chunks).hasSize((3 + chunkRows - 1) / chunkRows);
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .containsExactly("t.csv line 6: has 3 fields, the header has 2: 3,z,extra");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "\uFEFF"})
    void an_empty_file_is_a_problem_and_hands_on_nothing(String text) {
        Problems problems = new Problems();
        List<TextTable> chunks = new ArrayList<>();

        CsvChunks.read(new StringReader(text), "e.csv", List.of("id"), problems, 10, chunks::add);

        assertThat(chunks).isEmpty();
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .containsExactly("e.csv: is empty: no header row (expected id)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void a_bad_header_hands_on_nothing_and_the_registration_rules_name_the_same_lines_as_the_whole_file(int chunk) {
        Problems problems = new Problems();
        List<TextTable> chunks = new ArrayList<>();
        CsvChunks.read(new StringReader("id,colour\n1,red\n"), "h.csv", List.of("id"), problems, chunk, chunks::add);
        assertThat(chunks).isEmpty();
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .containsExactly("h.csv line 1, field colour: unknown column; the columns are id");

        // line 3: check digit 3 for 2; line 5 (after a blank line): measurement class Q
        String header = String.join(",", RegistrationsCsv.COLUMNS);
        String ok = "1001002623892,BRYN,2__ABRYN000,10,EELC,210,_A,G,S,W,false,E,I,MHHS,16795.9,,,2019-12-10,";
        String csv =
                header + "\n" + ok + "\n" + ok.replace("2623892", "2623893") + "\n\n" + ok.replace(",G,", ",Q,") + "\n";
        Problems chunked = new Problems();
        CsvChunks.read(
                new StringReader(csv),
                "registrations.csv",
                RegistrationsCsv.COLUMNS,
                chunked,
                chunk,
                t -> RegistrationsCsv.read(
                        t, java.util.Set.of(org.gbsettle.engine.reference.GspGroup.of("_A")), chunked));
        assertThat(chunked.list())
                .extracting(ReferenceFileException.Problem::line, ReferenceFileException.Problem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "mpan_core"),
                        org.assertj.core.groups.Tuple.tuple(5L, "measurement_class"));
    }
}
