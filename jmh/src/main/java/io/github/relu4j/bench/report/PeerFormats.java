package io.github.relu4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The peers' 16-bit table ({@code peers-formats.json}): relu4j's {@code Relu4jFormatBenchmark}
 * and PyTorch's {@code PyTorchFormatBenchmark}, each on bfloat16, binary16 and float (their
 * {@code format} parameter), one thread. Kernels, formats and sizes come from the JSON.
 */
final class PeerFormats {
    static final String RELU4J = "Relu4jFormatBenchmark";
    static final String PYTORCH = "PyTorchFormatBenchmark";
    private static final String FLOAT = "F32";

    private PeerFormats() {}

    static boolean isFormatBenchmark(JmhResult r) {
        return r.className().equals(RELU4J) || r.className().equals(PYTORCH);
    }

    static String render(List<JmhResult> peers) {
        List<JmhResult> results = peers.stream().filter(PeerFormats::isFormatBenchmark).toList();
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("""
                ### 16-bit formats

                relu4j's `forwardBF16` and `forwardF16` on `short[]` (vector engine) beside PyTorch on \
                bfloat16 and float16 tensors, and both on float (relu4j on `float[]`), one thread each \
                (PyTorch's intra-op threads set to 1), on the same floats rounded to each format. Throughput \
                in G elements/s; relu4j ÷ PyTorch is PyTorch's time over relu4j's in the same format (above 1 \
                relu4j is faster); relu4j ÷ relu4j F32 and PyTorch ÷ PyTorch F32 are each library's float \
                time over its time in the format (above 1 its 16-bit kernel is the faster per element).

                """);
        for (String kernel : Run.distinct(results, Peers::kernel)) {
            List<JmhResult> ofKernel = results.stream().filter(r -> Peers.kernel(r).equals(kernel)).toList();
            List<String> formats = Run.distinct(ofKernel, r -> r.param("format"));
            MarkdownTable table = new MarkdownTable(2, List.of("size", "format", "relu4j, G el/s",
                    "PyTorch (1 thread), G el/s", "relu4j ÷ PyTorch", "relu4j ÷ relu4j F32", "PyTorch ÷ PyTorch F32"));
            for (int size : Run.sizes(ofKernel)) {
                for (String format : formats) {
                    Optional<Measurement> relu4j = time(ofKernel, RELU4J, format, size);
                    Optional<Measurement> pyTorch = time(ofKernel, PYTORCH, format, size);
                    List<String> row = new ArrayList<>(List.of(Format.size(size), format));
                    row.add(relu4j.map(t -> Format.value(t.into(size))).orElse(""));
                    row.add(pyTorch.map(t -> Format.value(t.into(size))).orElse(""));
                    row.add(ratio(pyTorch, relu4j));
                    boolean isFloat = format.equals(FLOAT);
                    row.add(isFloat ? "" : ratio(time(ofKernel, RELU4J, FLOAT, size), relu4j));
                    row.add(isFloat ? "" : ratio(time(ofKernel, PYTORCH, FLOAT, size), pyTorch));
                    table.row(row);
                }
            }
            md.append("#### ").append(kernel).append(", 16-bit formats\n\n").append(table.render()).append('\n');
        }
        return md.toString();
    }

    /** ns per call of one class at one format and size. */
    private static Optional<Measurement> time(List<JmhResult> results, String className, String format, int size) {
        return results.stream().filter(r -> r.className().equals(className) && r.param("format").equals(format)
                && r.size() == size).findFirst().map(JmhResult::nanos);
    }

    /** {@code numerator / denominator}, two times: the report's speed ratio; empty if either is missing. */
    private static String ratio(Optional<Measurement> numerator, Optional<Measurement> denominator) {
        return numerator.flatMap(n -> denominator.map(n::over)).map(Format::ratio).orElse("");
    }
}
