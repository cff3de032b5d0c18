package org.gbsettle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceFileExceptionTest {

    @Test
    void test_problem_text_names_what_is_known() {
        assertThat(new ReferenceFileException.Problem("a.D0265", 7, "SPL", "LLF value", "'1.07x' is not a decimal")
                        .text())
                .isEqualTo("a.D0265 line 7 (SPL), field LLF value: '1.07x' is not a decimal");
        assertThat(new ReferenceFileException.Problem("b.csv", 3, null, "mq", "'RI' is not AI or AE").text())
                .isEqualTo("b.csv line 3, field mq: 'RI' is not AI or AE");
        assertThat(new ReferenceFileException.Problem("run.properties", 0, null, "run_type", "required key is missing")
                        .text())
                .isEqualTo("run.properties, field run_type: required key is missing");
        assertThat(new ReferenceFileException.Problem("c.csv", 0, null, null, "is empty").text())
                .isEqualTo("c.csv: is empty");
    }

    @Test
    void test_several_problems_are_listed_and_long_lists_cut() {
        List<ReferenceFileException.Problem> problems = new ArrayList<>();
        for (int i = 1; i <= ReferenceFileException.MAX_LISTED + 3; i++) {
            problems.add(new ReferenceFileException.Problem("x.csv", i + 1, null, null, "bad"));
        }

        ReferenceFileException e = new ReferenceFileException(problems);

        assertThat(e.problems()).hasSize(203);
        assertThat(e.getMessage())
                .startsWith("203 problems in reference files:\n  - x.csv line 2: bad\n  - x.csv line 3: bad\n")
                .endsWith("\n  - x.csv line 201: bad\n  ... and 3 more");
    }

    @Test
    void test_a_collector_keeping_some_problems_counts_the_others_in_the_message() {
        Problems problems = Problems.keepingAtMost(2);
        for (int line = 2; line <= 6; line++) {
            problems.add("r.parquet", line, null, "llfc", "is empty");
        }

        assertThat(problems.size()).isEqualTo(5);
        assertThat(problems.list()).hasSize(2);
        // 5 found, 2 kept and listed: "... and 3 more"
        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOfSatisfying(ReferenceFileException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.unlisted()).isEqualTo(3);
                })
                .hasMessage("5 problems in reference files:\n  - r.parquet row 2, field llfc: is empty\n"
                        + "  - r.parquet row 3, field llfc: is empty\n  ... and 3 more");
    }

    @Test
    void test_problems_added_from_an_exception_keep_its_unlisted_count() {
        Problems kept = Problems.keepingAtMost(1);
        kept.add("a.csv", 2, null, null, "bad").add("a.csv", 3, null, null, "bad");
        ReferenceFileException first = assertThrows(kept);

        Problems all = new Problems();
        all.addAll(first);

        // one kept and one counted in the first collector: two found in the second, one listed
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.list()).hasSize(1);
    }

    private static ReferenceFileException assertThrows(Problems p) {
        try {
            p.throwIfAny();
        } catch (ReferenceFileException e) {
            return e;
        }
        throw new AssertionError("no problem thrown");
    }

    @Test
    void test_at_least_one_problem() {
        assertThatThrownBy(() -> new ReferenceFileException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
