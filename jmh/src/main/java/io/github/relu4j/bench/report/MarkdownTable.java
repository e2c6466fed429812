package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured markdown table: text columns on the left, numbers right-aligned after them. */
final class MarkdownTable {
    private final List<String> header;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table whose first {@code textColumns} columns are text and the rest numbers. */
    MarkdownTable(int textColumns, List<String> header) {
        this.textColumns = textColumns;
        this.header = List.copyOf(header);
    }

    MarkdownTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder md = new StringBuilder();
        line(md, header);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(i < textColumns ? "---" : "---:");
        }
        line(md, rule);
        rows.forEach(r -> line(md, r));
        return md.toString();
    }

    private static void line(StringBuilder md, List<String> cells) {
        md.append('|');
        // A bare | would end the cell early.
        cells.forEach(c -> md.append(' ').append(c.replace("|", "\\|")).append(" |"));
        md.append('\n');
    }
}
