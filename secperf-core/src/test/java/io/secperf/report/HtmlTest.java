package io.secperf.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesEverythingThatCanOpenATagOrLeaveAnAttribute() {
        assertThat(Html.text("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.text("\"><img src=x onerror=alert(1)>"))
                .isEqualTo("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(Html.text("' onmouseover='x' `")).isEqualTo("&#39; onmouseover=&#39;x&#39; &#96;");
        assertThat(Html.text("a & b")).isEqualTo("a &amp; b");
        assertThat(Html.text("&lt;")).isEqualTo("&amp;lt;");
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "GET /api/items?id=5 — naïve 日本 \uD83D\uDE00\ttab\nline";
        assertThat(Html.text(text)).isSameAs(text);
        assertThat(Html.text(null)).isEmpty();
    }

    @Test
    void controlCharactersAndBrokenSurrogatesBecomeReplacementCharacters() {
        assertThat(Html.text("a\u0000b\u001Bc\u007Fd\u0085e")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
        assertThat(Html.text("x\uD800y")).isEqualTo("x\uFFFDy");
        assertThat(Html.text("x\uDC00y")).isEqualTo("x\uFFFDy");
        assertThat(Html.text("\uFEFFbom")).isEqualTo("\uFFFDbom");
        assertThat(Html.text("cr\rlf")).isEqualTo("cr\uFFFDlf");
    }

    @Test
    void longTextIsCutAfterEscapingWithANote() {
        String cut = Html.text("<".repeat(10), 4);
        assertThat(cut).isEqualTo("&lt;&lt;&lt;&lt;… (6 more characters)");
        assertThat(Html.text("short", 10)).isEqualTo("short");
    }
}
