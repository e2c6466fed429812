package io.github.relu4j.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Reads the file JMH writes with {@code -rf json}: an array of results. */
final class JmhJson {
    /** JMH names profiler metrics with a leading middle dot, e.g. {@code ·gc.alloc.rate.norm}. */
    private static final String SECONDARY_PREFIX = "\u00B7";

    private JmhJson() {}

    static List<JmhResult> parse(String json) {
        JsonArray array = JsonParser.parseString(json).getAsJsonArray();
        List<JmhResult> results = new ArrayList<>(array.size());
        for (JsonElement element : array) {
            results.add(result(element.getAsJsonObject()));
        }
        return results;
    }

    private static JmhResult result(JsonObject o) {
        JsonObject primary = o.getAsJsonObject("primaryMetric");
        List<String> jvmArgs = new ArrayList<>();
        if (o.has("jvmArgs")) {
            o.getAsJsonArray("jvmArgs").forEach(a -> jvmArgs.add(a.getAsString()));
        }
        String jvm = (text(o, "jdkVersion") + " (" + text(o, "vmName") + " " + text(o, "vmVersion") + ")").strip();
        return new JmhResult(o.get("benchmark").getAsString(), params(o), measurement(primary),
                primary.get("scoreUnit").getAsString(), secondary(o), jvm, jvmArgs, text(o, "jmhVersion"));
    }

    /** JMH leaves {@code params} out for a benchmark without parameters. */
    private static SequencedMap<String, String> params(JsonObject o) {
        SequencedMap<String, String> params = new LinkedHashMap<>();
        if (o.has("params")) {
            o.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
        }
        return params;
    }

    private static Map<String, Measurement> secondary(JsonObject o) {
        Map<String, Measurement> metrics = new HashMap<>();
        if (o.has("secondaryMetrics")) {
            for (var e : o.getAsJsonObject("secondaryMetrics").entrySet()) {
                String name = e.getKey().startsWith(SECONDARY_PREFIX) ? e.getKey().substring(1) : e.getKey();
                metrics.put(name, measurement(e.getValue().getAsJsonObject()));
            }
        }
        return metrics;
    }

    /**
     * JSON has no NaN, so JMH writes the string {@code "NaN"} for an error it could not compute;
     * Gson reads a numeric string as its number, and {@link Measurement#of} marks it unknown.
     */
    private static Measurement measurement(JsonObject metric) {
        return Measurement.of(metric.get("score").getAsDouble(), metric.get("scoreError").getAsDouble());
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : "";
    }
}
