package io.tempo.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The Markdown every report is made of. */
class MarkdownTest {

    @Test
    void aTableIsItsHeaderARuleAndOneLinePerRow() {
        List<String> lines = Markdown.table(List.of("users", "wall s"),
                List.of(List.of("1000", "11.2"), List.of("10000", "52.5")));

        assertThat(lines).containsExactly("| users | wall s |", "|---|---|", "| 1000 | 11.2 |", "| 10000 | 52.5 |");
    }

    @Test
    void figuresKeepAPointWhateverTheMachinesLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Markdown.fmt("%.2f / %.0f", 1.5, 2500.0)).isEqualTo("1.50 / 2500");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void samplesAreQuotedAsMedianAndSpread() {
        Samples samples = new Samples().add(9.4).add(11.4).add(11.2);

        assertThat(samples.format("%.1f")).isEqualTo("11.2 (9.4–11.4)");
        assertThat(new Samples().add(3).format("%.0f")).isEqualTo("3");
        assertThat(new Samples().format("%.0f")).isEqualTo("n/a");
    }
}
