package io.github.relu4j.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A table of text cells, written as CSV and as Markdown. */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    void add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(String.valueOf(c));
        }
        rows.add(row);
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
        for (List<String> row : rows) {
            s.append(String.join(",", row.stream().map(Table::csvCell).toList())).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, s);
    }

    String markdown() {
        StringBuilder s = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        s.append(" --- |".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            s.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return s.toString();
    }

    private static String csvCell(String cell) {
        return cell.contains(",") || cell.contains("\"") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
