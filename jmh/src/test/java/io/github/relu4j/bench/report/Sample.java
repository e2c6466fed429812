package io.github.relu4j.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The hand-written sample run in {@code src/test/resources/.../sample}: float results at 1 Ki and
 * 16 Ki, with times and errors chosen so the derived figures come out round; {@code vectorCopy} at
 * 16 Ki is 1536 ns, 2/3 of the copy's throughput. {@code parallel.json} and relu4j on all cores in
 * {@code peers.json} are at 1 Mi, and {@code parallel.json} at 1 Ki.
 */
final class Sample {
    private static final List<String> FILES = List.of("kernels.json", "gc.json", "skewed.json", "peers.json",
            "parallel.json", "machine.properties");

    private Sample() {}

    /** Copies the sample's files into {@code dir}, as {@code ./bench} would have left them. */
    static Path copyTo(Path dir) throws IOException {
        for (String name : FILES) {
            Files.writeString(dir.resolve(name), text(name));
        }
        return dir;
    }

    /** Drops every result of {@code method} from the JMH JSON file {@code file}, as a run without it. */
    static void withoutMethod(Path file, String method) throws IOException {
        JsonArray kept = new JsonArray();
        for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
            if (!e.getAsJsonObject().get("benchmark").getAsString().endsWith("." + method)) {
                kept.add(e);
            }
        }
        Files.writeString(file, kept.toString());
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
}
