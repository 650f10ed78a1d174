package io.tempo.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the reports write figures and tables, apart from where the text goes, so it can be checked on its own. */
public final class Markdown {

    private Markdown() {
    }

    /** {@link Locale#ROOT}: a figure reads the same (a point before the decimals) whatever the machine's locale. */
    public static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** A pipe table: the header, its rule, one line per row. */
    public static List<String> table(List<String> header, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("| " + String.join(" | ", header) + " |");
        lines.add("|" + "---|".repeat(header.size()));
        for (List<String> row : rows) {
            lines.add("| " + String.join(" | ", row) + " |");
        }
        return lines;
    }
}
