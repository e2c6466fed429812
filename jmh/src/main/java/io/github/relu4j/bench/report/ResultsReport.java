package io.github.relu4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the JMH JSON files of one {@code ./bench} run into {@code README.md} and {@code charts/}
 * in the same directory, replacing earlier ones. Usage: {@code ResultsReport <results dir>}.
 */
public final class ResultsReport {
    private ResultsReport() {}

    public static void main(String[] args) throws IOException {
        // The charts are drawn off screen; benchmark machines often have no display.
        System.setProperty("java.awt.headless", "true");
        if (args.length != 1) {
            System.err.println("usage: java -cp benchmarks.jar io.github.relu4j.bench.report.ResultsReport <results dir>");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    /** Reads the run in {@code dir} and writes its page and charts there. */
    static void write(Path dir) throws IOException {
        Run run = Run.read(dir);
        Path charts = dir.resolve(Charts.DIRECTORY);
        String page = Page.header(run) + Targets.render(run) + Page.kernels(run) + Page.loops(run)
                + Alignment.render(run) + Page.charts(run, charts)
                + Page.portable(run) + Page.branches(run)
                + Page.allocation(run) + Page.multiCore(run) + PreluPage.render(run) + HalfPage.render(run) + FusedPage.render(run)
                + Page.coldStart(dir.resolve("cold-start.md"))
                + Peers.render(run, charts)
                + Page.machineCode(Files.exists(dir.resolve("asm/README.md"))) + Page.howToRead();
        Files.writeString(dir.resolve("README.md"), page.stripTrailing() + "\n");
    }
}
