package io.sunsync.ground.mission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDocumentTest {

    private static ReportDocument sample() {
        return new ReportDocument("Mission report: x")
                .heading(1, "Figures")
                .para("**PASSED.** ratio a<b & `code`")
                .table(List.of("figure", "value"), List.of(List.of("work | done", "12")))
                .bullets(List.of("one"))
                .image("power.png", "power");
    }

    @Test
    void markdownHasTheHeadingsTablesAndImages() {
        String md = sample().markdown();

        assertThat(md).startsWith("# Mission report: x\n").contains("## Figures", "| figure | value |", "|---|---|",
                "| work \\| done | 12 |", "- one", "![power](power.png)");
    }

    @Test
    void htmlEscapesTextAndKeepsCodeAndBold() {
        String html = sample().html();

        assertThat(html).contains("<h2>Figures</h2>", "<b>PASSED.</b> ratio a&lt;b &amp; <code>code</code>",
                "<td>work | done</td>", "<img src=\"power.png\" alt=\"power\">").doesNotContain("a<b");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> new ReportDocument("t").table(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells");
    }
}
