package io.github.relu4j.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sample run in {@code src/test/resources/.../sample}: very short JMH runs (1 fork of 2 x 400 ms
 * warm-up + 3 x 100 ms on a busy machine, so the figures themselves mean little) of two kernels of the catalogue,
 * relu and hardtanh, at 1 Ki and 16 Ki ({@code gc.json}: 1023 and 16 Ki; {@code parallel.json}:
 * 1 Ki and 1 Mi), as {@code ./bench} writes them but without the raw per-iteration data; and a
 * small hand-written {@code peers.json} of reluForward at 1 Ki, 16 Ki and 1 Mi, and
 * {@code peers-formats.json} of reluForward on bfloat16, binary16 and float at 16 Ki and 4 Mi.
 */
final class Sample {
    static final List<String> FILES = List.of("kernels.json", "skewed.json", "gc.json", "parallel.json",
            "peers.json", "peers-formats.json", "machine.properties");

    private Sample() {}

    /** Copies the sample's files into {@code dir}, as {@code ./bench} would have left them. */
    static Path copyTo(Path dir) throws IOException {
        for (String name : FILES) {
            Files.writeString(dir.resolve(name), text(name));
        }
        return dir;
    }

    /** One file of the sample, as text. */
    static String text(String name) throws IOException {
        try (InputStream in = Sample.class.getResourceAsStream("sample/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource sample/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Adds to {@code file} a copy of every result of kernel {@code from} renamed {@code to}: a
     * kernel the catalogue gained after the report was written.
     */
    static void addKernel(Path file, String from, String to) throws IOException {
        JsonArray all = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        JsonArray added = new JsonArray();
        for (JsonElement e : all) {
            JsonObject params = e.getAsJsonObject().getAsJsonObject("params");
            if (params != null && params.has("kernel") && params.get("kernel").getAsString().equals(from)) {
                JsonObject copy = e.getAsJsonObject().deepCopy();
                copy.getAsJsonObject("params").addProperty("kernel", to);
                added.add(copy);
            }
        }
        all.addAll(added);
        Files.writeString(file, all.toString());
    }

    /** A JMH result as JSON: a time per call in ns with its error, and parameters. */
    static String result(String benchmark, Map<String, String> params, double ns, double error) {
        StringBuilder p = new StringBuilder();
        params.forEach((k, v) -> p.append(p.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v)
                .append('"'));
        return String.format(Locale.ROOT, """
                {"jmhVersion":"1.37","benchmark":"io.github.relu4j.bench.%s","mode":"avgt","jdkVersion":"25",
                 "vmName":"OpenJDK 64-Bit Server VM","vmVersion":"25+1","jvmArgs":["-Xmx1g"],"params":{%s},
                 "primaryMetric":{"score":%s,"scoreError":%s,"scoreUnit":"ns/op"},"secondaryMetrics":{}}""",
                benchmark, p, ns, Double.isNaN(error) ? "\"NaN\"" : Double.toString(error));
    }
}
