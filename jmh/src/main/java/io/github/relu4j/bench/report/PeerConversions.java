package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What it costs to get a Java {@code float[]} into a peer's tensor and back ({@code
 * ConversionBenchmark}): not a kernel, but paid on top of one when the data starts in Java.
 */
final class PeerConversions {
    static final String BENCHMARK_CLASS = "ConversionBenchmark";

    private PeerConversions() {}

    /** The conversions measured, each one call over {@code size} floats. */
    enum Conversion {
        PYTORCH_FROM("pyTorchFromArray", "PyTorch from float[]"),
        PYTORCH_TO("pyTorchToArray", "PyTorch to float[]"),
        ONNX_FROM("onnxFromArray", "ONNX from float[]"),
        ONNX_TO("onnxToArray", "ONNX to float[]");

        private final String method;
        private final String label;

        Conversion(String method, String label) {
            this.method = method;
            this.label = label;
        }
    }

    static String render(Results peers) {
        List<Integer> sizes = List.copyOf(peers.sizes(BENCHMARK_CLASS));
        List<Conversion> measured = Arrays.stream(Conversion.values())
                .filter(c -> sizes.stream().anyMatch(s -> time(peers, c, s).isPresent())).toList();
        if (measured.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>(List.of("size"));
        measured.forEach(c -> header.addAll(List.of(c.label + ", µs/op", c.label + ", GB/s")));
        MarkdownTable table = new MarkdownTable(1, header);
        for (int size : sizes) {
            List<String> row = new ArrayList<>(List.of(Format.size(size)));
            for (Conversion c : measured) {
                Optional<Measurement> time = time(peers, c, size);
                row.add(time.map(t -> Format.value(t.times(1e-3))).orElse("")); // ns to µs
                row.add(time.map(t -> Format.value(gigabytesPerSecond(t, size))).orElse(""));
            }
            table.row(row);
        }
        return """
                ### Conversions from and to float[]

                Copying `size` floats between a Java `float[]` and the peer's tensor; GB/s counts 4 bytes \
                per element. These costs come on top of a peer's kernel when the data starts in a Java array.

                """ + table.render() + "\n";
    }

    /** ns per call. */
    static Optional<Measurement> time(Results peers, Conversion c, int size) {
        return peers.ofClass(BENCHMARK_CLASS).stream().filter(r -> r.method().equals(c.method) && r.size() == size)
                .findFirst().map(JmhResult::score);
    }

    static Measurement gigabytesPerSecond(Measurement nsPerCall, int size) {
        return Throughput.gigabytesPerSecond(Throughput.gElementsPerSecond(nsPerCall, size), Float.BYTES);
    }
}
