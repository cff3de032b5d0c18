package org.gbsettle.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "plain text               | plain text",
                "<script>alert(1)</script> | &lt;script&gt;alert(1)&lt;/script&gt;",
                "a & b                    | a &amp; b",
                "&amp;                    | &amp;amp;",
                "`say \"hi\"`             | say &quot;hi&quot;",
                "it's                     | it&#39;s",
                "`\" onload=\"x`          | &quot; onload=&quot;x",
                "Ünïcödé £ – ok           | Ünïcödé £ – ok"
            })
    void escapes_the_characters_html_gives_a_meaning_to(String text, String escaped) {
        assertThat(Html.escape(text)).isEqualTo(escaped);
    }

    @ParameterizedTest
    @CsvSource({"abc", "x"})
    void returns_text_without_special_characters_as_it_is(String text) {
        assertThat(Html.escape(text)).isSameAs(text);
    }

    @Test
    void null_is_empty() {
        assertThat(Html.escape(null)).isEmpty();
    }
}
