package io.github.relu4j.bench.asm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.relu4j.bench.asm.AsmAnalysis.Loop;
import io.github.relu4j.bench.asm.AsmListing.Block;
import io.github.relu4j.bench.asm.AsmListing.Insn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the harness's PrintAssembly logs into one listing per target and configuration, and a
 * summary README.
 *
 * <pre>
 *   AsmExtractor OUT_DIR [--stubs CONFIG=STUB_LOG] [--speed CONFIG=JMH_JSON] [--about FILE] CONFIG=LOG ...
 * </pre>
 *
 * <p>Each LOG is the standard output of one {@link AsmHarness} run (Intel syntax), CONFIG a short
 * name for its VM flags ({@code default}, {@code avx2}, ...). Writes OUT_DIR/CONFIG/NAME.txt and
 * OUT_DIR/README.md; a block of README.md between {@value #FINDINGS_START} and
 * {@value #FINDINGS_END} is kept from the previous README.md, so written findings survive a rerun.
 * STUB_LOG is a -XX:+PrintStubCode log, used for the stub System.arraycopy calls; JMH_JSON a JMH
 * result file of the same configuration, whose times the README sets against the instruction counts.
 */
public final class AsmExtractor {
    static final String FINDINGS_START = "<!-- findings:start -->";
    static final String FINDINGS_END = "<!-- findings:end -->";
    private static final Pattern MARKER = Pattern.compile("(\\w+)=(\\S+)");

    /** What was found for one target in one configuration. */
    record Result(AsmTarget target, String config, Block block, AsmAnalysis analysis, AsmAnalysis stub,
                  String listing) {}

    private AsmExtractor() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: AsmExtractor OUT_DIR [--stubs CONFIG=STUB_LOG] [--speed CONFIG=JMH_JSON]"
                    + " [--about FILE] CONFIG=LOG ...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Map<String, Path> logs = new LinkedHashMap<>();
        Map<String, Path> stubs = new LinkedHashMap<>();
        Map<String, Path> speed = new LinkedHashMap<>();
        Path about = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--stubs" -> {
                    String a = args[++i];
                    int eq = a.indexOf('=');
                    stubs.put(a.substring(0, eq), Path.of(a.substring(eq + 1)));
                }
                case "--about" -> about = Path.of(args[++i]);
                case "--speed" -> {
                    String a = args[++i];
                    int eq = a.indexOf('=');
                    speed.put(a.substring(0, eq), Path.of(a.substring(eq + 1)));
                }
                default -> {
                    int eq = args[i].indexOf('=');
                    logs.put(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1)));
                }
            }
        }
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            Path stubLog = stubs.get(e.getKey());
            AsmListing stubListing = stubLog != null && Files.exists(stubLog) ? read(stubLog) : null;
            List<Result> rs = extract(e.getKey(), read(e.getValue()), stubListing);
            Path dir = out.resolve(e.getKey());
            Files.createDirectories(dir);
            for (Result r : rs) {
                Files.writeString(dir.resolve(r.target().name() + ".txt"), r.listing(), StandardCharsets.UTF_8);
            }
            results.put(e.getKey(), rs);
            System.err.println("asm: " + rs.size() + " listings in " + dir);
        }
        String aboutText = about != null && Files.exists(about) ? Files.readString(about) : "";
        Path readme = out.resolve("README.md");
        String findings = Files.exists(readme) ? findings(Files.readString(readme)) : null;
        Map<String, List<Timing>> timings = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : speed.entrySet()) {
            if (Files.exists(e.getValue())) timings.put(e.getKey(), timings(Files.readString(e.getValue())));
        }
        String text = readme(results, aboutText, findings) + speedSection(results, timings);
        Files.writeString(readme, text, StandardCharsets.UTF_8);
        System.err.println("asm: wrote " + readme);
    }

    static AsmListing read(Path log) throws IOException {
        // Lenient: a log may hold bytes that are not UTF-8 (nothing here needs them).
        String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        return AsmListing.parse(text.lines().toList());
    }

    /** The targets named by the log's marker lines. */
    static List<AsmTarget> targets(AsmListing listing) {
        List<AsmTarget> targets = new ArrayList<>();
        for (String line : listing.markers()) {
            Map<String, String> f = new LinkedHashMap<>();
            Matcher m = MARKER.matcher(line);
            while (m.find()) f.put(m.group(1), m.group(2));
            if (!f.containsKey("name") || !f.containsKey("descriptor")) continue;
            if (targets.stream().anyMatch(t -> t.name().equals(f.get("name")))) continue;
            targets.add(new AsmTarget(f.get("name"), f.getOrDefault("kind", "kernel"), f.get("class"),
                    f.get("method"), f.get("descriptor"), Integer.parseInt(f.getOrDefault("elementBytes", "4")),
                    Integer.parseInt(f.getOrDefault("outputs", "1")), () -> {}));
        }
        return targets;
    }

    /** One result per target of the log; a target C2 never compiled gets a listing that says so. */
    static List<Result> extract(String config, AsmListing listing, AsmListing stubs) {
        List<Result> results = new ArrayList<>();
        for (AsmTarget t : targets(listing)) {
            Block b = listing.c2(t.internalClassName(), t.method(), t.descriptor());
            if (b == null) {
                results.add(new Result(t, config, null, null, null, t.name() + ": " + t.className() + "." + t.method()
                        + t.descriptor() + "\nNo C2 (tier 4) compile of this method was printed in this run.\n"));
                continue;
            }
            AsmAnalysis a = new AsmAnalysis(b, t.elementBytes());
            StringBuilder s = new StringBuilder();
            write(s, t, config, b, a);
            AsmAnalysis sa = null;
            if (a.arraycopyStub != null) {
                Block stub = stubs == null ? null : stubs.stub(a.arraycopyStub);
                s.append("\n== the stub it calls: StubRoutines::").append(a.arraycopyStub).append(" ==\n");
                if (stub == null) {
                    s.append("Not printed in this run (no -XX:+PrintStubCode log for this configuration).\n");
                } else {
                    sa = new AsmAnalysis(stub, t.elementBytes());
                    s.append(stub.insns().size()).append(" instructions in the stub.\n");
                    writeLoops(s, stub, sa);
                }
            }
            results.add(new Result(t, config, b, a, sa, s.toString()));
        }
        return results;
    }

    static void write(StringBuilder s, AsmTarget t, String config, Block b, AsmAnalysis a) {
        String type = t.elementBytes() == 4 ? "float" : "double";
        s.append(t.name()).append(": ").append(t.className()).append('.').append(t.method()).append(t.descriptor())
                .append('\n');
        s.append("C2 (tier 4), compile id ").append(b.compileId()).append(", configuration '").append(config)
                .append("'; ").append(b.insns().size()).append(" instructions in the method's main code; ")
                .append(type).append(" elements (").append(t.elementBytes()).append(" B).\n");
        s.append("Offsets are from the method's first instruction; branch targets inside the method are"
                + " rewritten as +offsets.\n\n");
        writeLoops(s, b, a);
    }

    static void writeLoops(StringBuilder s, Block b, AsmAnalysis a) {
        Loop main = a.main;
        if (main == null) {
            s.append("No loop with stores: the code below is everything between the entry and the return.\n");
        } else {
            s.append("Main loop ").append(range(b, main)).append(": ").append(a.summary(main)).append(".\n");
            if (main.allocates()) {
                s.append("Unrolling: not measured, the loop allocates.\n");
            } else {
            s.append("Unrolling: ").append(main.stores()).append(" store(s) per iteration");
            int perStore = main.stores() == 0 ? 0 : main.storeBytes() / main.stores() / a.elementBytes;
            s.append(" of ").append(perStore).append(" element(s) each");
            s.append(main.stores() > 1 ? " (unrolled " + main.stores() + "x)" : " (not unrolled)").append(".\n");
            }
        }
        List<Loop> pre = a.loops.stream().filter(l -> l.role().equals("pre")).toList();
        List<Loop> post = a.loops.stream().filter(l -> l.role().equals("post")).toList();
        List<Loop> outer = a.loops.stream().filter(l -> l.role().equals("outer")).toList();
        boolean stub = b.compiler().equals("stub");
        s.append(stub ? "Other loops before the main loop: "
                : "Pre-loop (before the main loop, as C2 emits to align the stores): ");
        if (pre.isEmpty()) s.append("none.\n");
        for (Loop l : pre) s.append(range(b, l)).append(", ").append(a.summary(l)).append(". ");
        if (!pre.isEmpty()) s.append('\n');
        s.append(stub ? "Other loops after the main loop: " : "Post-loops (after the main loop): ");
        if (post.isEmpty()) s.append("none.\n");
        for (Loop l : post) s.append(range(b, l)).append(", ").append(a.summary(l)).append(". ");
        if (!post.isEmpty()) s.append('\n');
        if (!outer.isEmpty()) {
            s.append("Outer loop(s) with a safepoint poll (loop strip mining: the main loop runs in strips, the poll"
                    + " between them): ");
            for (Loop l : outer) s.append(range(b, l)).append(' ');
            s.append('\n');
        }
        if (a.tailTo >= 0) {
            s.append("Masked tail: ").append(offset(b, a.tailFrom)).append(" .. ").append(offset(b, a.tailTo))
                    .append(", ").append(a.tailTo - a.tailFrom + 1)
                    .append(" instructions laid out straight up to the masked store (not all run on every call).\n");
        } else {
            s.append("Masked tail: none (no masked store outside the loops).\n");
        }
        if (main != null) section(s, "main loop", b, a, main.from(), main.to(), main);
        for (Loop l : outer) {
            if (main != null && l.contains(main)) {
                int from = main.to() + 1;
                if (from <= l.to()) section(s, "outer loop, after the main loop", b, a, from, l.to(), l);
            } else {
                section(s, "outer loop", b, a, l.from(), l.to(), l);
            }
        }
        for (Loop l : pre) section(s, stub ? "loop before the main loop" : "pre-loop", b, a, l.from(), l.to(), l);
        for (Loop l : post) section(s, stub ? "loop after the main loop" : "post-loop", b, a, l.from(), l.to(), l);
        if (a.tailTo >= 0) section(s, "masked tail", b, a, a.tailFrom, Math.min(a.tailTo + 1, b.insns().size() - 1),
                null);
    }

    static String range(Block b, Loop l) {
        return offset(b, l.from()) + " .. " + offset(b, l.to());
    }

    static String offset(Block b, int index) {
        return String.format(Locale.ROOT, "+0x%x", b.insns().get(index).address() - b.start());
    }

    static void section(StringBuilder s, String title, Block b, AsmAnalysis a, int from, int to, Loop loop) {
        s.append("\n== ").append(title).append(" ==\n");
        long start = b.start();
        long end = b.insns().getLast().address();
        for (int i = from; i <= to; i++) {
            Insn in = b.insns().get(i);
            String text = in.text();
            long t = in.target();
            if (t >= start && t <= end && in.operands().matches("0x[0-9a-fA-F]+")) {
                text = String.format(Locale.ROOT, "%-9s +0x%x", in.mnemonic(), t - start);
            }
            String note = a.annotate(i, loop);
            String line = String.format(Locale.ROOT, "  +0x%04x  %-58s", in.address() - start, text);
            s.append(note.isEmpty() ? line.stripTrailing() : line + " ; " + note).append('\n');
        }
    }

    // ---- README ----

    static String readme(Map<String, List<Result>> results, String about, String findings) {
        StringBuilder s = new StringBuilder();
        s.append("# The hot loops, as C2 compiled them\n\n");
        s.append("Generated by `./bench --asm` (jmh/asm/run.sh): the harness (io.github.relu4j.bench.asm.AsmHarness)"
                + " warms each target up until C2 compiles it, HotSpot prints the code through the Capstone-based"
                + " plugin in jmh/hsdis/, and AsmExtractor cuts the loops out and counts. One listing per target"
                + " and configuration is in the subdirectories.\n\n");
        if (!about.isBlank()) s.append(about.strip()).append("\n\n");
        s.append(FINDINGS_START).append('\n').append(findings == null ? "(No findings written yet.)\n" : findings)
                .append(FINDINGS_END).append("\n\n");
        s.append("## How to read the tables\n\n"
                + "- *insns*: instructions in the main loop's body (from the backward branch's target to the branch)."
                + "\n- *stores*: stores per iteration (the unroll factor, as each store writes one vector)."
                + "\n- *elems*: elements written per iteration = bytes stored / element size."
                + "\n- *insns/elem*, *B ld/elem*, *B st/elem*: per element written; loads folded into a compare"
                + " count as loads.\n- *pre*: a loop before the main loop (the alignment pre-loop of an"
                + " auto-vectorised loop); *post*: loops after it, with their elements per iteration; *tail*:"
                + " instructions laid out up to the masked store, when there is one.\n\n");
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            s.append("## Configuration `").append(e.getKey()).append("`\n\n");
            s.append("| target | vector | insns | stores | elems | insns/elem | B ld/elem | B st/elem | pre | post"
                    + " | tail |\n|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|\n");
            for (Result r : e.getValue()) s.append(row(r)).append('\n');
            s.append('\n');
        }
        // Side by side: instructions per element of each target across the configurations.
        if (results.size() > 1) {
            s.append("## Side by side: instructions per element (elements per iteration)\n\n| target |");
            for (String c : results.keySet()) s.append(' ').append(c).append(" |");
            s.append("\n|---|");
            for (int i = 0; i < results.size(); i++) s.append("---:|");
            s.append('\n');
            List<Result> first = results.values().iterator().next();
            for (Result r : first) {
                s.append("| ").append(r.target().name()).append(" |");
                for (List<Result> rs : results.values()) {
                    Result o = rs.stream().filter(x -> x.target().name().equals(r.target().name())).findFirst()
                            .orElse(null);
                    s.append(' ').append(cell(o)).append(" |");
                }
                s.append('\n');
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String cell(Result r) {
        if (r == null || r.analysis() == null) return "-";
        AsmAnalysis a = r.analysis().main == null && r.stub() != null ? r.stub() : r.analysis();
        if (a.main == null) return "-";
        Loop m = a.main;
        if (m.allocates()) return "allocates";
        double e = a.elementsPerIteration(m);
        return String.format(Locale.ROOT, "%.3f (%s)", m.insns() / e, AsmAnalysis.fmt(e));
    }

    static String row(Result r) {
        String name = "[" + r.target().name() + "](" + r.config() + "/" + r.target().name() + ".txt)";
        AsmAnalysis a = r.analysis();
        String via = "";
        if (a != null && a.main == null && r.stub() != null && r.stub().main != null) {
            via = "stub " + a.arraycopyStub + ", ";
            a = r.stub();
        }
        if (a == null || a.main == null) {
            String why = a == null ? "not compiled by C2 in this run"
                    : a.arraycopyStub != null ? "calls StubRoutines::" + a.arraycopyStub : "no loop";
            return "| " + name + " | " + why + " | | | | | | | | | |";
        }
        Loop m = a.main;
        if (m.allocates()) {
            return "| " + name + " | " + via + (m.vectorBits() == 0 ? "scalar" : m.vectorBits() + "-bit")
                    + ", **allocates in the loop** | " + m.insns() + " | | | | | | | | |";
        }
        AsmAnalysis fa = a;
        double e = a.elementsPerIteration(m);
        String pre = a.loops.stream().filter(l -> l.role().equals("pre"))
                .map(l -> AsmAnalysis.fmt(fa.elementsPerIteration(l)) + "/it").reduce((x, y) -> x + ", " + y)
                .orElse("none");
        String post = a.loops.stream().filter(l -> l.role().equals("post"))
                .map(l -> AsmAnalysis.fmt(fa.elementsPerIteration(l)) + "/it").reduce((x, y) -> x + ", " + y)
                .orElse("none");
        String tail = a.tailTo >= 0 ? Integer.toString(a.tailTo - a.tailFrom + 1) : "none";
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %.3f | %.2f | %.2f | %s | %s | %s |", name,
                via + (m.vectorBits() == 0 ? "scalar" : m.vectorBits() + "-bit"), m.insns(), m.stores(),
                AsmAnalysis.fmt(e),
                m.insns() / e, m.loadBytes() / e, m.storeBytes() / e, pre, post, tail);
    }

    /** One JMH average-time result, mapped to a target. */
    record Timing(String target, int size, double nsPerOp, double error) {}

    /**
     * The JMH results (JSON, average time in ns/op) that time a target: {@code KernelsBenchmark.vector}
     * for a kernel (by its kernel, pass and format params), the bounds by
     * {@link AsmTargets#BOUND_BENCHMARKS}.
     */
    static List<Timing> timings(String json) {
        List<Timing> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            String benchmark = o.get("benchmark").getAsString();
            String[] parts = benchmark.split("\\.");
            if (parts.length < 2 || !parts[parts.length - 2].equals("KernelsBenchmark")) continue;
            String method = parts[parts.length - 1];
            JsonObject metric = o.getAsJsonObject("primaryMetric");
            if (!metric.get("scoreUnit").getAsString().equals("ns/op")) continue;
            JsonObject params = o.getAsJsonObject("params");
            if (params == null || !params.has("size") || !params.has("format")) continue;
            String type = params.get("format").getAsString().equals("F32") ? "float" : "double";
            String target = null;
            if (method.equals("vector") && params.has("kernel") && params.has("pass")) {
                target = AsmTargets.kernelTarget(params.get("kernel").getAsString(), params.get("pass").getAsString(),
                        type);
            } else {
                for (Map.Entry<String, String> b : AsmTargets.BOUND_BENCHMARKS.entrySet()) {
                    if (b.getValue().equals(method)) {
                        target = b.getKey() + "-" + type;
                    }
                }
            }
            if (target == null) continue;
            double err = metric.has("scoreError") && metric.get("scoreError").isJsonPrimitive()
                    && !metric.get("scoreError").getAsString().equals("NaN")
                    ? metric.get("scoreError").getAsDouble() : Double.NaN;
            out.add(new Timing(target, Integer.parseInt(params.get("size").getAsString()),
                    metric.get("score").getAsDouble(), err));
        }
        return out;
    }

    /** The timings next to the main loops' counts: what each result comes to per element and instruction. */
    static String speedSection(Map<String, List<Result>> results, Map<String, List<Timing>> timings) {
        if (timings.isEmpty()) return "";
        StringBuilder s = new StringBuilder();
        s.append("## Speed against instructions\n\n"
                + "A short JMH run on the same machine right after the listings, with the same VM flags"
                + " (KernelsBenchmark, random data, 1 fork of 3 x 400 ms warm-up +"
                + " 3 x 300 ms; +- is JMH's 99.9% error). *ns/elem* is the time per call over its elements;"
                + " *insns/ns* multiplies the main loop's instructions per element by the elements per ns, the"
                + " rate at which the main loop's instructions retire if the call spent all its time there (it"
                + " also runs the tail and the call overhead, which weigh most at 1 Ki); *B/ns* likewise for the"
                + " bytes the loop loads and stores. The bound rows are the same loops as in the tables above:"
                + " the benchmarks' `vectorCopy`, `reluMathMax` and `copy` (System.arraycopy). A result whose"
                + " error is more than half its score is marked *noisy*: read nothing into it.\n\n");
        for (Map.Entry<String, List<Timing>> e : timings.entrySet()) {
            List<Result> rs = results.get(e.getKey());
            if (rs == null) continue;
            s.append("### Configuration `").append(e.getKey()).append("`\n\n");
            s.append("| target | size | ns/op | ns/elem | insns/elem | insns/ns | B/ns |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            for (Result r : rs) {
                for (Timing t : e.getValue()) {
                    if (!t.target().equals(r.target().name())) continue;
                    double nsPerElem = t.nsPerOp() / t.size();
                    String insns = "", rate = "", bytes = "";
                    AsmAnalysis a = r.analysis();
                    if (a != null && a.main == null && r.stub() != null) a = r.stub();
                    if (a != null && a.main != null && !a.main.allocates()) {
                        Loop m = a.main;
                        double perElem = m.insns() / a.elementsPerIteration(m);
                        double bytesPerElem = (m.loadBytes() + m.storeBytes()) / a.elementsPerIteration(m);
                        insns = String.format(Locale.ROOT, "%.3f", perElem);
                        rate = String.format(Locale.ROOT, "%.2f", perElem / nsPerElem);
                        bytes = String.format(Locale.ROOT, "%.1f", bytesPerElem / nsPerElem);
                    } else if (a != null && a.main != null) {
                        insns = "allocates";
                    }
                    String err = Double.isNaN(t.error()) ? "" : String.format(Locale.ROOT, " +- %.1f", t.error())
                            + (t.error() > 0.5 * t.nsPerOp() ? " (noisy)" : "");
                    s.append(String.format(Locale.ROOT, "| %s | %d | %.1f%s | %.4f | %s | %s | %s |%n",
                            r.target().name(), t.size(), t.nsPerOp(), err, nsPerElem, insns, rate, bytes));
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String findings(String readme) {
        int a = readme.indexOf(FINDINGS_START);
        int b = readme.indexOf(FINDINGS_END);
        if (a < 0 || b < a) return null;
        return readme.substring(a + FINDINGS_START.length() + 1, b);
    }
}
