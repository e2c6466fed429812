package io.github.relu4j.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything one {@code ./bench} run wrote: the JMH JSON files (only {@code kernels.json} is
 * required; a run that skipped a file has no results for it) and the machine description.
 *
 * @param kernels the main run, random and maybe positive data
 * @param skewed the branchy loops again on all-positive data
 * @param gc the vector kernels under {@code -prof gc}
 * @param variants kernel-shape alternatives, from {@code --full} runs
 * @param segments kernels on memory segments, from {@code --full} runs
 * @param peers relu4j against C, PyTorch and ONNX Runtime, from {@code --peers} runs
 * @param parallel the float kernels on every core against one
 */
record ResultsDirectory(Results kernels, Results skewed, Results gc, Results variants, Results segments,
        Results peers, Results parallel, Machine machine) {

    static ResultsDirectory read(Path dir) throws IOException {
        Results kernels = Results.read(dir.resolve("kernels.json"));
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve("kernels.json") + " holds no results");
        }
        return new ResultsDirectory(kernels,
                Results.readIfPresent(dir.resolve("skewed.json")), Results.readIfPresent(dir.resolve("gc.json")),
                Results.readIfPresent(dir.resolve("variants.json")),
                Results.readIfPresent(dir.resolve("segments.json")), Results.readIfPresent(dir.resolve("peers.json")),
                Results.readIfPresent(dir.resolve("parallel.json")),
                Machine.readIfPresent(dir.resolve("machine.properties")));
    }

    /** The main run's figures for every element type and kernel it measured. */
    List<KernelFigures> kernelFigures() {
        List<KernelFigures> figures = new ArrayList<>();
        for (ElementType type : ElementType.values()) {
            for (Kernel kernel : Kernel.values()) {
                KernelFigures f = new KernelFigures(type, kernel, kernels);
                if (f.isMeasured()) {
                    figures.add(f);
                }
            }
        }
        return figures;
    }

    /** The figures of every kernel {@code parallel.json} measured; none without the file. */
    List<ParallelFigures> parallelFigures() {
        return Arrays.stream(Kernel.values()).map(k -> new ParallelFigures(k, parallel))
                .filter(ParallelFigures::isMeasured).toList();
    }

    /** The figures of every kernel {@code peers.json} measured; none without the file. */
    List<PeerFigures> peerFigures() {
        String allThreads = PeerFigures.allThreads(machine.peersAllThreads());
        return Arrays.stream(Kernel.values()).map(k -> new PeerFigures(k, peers, allThreads))
                .filter(PeerFigures::isMeasured).toList();
    }
}
