package io.github.relu4j.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the quick settings: every table, chart and link of the summary exists. */
class StudyTest {
    @Test
    void quickRunWritesTablesChartsAndASummaryWhoseLinksResolve(@TempDir Path dir) throws IOException {
        Study.run(Study.Settings.quick(), dir);
        for (String file : new String[] {"vanishing.csv", "dead.csv", "memory.csv"}) {
            assertTrue(Files.readAllLines(dir.resolve(file)).size() > 1, file + " has rows");
        }
        String readme = Files.readString(dir.resolve("README.md"));
        Matcher links = Pattern.compile("\\]\\(([^)]+)\\)").matcher(readme);
        int count = 0;
        while (links.find()) {
            assertTrue(Files.size(dir.resolve(links.group(1))) > 0, links.group(1));
            count++;
        }
        assertTrue(count >= 11, "links to 3 CSVs and 4 charts in SVG and PNG: " + count);
        assertTrue(readme.contains("identical bit for bit"), "the two backwards' losses agree");
    }
}
