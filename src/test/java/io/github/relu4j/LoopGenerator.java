package io.github.relu4j;

import java.util.List;
import java.util.Map;

/**
 * Writes {@code ScalarLoops.java}, {@code PortableLoops.java} and {@code VectorLoops.java}: for every op of the catalogue
 * ({@link Op}), every {@link Format} and both containers (arrays, native segments), one loop
 * method around the op's lane function, and the switch that {@link Loops} calls. The loops are
 * generated rather than written by hand because they are the same few shapes a hundred times:
 * the templates below are the one place where a loop's shape is decided (masked tail, index
 * arithmetic, byte order), and every op and format gets it alike. The output is committed;
 * {@link GeneratedLoopsTest} fails when it differs from what this class writes now, and
 * {@code ./test.sh --generate} rewrites it.
 */
final class LoopGenerator {
    private LoopGenerator() {}

    /** What the templates need to know of a format. Every {@link Format} must have an entry. */
    private record Type(String java, String box, String vector, String layoutType, String layout, String bits,
                        String bitsScratch, String valuesScratch) {}

    private static final Map<Format, Type> TYPES = Map.of(
            Format.F32, new Type("float", "Float", "FloatVector", "ValueLayout.OfFloat",
                    "ValueLayout.JAVA_FLOAT_UNALIGNED", "int", "ints", "floats"),
            Format.F64, new Type("double", "Double", "DoubleVector", "ValueLayout.OfDouble",
                    "ValueLayout.JAVA_DOUBLE_UNALIGNED", "long", "longs", "doubles"),
            // The 16-bit formats: lanes of their own (HalfLanes, VectorHalves), no portable staging.
            Format.BF16, new Type("short", "Short", "ShortVector", "ValueLayout.OfShort",
                    "ValueLayout.JAVA_SHORT_UNALIGNED", null, null, null),
            Format.F16, new Type("short", "Short", "ShortVector", "ValueLayout.OfShort",
                    "ValueLayout.JAVA_SHORT_UNALIGNED", null, null, null));

    /** One engine's generated file: element-at-a-time loops, or whole vectors with a masked tail. */
    enum Target {
        SCALAR("ScalarLoops", "scalar", "ScalarLanes", false,
                "The {@link ScalarLanes} reference functions, one element at a time, for every op and format."),
        PORTABLE("PortableLoops", "portable", "PortableLanes", false,
                "The {@link PortableLanes} functions for every op and format: each chunk of elements is copied\n"
                + " * into {@link PortableScratch} as bits, computed on there in loops C2 auto-vectorises, and copied out."),
        VECTOR("VectorLoops", "vector", "VectorLanes", true, null);

        final String className;
        final String name;
        final String lanes;
        final boolean vector;
        final String doc;

        Target(String className, String name, String lanes, boolean vector, String doc) {
            this.className = className;
            this.name = name;
            this.lanes = lanes;
            this.vector = vector;
            this.doc = doc;
        }

        String fileName() {
            return className + ".java";
        }
    }

    static String generate(Target engine) {
        StringBuilder s = new StringBuilder();
        s.append(header(engine));
        s.append(dispatch(engine, false, false)).append(dispatch(engine, false, true));
        s.append(dispatch(engine, true, false)).append(dispatch(engine, true, true));
        for (Op op : Op.values()) {
            for (boolean backward : List.of(false, true)) {
                for (Format f : Format.values()) {
                    if (engine == Target.PORTABLE && f.half) {
                        continue;
                    }
                    s.append(loop(engine, op, backward, f, false));
                    s.append(loop(engine, op, backward, f, true));
                    if (engine == Target.PORTABLE && !f.half) {
                        s.append(laneLoop(op, backward, f));
                    }
                }
            }
        }
        if (engine.vector) {
            s.append(fusedDispatch());
            for (Op op : Op.values()) {
                for (Format f : List.of(Format.F32, Format.F64)) {
                    s.append(fusedLoop(op, f));
                }
            }
        }
        if (engine == Target.PORTABLE) {
            for (Format f : Format.values()) {
                if (f.half) {
                    continue;
                }
                String java = type(f).java();
                s.append("\n    /** v[0 .. n) *= a, in place: the products of the ops that scale. */\n");
                s.append("    private static void scale(").append(java).append("[] v, int n, ").append(java)
                        .append(" a) {\n        for (int i = 0; i < n; i++) {\n            v[i] *= a;\n        }\n    }\n");
            }
        }
        return s.append("}\n").toString();
    }

    private static Type type(Format f) {
        Type t = TYPES.get(f);
        if (t == null) {
            throw new IllegalStateException("LoopGenerator has no template types for format " + f);
        }
        return t;
    }

    private static String header(Target engine) {
        StringBuilder s = new StringBuilder("""
                // Generated by src/test/java/io/github/relu4j/LoopGenerator.java from the catalogue in Op.java.
                // Do not edit: change the generator or the catalogue, then run ./test.sh --generate.
                package io.github.relu4j;

                import java.lang.foreign.MemorySegment;
                """);
        if (!engine.vector) {
            String c = engine.className;
            s.append("import java.lang.foreign.ValueLayout;\n\n");
            s.append("/** ").append(engine.doc).append(" */\n");
            s.append("final class ").append(c).append(" implements Loops {\n");
            s.append("    static final ").append(c).append(" INSTANCE = new ").append(c).append("();\n\n");
            for (Format f : Format.values()) {
                s.append("    private static final ").append(type(f).layoutType()).append(' ').append(f.name())
                        .append(" = ").append(type(f).layout()).append(";\n");
            }
            s.append("\n    private ").append(c).append("() {}\n");
            for (String method : List.of("name", "toString")) {
                s.append("\n    @Override\n    public String ").append(method).append("() {\n        return \"")
                        .append(engine.name).append("\";\n    }\n");
            }
            if (engine == Target.PORTABLE) {
                s.append("\n    @Override\n    public boolean referenceFor(Format format) {\n")
                        .append("        return format.half;\n    }\n");
            }
        } else {
            s.append("import java.lang.foreign.ValueLayout;\nimport java.nio.ByteOrder;\n");
            java.util.TreeSet<String> vectors = new java.util.TreeSet<>(
                    java.util.Arrays.stream(Format.values()).map(f -> type(f).vector()).toList());
            vectors.add("IntVector"); // the fused loops' counts
            vectors.forEach(v -> s.append("import jdk.incubator.vector.").append(v).append(";\n"));
            s.append("import jdk.incubator.vector.VectorMask;\nimport jdk.incubator.vector.VectorOperators;\n"
                    + "import jdk.incubator.vector.VectorShape;\nimport jdk.incubator.vector.VectorSpecies;\n\n");
            s.append("""
                    /**
                     * The {@link VectorLanes} functions over whole vectors, for every op and format: a main loop
                     * over whole vectors up to {@code loopBound}, then at most one masked vector for the tail;
                     * on segments, first a masked vector up to the output's first aligned vector. One species
                     * per format, a constant C2 folds.
                     */
                    final class VectorLoops implements Loops {
                        static final VectorLoops INSTANCE = new VectorLoops();

                    """);
            for (Format f : Format.values()) {
                Type t = type(f);
                if (!f.half) { // the 16-bit formats' species are VectorHalves'
                    s.append("    private static final VectorSpecies<").append(t.box()).append("> ").append(f.name())
                            .append(" = ").append(t.vector()).append(".SPECIES_PREFERRED;\n");
                }
            }
            s.append("""
                        /** Ints with the lanes of a float vector, and of a double vector: the fused loops' counts. */
                        private static final VectorSpecies<Integer> F32_COUNTS = IntVector.SPECIES_PREFERRED;
                        private static final VectorSpecies<Integer> F64_COUNTS = VectorSpecies.of(int.class,
                                VectorShape.forBitSize(Math.max(64, F64.vectorBitSize() / 2)));
                        private static final ByteOrder ORDER = ByteOrder.nativeOrder();

                        private VectorLoops() {}

                        @Override
                        public String name() {
                            return "vector";
                        }

                        @Override
                        public String toString() {
                            return "vector (" + VectorLanes.describe() + ")";
                        }

                        @Override
                        public ChannelKernels channels() {
                            return VectorChannels.INSTANCE;
                        }

                        @Override
                        public BlockKernels blocks(long elements) {
                            return VectorBlocks.INSTANCE;
                        }

                        /**
                         * How many of {@code length} elements of {@code bytes} each, from element {@code offset}
                         * of {@code out}, lie before its first address that is a multiple of {@code species}'
                         * vector size: the masked head after which every vector store is aligned (when the
                         * elements are not aligned to their own size, no element start is, and the head is
                         * only shorter than a vector). Without a branch: one whose arm a warm-up never took
                         * would deoptimise the kernel the first time a caller's address takes it.
                         */
                        private static long head(MemorySegment out, long offset, int bytes, VectorSpecies<?> species,
                                                 long length) {
                            long vectorBytes = species.vectorByteSize();
                            long past = (out.address() + offset * bytes) & (vectorBytes - 1);
                            return Math.min(length, ((vectorBytes - past) & (vectorBytes - 1)) / bytes);
                        }
                    """);
        }
        return s.toString();
    }

    /** The interface method: a switch on the format, then on the op, to the loop. */
    private static String dispatch(Target engine, boolean backward, boolean segment) {
        String index = segment ? "long" : "int";
        String array = segment ? "MemorySegment" : "Object";
        StringBuilder s = new StringBuilder("\n    @Override\n    public void ")
                .append(backward ? "map2" : "map1").append("(Op op, Format format, ")
                .append(array).append(" x, ").append(index).append(" xOffset, ");
        if (backward) {
            s.append(array).append(" dy, ").append(index).append(" dyOffset, ")
                    .append(array).append(" dx, ").append(index).append(" dxOffset, ");
        } else {
            s.append(array).append(" y, ").append(index).append(" yOffset, ");
        }
        s.append(index).append(" length, double p, double q) {\n        switch (format) {\n");
        for (Format f : Format.values()) {
            Type t = type(f);
            String cast = segment ? "" : "(" + t.java() + "[]) ";
            if (engine == Target.PORTABLE && f.half) {
                // No portable lanes for 16-bit encodings yet: the reference's loops (see referenceFor).
                s.append("            case ").append(f.name()).append(" -> ScalarLoops.INSTANCE.")
                        .append(backward ? "map2" : "map1").append("(op, format, x, xOffset, ")
                        .append(backward ? "dy, dyOffset, dx, dxOffset, " : "y, yOffset, ")
                        .append("length, p, q);\n");
                continue;
            }
            s.append("            case ").append(f.name()).append(" -> {\n                switch (op) {\n");
            for (Op op : Op.values()) {
                s.append("                    case ").append(op.name()).append(" -> ")
                        .append(op.loop(backward, f)).append('(').append(cast).append("x, xOffset, ");
                if (backward) {
                    s.append(cast).append("dy, dyOffset, ").append(cast).append("dx, dxOffset, ");
                } else {
                    s.append(cast).append("y, yOffset, ");
                }
                s.append("length");
                String[] values = {"p", "q"};
                for (int i = 0; i < op.params.size(); i++) {
                    s.append(", ").append(f.single ? "(float) " : "").append(values[i]);
                }
                s.append(");\n");
            }
            s.append("                }\n            }\n");
        }
        return s.append("        }\n    }\n").toString();
    }

    /** One loop: the op's lane function over {@code f}'s array or segment. */
    private static String loop(Target engine, Op op, boolean backward, Format f, boolean segment) {
        Type t = type(f);
        String index = segment ? "long" : "int";
        String array = segment ? "MemorySegment" : t.java() + "[]";
        String out = backward ? "dx" : "y";
        StringBuilder params = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (String p : op.params) {
            params.append(", ").append(f.single ? "float" : "double").append(' ').append(p);
            args.append(", ").append(p);
        }
        StringBuilder s = new StringBuilder("\n    static void ").append(op.loop(backward, f)).append('(')
                .append(array).append(" x, ").append(index).append(" xOffset, ");
        if (backward) {
            s.append(array).append(" dy, ").append(index).append(" dyOffset, ");
        }
        s.append(array).append(' ').append(out).append(", ").append(index).append(' ').append(out)
                .append("Offset, ").append(index).append(" length").append(params).append(") {\n");
        String lane = engine.lanes + "." + op.lane + (backward ? "Gradient" : "");
        String first = "";
        if (f.half) {
            // 16-bit: the reference lanes take the format; the vector lanes are per format.
            lane = engine.vector ? "VectorHalves." + op.lane + (backward ? "Gradient" : "") + f.name()
                    : "HalfLanes." + op.lane + (backward ? "Gradient" : "");
            first = engine.vector ? "" : "Format." + f.name() + ", ";
        }
        if (engine == Target.PORTABLE && !f.half) {
            s.append(stagedBody(op, backward, f, segment, t, args));
        } else if (engine.vector && f == Format.F16 && op.scales) {
            // binary16 products: staged through C2's conversion instructions (F16Products says why).
            String src = backward ? "dy, dyOffset" : "x, xOffset";
            s.append("        F16Products.scale(x, xOffset, ").append(src).append(", ").append(out).append(", ")
                    .append(out).append("Offset, length").append(args).append(");\n");
        } else if (!engine.vector) {
            s.append("        for (").append(index).append(" i = 0; i < length; i++) {\n            ");
            String xi = segment ? "x.getAtIndex(" + f.name() + ", xOffset + i)" : "x[xOffset + i]";
            String dyi = segment ? "dy.getAtIndex(" + f.name() + ", dyOffset + i)" : "dy[dyOffset + i]";
            String value = lane + "(" + first + xi + (backward ? ", " + dyi : "") + args + ")";
            if (segment) {
                s.append(out).append(".setAtIndex(").append(f.name()).append(", ").append(out)
                        .append("Offset + i, ").append(value).append(");\n");
            } else {
                s.append(out).append('[').append(out).append("Offset + i] = ").append(value).append(";\n");
            }
            s.append("        }\n");
        } else {
            // 16-bit selections never widen, so they take the preferred width of shorts.
            String sp = !f.half ? f.name() : op.scales ? "VectorHalves.HALF" : "VectorHalves.SHORTS";
            s.append("        ").append(index).append(" i = 0;\n");
            // 16-bit lanes are large: inlined into the loop method at the head and the tail as
            // well, C2 ran out of inlining budget or left a lane as a call, depending on the
            // profile, and boxed its vectors. There the 16-bit loops take the reference's lanes,
            // an element at a time: no vector, and fewer than a vector's elements.
            String scalarPart = f.half ? scalarElements(op, backward, f, segment, args) : null;
            if (segment) {
                // Native memory has an address: a masked head up to the output's first vector-aligned
                // element keeps every store of the main loop on one cache line (AlignmentBenchmark).
                s.append("        long head = head(").append(out).append(", ").append(out).append("Offset, ")
                        .append(f.bytes).append(", ").append(sp).append(", length);\n");
                s.append("        if (head > 0) {\n");
                if (f.half) {
                    s.append("            for (; i < head; i++) {\n").append(scalarPart).append("            }\n");
                } else {
                    s.append("            VectorMask<").append(t.box()).append("> m = ").append(sp)
                            .append(".indexInRange(0, head);\n");
                    s.append("            ").append(vectorStatement(t, sp, lane, backward, segment, args, f.bytes, ", m"))
                            .append('\n');
                }
                if (!f.half) {
                    s.append("            i = head;\n");
                }
                s.append("        }\n");
            }
            String bound = segment ? "i + " + sp + ".loopBound(length - i)" : sp + ".loopBound(length)";
            s.append("        for (").append(index).append(" bound = ").append(bound).append("; i < bound; i += ")
                    .append(sp).append(".length()) {\n");
            s.append("            ").append(vectorStatement(t, sp, lane, backward, segment, args, f.bytes, "")).append('\n');
            s.append("        }\n        if (i < length) {\n");
            if (f.half) {
                s.append("            for (; i < length; i++) {\n").append(scalarPart).append("            }\n");
            } else {
                s.append("            VectorMask<").append(t.box()).append("> m = ").append(sp).append(".indexInRange(i, length);\n");
                s.append("            ").append(vectorStatement(t, sp, lane, backward, segment, args, f.bytes, ", m")).append('\n');
            }
            s.append("        }\n");
        }
        return s.append("    }\n").toString();
    }

    /** The fused forward's switch, for floats and doubles (the 16-bit formats compose, {@link BlockKernels}). */
    private static String fusedDispatch() {
        StringBuilder s = new StringBuilder("""

                    /**
                     * {@link BlockKernels#fused} in one pass, for floats and doubles: per vector, the bias
                     * ({@code biasKind} 1: {@code bias[biasOffset + i]}, 2: {@code runBias}, 0: none), the
                     * gate's bits into {@code words} (bit {@code i} for element {@code i}), the count per
                     * element into {@code counts}, and the activation; returns, with {@code positives} and
                     * no {@code counts}, how many sums are above 0.
                     */
                    static int fused(Op op, Format format, Object x, int xOffset, Object y, int yOffset, int length,
                                     double p, double q, Object bias, int biasOffset, double runBias, int biasKind,
                                     long[] words, int[] counts, int countsOffset, boolean positives) {
                        double low = op.gateLow(p);
                        double high = op.gateHigh(q);
                        switch (format) {
                """);
        for (Format f : List.of(Format.F32, Format.F64)) {
            Type t = type(f);
            String c = f.single ? "(float) " : "";
            s.append("            case ").append(f.name()).append(" -> {\n                switch (op) {\n");
            for (Op op : Op.values()) {
                s.append("                    case ").append(op.name()).append(" -> {\n                        return ")
                        .append(op.lane).append("Fused").append(f.name()).append("((").append(t.java())
                        .append("[]) x, xOffset, (").append(t.java()).append("[]) y, yOffset, length,\n")
                        .append("                                (").append(t.java()).append("[]) bias, biasOffset, ")
                        .append(c).append("runBias, biasKind, words, counts, countsOffset, positives, ").append(c).append("low, ")
                        .append(c).append("high");
                String[] values = {"p", "q"};
                for (int i = 0; i < op.params.size(); i++) {
                    s.append(", ").append(c).append(values[i]);
                }
                s.append(");\n                    }\n");
            }
            s.append("                }\n            }\n");
        }
        s.append("""
                            default -> {
                            }
                        }
                        throw new IllegalArgumentException("no fused loop for " + format);
                    }
                """);
        return s.toString();
    }

    /** The fused forward's features: each combination has a loop of its own, with only its work in it. */
    private static final String[] FEATURES = {"Bias", "Mask", "Count"};

    /**
     * One op and format's fused forward: the entry {@link #fusedDispatch} calls, which picks the
     * loop of the call's features (a bias, the mask's bits, a count), and those loops. Beyond the
     * caches a loop's instructions per vector set how far ahead its loads can be in flight, so
     * every feature a call does not use would cost it time.
     */
    private static String fusedLoop(Op op, Format f) {
        Type t = type(f);
        String j = t.java();
        StringBuilder params = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (String p : op.params) {
            params.append(", ").append(j).append(' ').append(p);
            args.append(", ").append(p);
        }
        String name = op.lane + "Fused" + f.name();
        String signature = "(" + j + "[] x, int xOffset, " + j + "[] y, int yOffset, int length, " + j + "[] bias,\n"
                + "            int biasOffset, " + j + " runBias, int biasKind, long[] words, int[] counts, int countsOffset,\n"
                + "            boolean positives, " + j + " low, " + j + " high" + params + ")";
        String call = "(x, xOffset, y, yOffset, length, bias, biasOffset, runBias, biasKind, words, counts, countsOffset,\n"
                + "                positives, low, high" + args + ")";
        StringBuilder s = new StringBuilder("\n    private static int ").append(name).append(signature).append(" {\n");
        s.append("        int features = (biasKind != 0 ? 1 : 0) | (words != null ? 2 : 0) | (counts != null || positives ? 4 : 0);\n");
        s.append("        switch (features) {\n");
        for (int v = 1; v < 8; v++) {
            s.append("            case ").append(v).append(" -> {\n                return ").append(name)
                    .append(features(v)).append(call).append(";\n            }\n");
        }
        s.append("            default -> {\n                ").append(op.loop(false, f))
                .append("(x, xOffset, y, yOffset, length").append(args).append(");\n                return 0;\n")
                .append("            }\n        }\n    }\n");
        for (int v = 1; v < 8; v++) {
            s.append(fusedVariant(op, f, v, name + features(v), signature, args));
        }
        return s.toString();
    }

    /** The name part of feature set {@code v} (bit 0 bias, 1 mask, 2 count). */
    private static String features(int v) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < FEATURES.length; k++) {
            if ((v & 1 << k) != 0) {
                s.append(FEATURES[k]);
            }
        }
        return s.toString();
    }

    private static String fusedVariant(Op op, Format f, int v, String name, String signature, CharSequence args) {
        Type t = type(f);
        String j = t.java();
        String vec = t.vector();
        String sp = f.name();
        String zero = f.single ? "0f" : "0d";
        boolean bias = (v & 1) != 0;
        boolean mask = (v & 2) != 0;
        boolean count = (v & 4) != 0;
        StringBuilder s = new StringBuilder("\n    private static int ").append(name).append(signature).append(" {\n");
        s.append("        int count = 0;\n");
        if (mask) {
            s.append("        long bits = 0;\n");
        }
        s.append("        int i = 0;\n");
        s.append("        for (int bound = ").append(sp).append(".loopBound(length); i < bound; i += ").append(sp)
                .append(".length()) {\n");
        s.append("            ").append(vec).append(" v = ").append(vec).append(".fromArray(").append(sp)
                .append(", x, xOffset + i);\n");
        if (bias) {
            s.append("            v = biasKind == 1 ? v.add(").append(vec).append(".fromArray(").append(sp)
                    .append(", bias, biasOffset + i)) : v.add(runBias);\n");
        }
        if (count) {
            s.append("            VectorMask<").append(t.box()).append("> above = v.compare(VectorOperators.GT, ")
                    .append(zero).append(");\n");
            s.append("            if (counts != null) {\n");
            s.append("                IntVector.fromArray(").append(sp).append("_COUNTS, counts, countsOffset + i).add(1, above.cast(")
                    .append(sp).append("_COUNTS))\n                        .intoArray(counts, countsOffset + i);\n");
            s.append("            } else {\n                count += above.trueCount();\n            }\n");
        }
        if (mask) { // a word's bits gather in a register, stored once whole
            s.append("            bits |= ").append(passes(op)).append(".toLong() << i;\n");
            s.append("            if (((i + ").append(sp).append(".length()) & 63) == 0) {\n");
            s.append("                words[i >>> 6] = bits;\n                bits = 0;\n            }\n");
        }
        s.append("            VectorLanes.").append(op.lane).append("(v").append(args).append(").intoArray(y, yOffset + i);\n");
        s.append("        }\n");
        if (mask) {
            s.append("        if ((i & 63) != 0) {\n            words[i >>> 6] = bits;\n        }\n");
        }
        s.append("        for (; i < length; i++) {\n");
        s.append("            ").append(j).append(" v = x[xOffset + i];\n");
        if (bias) {
            s.append("            v += biasKind == 1 ? bias[biasOffset + i] : runBias;\n");
        }
        if (count) {
            s.append("            int above = v > ").append(zero).append(" ? 1 : 0;\n");
            s.append("            if (counts != null) {\n                counts[countsOffset + i] += above;\n")
                    .append("            } else {\n                count += above;\n            }\n");
        }
        if (mask) {
            s.append("            words[i >>> 6] |= (").append(scalarPasses(op)).append(" ? 1L : 0L) << i;\n");
        }
        s.append("            y[yOffset + i] = ScalarLanes.").append(op.lane).append("(v").append(args).append(");\n");
        s.append("        }\n        return count;\n    }\n");
        return s.toString();
    }

    /**
     * The lanes where {@code op}'s gradient passes, from the catalogue's gate ({@link Op#gateLow},
     * {@link Op#gateHigh}): as few compares as the op needs.
     */
    private static String passes(Op op) {
        if (op.scales) {
            return "v.compare(VectorOperators.GT, low)"; // NaN does not pass
        }
        return Double.isNaN(op.gateHigh(1)) ? "v.compare(VectorOperators.LE, low).not()"
                : "v.compare(VectorOperators.LE, low).or(v.compare(VectorOperators.GE, high)).not()";
    }

    /** {@link #passes} for one element. */
    private static String scalarPasses(Op op) {
        if (op.scales) {
            return "v > low";
        }
        return Double.isNaN(op.gateHigh(1)) ? "!(v <= low)" : "!(v <= low) && !(v >= high)";
    }

    /** One element {@code i} of a 16-bit kernel by the reference's lane ({@link HalfLanes}), as a statement. */
    private static String scalarElements(Op op, boolean backward, Format f, boolean segment, CharSequence args) {
        String out = backward ? "dx" : "y";
        String layout = "ValueLayout.JAVA_SHORT_UNALIGNED";
        String xi = segment ? "x.getAtIndex(" + layout + ", xOffset + i)" : "x[xOffset + i]";
        String dyi = segment ? "dy.getAtIndex(" + layout + ", dyOffset + i)" : "dy[dyOffset + i]";
        String value = "HalfLanes." + op.lane + (backward ? "Gradient" : "") + "(Format." + f.name() + ", " + xi
                + (backward ? ", " + dyi : "") + args + ")";
        return "                " + (segment ? out + ".setAtIndex(" + layout + ", " + out + "Offset + i, " + value + ")"
                : out + "[" + out + "Offset + i] = " + value) + ";\n";
    }

    /**
     * The portable loop's body: per chunk, copy the operands' bits into the scratch ints (x at 0,
     * dy at CHUNK) and, for an op that scales, the operand times the first parameter (computed in
     * floating point in the scratch values) at 2 * CHUNK; run the lane over the ints; copy the
     * result out.
     */
    private static String stagedBody(Op op, boolean backward, Format f, boolean segment, Type t, CharSequence args) {
        String out = backward ? "dx" : "y";
        String chunk = "PortableScratch.CHUNK";
        String index = segment ? "long" : "int";
        String bits = t.bitsScratch() + "Segment";
        StringBuilder s = new StringBuilder();
        s.append("        PortableScratch s = PortableScratch.get();\n");
        s.append("        ").append(t.bits()).append("[] b = s.").append(t.bitsScratch()).append(";\n");
        if (op.scales) {
            s.append("        ").append(t.java()).append("[] v = s.").append(t.valuesScratch()).append(";\n");
        }
        // Parameters as bits, once: a conversion inside the loop would keep C2 from vectorising it.
        StringBuilder bitArgs = new StringBuilder();
        for (String p : op.params) {
            s.append("        ").append(t.bits()).append(' ').append(p).append("Bits = ").append(t.box())
                    .append(f.single ? ".floatToRawIntBits(" : ".doubleToRawLongBits(").append(p).append(");\n");
            bitArgs.append(", ").append(p).append("Bits");
        }
        s.append("        for (").append(index).append(" done = 0; done < length; done += ").append(chunk).append(") {\n");
        s.append("            int n = ").append(segment ? "(int) " : "").append("Math.min(").append(chunk)
                .append(", length - done);\n");
        s.append(copyIn(f, "x", segment, bits, "0"));
        if (backward) {
            s.append(copyIn(f, "dy", segment, bits, chunk + " * " + f.bytes + "L"));
        }
        if (op.scales) {
            s.append(copyIn(f, backward ? "dy" : "x", segment, t.valuesScratch() + "Segment", "0"));
            s.append("            scale(v, n, ").append(op.params.getFirst()).append(");\n");
            s.append("            MemorySegment.copy(s.").append(t.valuesScratch()).append("Segment, 0, s.").append(bits)
                    .append(", 2L * ").append(chunk).append(" * ").append(f.bytes).append(", n * ").append(f.bytes)
                    .append("L);\n");
        }
        s.append("            ").append(laneLoopName(op, backward, f)).append("(b, n").append(bitArgs).append(");\n");
        if (segment) {
            s.append("            MemorySegment.copy(s.").append(bits).append(", 0, ").append(out).append(", (").append(out)
                    .append("Offset + done) * ").append(f.bytes).append(", n * ").append(f.bytes).append("L);\n");
        } else {
            s.append("            MemorySegment.copy(s.").append(bits).append(", ").append(f.name()).append(", 0, ")
                    .append(out).append(", ").append(out).append("Offset + done, n);\n");
        }
        return s.append("        }\n").toString();
    }

    private static String laneLoopName(Op op, boolean backward, Format f) {
        return op.loop(backward, f) + "Bits";
    }

    /**
     * The lane function over a chunk of scratch bits, in a method of its own: every container's
     * loop calls it, so it is invoked often and compiled as a method. (Inside the kernel method,
     * behind the chunk loop, C2 compiled it only on stack replacement, and the method itself
     * stayed interpreted for seconds.)
     */
    private static String laneLoop(Op op, boolean backward, Format f) {
        Type t = type(f);
        String chunk = "PortableScratch.CHUNK";
        StringBuilder s = new StringBuilder("\n    private static void ").append(laneLoopName(op, backward, f)).append('(')
                .append(t.bits()).append("[] b, int n");
        StringBuilder call = new StringBuilder("PortableLanes.").append(op.lane).append(backward ? "Gradient" : "")
                .append("(b[i]");
        if (backward) {
            call.append(", b[").append(chunk).append(" + i]");
        }
        if (op.scales) {
            call.append(", b[2 * ").append(chunk).append(" + i]");
        }
        for (String p : op.params) {
            s.append(", ").append(t.bits()).append(' ').append(p).append("Bits");
            call.append(", ").append(p).append("Bits");
        }
        call.append(')');
        s.append(") {\n        for (int i = 0; i < n; i++) {\n            b[i] = ").append(call).append(";\n        }\n    }\n");
        return s.toString();
    }

    /** Copies n elements of {@code name}, from {@code done} on, into a scratch segment at byte offset {@code at}. */
    private static String copyIn(Format f, String name, boolean segment, String scratch, String at) {
        if (segment) {
            return "            MemorySegment.copy(" + name + ", (" + name + "Offset + done) * " + f.bytes + ", s." + scratch
                    + ", " + at + ", n * " + f.bytes + "L);\n";
        }
        return "            MemorySegment.copy(" + name + ", " + name + "Offset + done, s." + scratch + ", " + f.name()
                + ", " + at + ", n);\n";
    }

    /** lane(load(x)[, load(dy)], params).store(out): one vector, masked when {@code mask} is ", m". */
    private static String vectorStatement(Type t, String species, String lane, boolean backward, boolean segment,
                                          CharSequence args, int bytes, String mask) {
        String out = backward ? "dx" : "y";
        String value = lane + "(" + load(t, species, "x", segment, bytes, mask)
                + (backward ? ", " + load(t, species, "dy", segment, bytes, mask) : "") + args + ")";
        if (segment) {
            return value + ".intoMemorySegment(" + out + ", (" + out + "Offset + i) * " + bytes + ", ORDER" + mask + ");";
        }
        return value + ".intoArray(" + out + ", " + out + "Offset + i" + mask + ");";
    }

    private static String load(Type t, String species, String name, boolean segment, int bytes, String mask) {
        if (segment) {
            return t.vector() + ".fromMemorySegment(" + species + ", " + name + ", (" + name + "Offset + i) * " + bytes
                    + ", ORDER" + mask + ")";
        }
        return t.vector() + ".fromArray(" + species + ", " + name + ", " + name + "Offset + i" + mask + ")";
    }
}
