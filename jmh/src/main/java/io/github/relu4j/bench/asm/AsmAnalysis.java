package io.github.relu4j.bench.asm;

import io.github.relu4j.bench.asm.AsmListing.Block;
import io.github.relu4j.bench.asm.AsmListing.Insn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the loops of one compiled method (backward branches), picks the main loop, the pre- and
 * post-loops and the masked tail, measures them and annotates their instructions.
 */
public final class AsmAnalysis {

    /** What a memory operand or instruction does, as far as the listing shows. */
    public record Memory(boolean load, boolean store, int bytes, boolean masked, boolean stack) {}

    /**
     * A loop: the instructions from a backward branch's target to the branch.
     *
     * @param role one of {@code main}, {@code pre}, {@code post}, {@code outer}, {@code other}
     */
    public record Loop(int from, int to, String role, int insns, int stores, int loadBytes, int storeBytes,
                       int vectorBits, boolean poll, boolean allocates) {

        public boolean contains(Loop other) {
            return from <= other.from && other.to <= to && !(from == other.from && to == other.to);
        }
    }

    private static final Pattern MEM = Pattern.compile(
            "(byte|word|dword|qword|xmmword|ymmword|zmmword) ptr (\\[[^\\]]*\\])");
    private static final Pattern VEC = Pattern.compile("\\b([xyz])mm\\d+\\b");
    private static final Pattern MASK_REG = Pattern.compile("\\{k[1-7]\\}");

    final Block block;
    final int elementBytes;
    final List<Loop> loops;
    final Loop main;
    /** The masked tail: first and last instruction index, or -1. */
    final int tailFrom;
    final int tailTo;
    final String arraycopyStub;

    public AsmAnalysis(Block block, int elementBytes) {
        this.block = block;
        this.elementBytes = elementBytes;
        List<Loop> found = new ArrayList<>();
        List<Insn> insns = block.insns();
        for (int i = 0; i < insns.size(); i++) {
            Insn in = insns.get(i);
            long t = in.target();
            if (!in.isJump() || t < 0 || t > in.address()) continue;
            int from = block.indexOf(t);
            if (from < 0 || !loopBody(from, i)) continue;
            found.add(measure(from, i, "other"));
        }
        Loop best = null;
        for (Loop l : found) {
            if (l.poll() || l.stores() == 0) continue;
            boolean innermost = found.stream().noneMatch(o -> l.contains(o) && !o.poll());
            if (!innermost) continue;
            if (best == null || l.storeBytes() > best.storeBytes()
                    || (l.storeBytes() == best.storeBytes() && l.insns() < best.insns())) {
                best = l;
            }
        }
        List<Loop> roled = new ArrayList<>();
        for (Loop l : found) {
            String role;
            if (l == best) role = "main";
            else if (l.poll()) role = "outer";
            else if (best != null && l.stores() > 0 && l.to() < best.from()) role = "pre";
            else if (best != null && l.stores() > 0 && l.from() > best.to()) role = "post";
            else role = "other";
            roled.add(new Loop(l.from(), l.to(), role, l.insns(), l.stores(), l.loadBytes(), l.storeBytes(),
                    l.vectorBits(), l.poll(), l.allocates()));
        }
        this.loops = List.copyOf(roled);
        this.main = roled.stream().filter(l -> l.role().equals("main")).findFirst().orElse(null);

        // The masked tail: the masked stores outside every loop, and the straight-line code before them.
        int lastMaskedStore = -1;
        for (int i = 0; i < insns.size(); i++) {
            if (insideLoop(i)) continue;
            Memory m = memory(insns.get(i));
            if (m != null && m.store() && m.masked() && !m.stack()) lastMaskedStore = i;
        }
        int from = -1;
        if (lastMaskedStore >= 0) {
            from = 0;
            for (Loop l : loops) {
                if (l.to() < lastMaskedStore && l.to() + 1 > from) from = l.to() + 1;
            }
            // Start after the last unconditional jump/return that comes before the first masked load.
            int firstMasked = lastMaskedStore;
            for (int i = lastMaskedStore; i >= from; i--) {
                Memory m = memory(insns.get(i));
                if (m != null && m.masked() && !m.stack()) firstMasked = i;
            }
            for (int i = firstMasked - 1; i >= from; i--) {
                String mn = insns.get(i).mnemonic();
                if (mn.equals("jmp") || mn.equals("ret") || mn.equals("call")) {
                    from = i + 1;
                    break;
                }
            }
            if (lastMaskedStore - from > 200) from = lastMaskedStore - 200;
        }
        this.tailFrom = from;
        this.tailTo = lastMaskedStore;
        String stub = null;
        for (Insn in : insns) {
            int at = in.comment().indexOf("arraycopy");
            if (at >= 0) {
                Matcher m = Pattern.compile("(?:Stub|StubRoutines)::(\\w*arraycopy\\w*)").matcher(in.comment());
                if (m.find()) stub = m.group(1);
            }
        }
        this.arraycopyStub = stub;
    }

    /**
     * Whether the code from {@code from} to a backward branch at {@code to} can be a loop body: a
     * backward jump from out-of-line code (a slow path jumping back into the main path) spans a
     * return or an uncommon trap, which no loop body holds, or an unconditional jump elsewhere.
     */
    private boolean loopBody(int from, int to) {
        long first = block.insns().get(from).address();
        long last = block.insns().get(to).address();
        for (int i = from; i < to; i++) {
            Insn in = block.insns().get(i);
            if (in.mnemonic().equals("ret") || in.comment().contains("UncommonTrapBlob")
                    || in.comment().contains("DeoptimizationBlob")) {
                return false;
            }
            // An unconditional jump out of the range: the range is a chain of separate paths (a
            // stub's dispatch on the length, say), not a loop body.
            long t = in.target();
            if (in.mnemonic().equals("jmp") && t >= 0 && (t < first || t > last)) return false;
        }
        return true;
    }

    boolean insideLoop(int i) {
        for (Loop l : loops) {
            if (l.from() <= i && i <= l.to()) return true;
        }
        return false;
    }

    private Loop measure(int from, int to, String role) {
        int stores = 0, loadBytes = 0, storeBytes = 0, bits = 0;
        boolean poll = false, prefetchw = false, threadStore = false;
        for (int i = from; i <= to; i++) {
            Insn in = block.insns().get(i);
            if (in.comment().contains("{poll}")) poll = true;
            if (in.mnemonic().equals("prefetchw")) prefetchw = true;
            if (in.operands().startsWith("qword ptr [r15 +")) threadStore = true;
            Memory m = memory(in);
            if (m != null && !m.stack()) {
                if (m.store()) {
                    stores++;
                    storeBytes += m.bytes();
                }
                if (m.load()) loadBytes += m.bytes();
            }
            bits = Math.max(bits, vectorBits(in));
        }
        // A TLAB bump (a thread-local store of the new top) with C2's allocation prefetch: the loop
        // allocates objects, which for Vector API code means vectors or masks that were not intrinsified.
        boolean allocates = prefetchw && threadStore;
        return new Loop(from, to, role, to - from + 1, stores, loadBytes, storeBytes, bits, poll, allocates);
    }

    /** The widest vector register the instruction names, in bits (0 for none). */
    static int vectorBits(Insn in) {
        int bits = 0;
        Matcher m = VEC.matcher(in.operands());
        while (m.find()) {
            bits = Math.max(bits, switch (m.group(1)) {
                case "x" -> 128;
                case "y" -> 256;
                default -> 512;
            });
        }
        return bits;
    }

    /** The instruction's memory access, or null if it has none (lea only computes an address). */
    static Memory memory(Insn in) {
        String mn = in.mnemonic();
        if (mn.equals("lea") || mn.startsWith("nop") || mn.startsWith("prefetch")) return null;
        Matcher m = MEM.matcher(in.operands());
        if (!m.find()) return null;
        int bytes = switch (m.group(1)) {
            case "byte" -> 1;
            case "word" -> 2;
            case "dword" -> 4;
            case "qword" -> 8;
            case "xmmword" -> 16;
            case "ymmword" -> 32;
            default -> 64;
        };
        String address = m.group(2);
        boolean stack = address.startsWith("[rsp") || address.startsWith("[r15") || address.startsWith("[rip");
        boolean first = m.start() == 0;
        boolean writes = first && !(mn.startsWith("cmp") || mn.startsWith("test") || mn.startsWith("vcmp")
                || mn.startsWith("vptest") || mn.startsWith("ucomis") || mn.startsWith("vucomis"));
        boolean readModifyWrite = writes && (mn.startsWith("add") || mn.startsWith("sub") || mn.startsWith("inc")
                || mn.startsWith("dec") || mn.startsWith("and") || mn.startsWith("or") || mn.startsWith("xor"));
        boolean masked = mn.contains("maskmov") || MASK_REG.matcher(in.operands()).find();
        return new Memory(!writes || readModifyWrite, writes, bytes, masked, stack);
    }

    /** A short note on what the instruction does, or "" where nothing needs saying. */
    String annotate(int index, Loop loop) {
        Insn in = block.insns().get(index);
        String mn = in.mnemonic();
        String ops = in.operands();
        String c = in.comment();
        if (c.contains("{poll}")) return "safepoint poll (reads the thread's polling page)";
        if (c.contains("{poll_return}")) return "safepoint poll on return";
        Memory m = memory(in);
        String lanes = lanes(in, m);
        if (mn.equals("prefetchw")) return "allocation prefetch (an object is being allocated)";
        if (m != null && m.stack()) {
            if (ops.contains("[r15") && m.store()) {
                return loop != null && loop.allocates() ? "thread-local store (the TLAB top: an allocation)"
                        : "thread-local store";
            }
            if (ops.contains("[r15")) return "thread-local load";
            if (ops.contains("[rip")) return "load a constant";
            return m.store() ? "spill to the stack" : "load from the stack";
        }
        if (m != null && m.store()) {
            return (m.masked() ? "masked store" : "store") + lanes + " (" + m.bytes() + " B)";
        }
        if (mn.startsWith("vcmp") || mn.startsWith("vpcmp") || mn.startsWith("vfpclass")) {
            String to = ops.startsWith("k") ? " -> mask " + ops.substring(0, ops.indexOf(',')) : "";
            return (m != null ? "load" + lanes + " (" + m.bytes() + " B) + " : "") + "compare" + to
                    + (mn.contains("unord") ? " (NaN check)" : "");
        }
        if (m != null && m.load()) {
            String what = mn.contains("mov") || mn.startsWith("vbroadcast") || mn.startsWith("vpbroadcast")
                    ? "" : " folded into " + mn;
            return (m.masked() ? "masked load" : "load") + lanes + " (" + m.bytes() + " B)" + what;
        }
        if (mn.startsWith("vblendm") || mn.startsWith("vpblendm") || mn.startsWith("vblendv")
                || mn.startsWith("vpblendv")) {
            return "blend (select per lane by mask)";
        }
        if ((mn.startsWith("vmovdqu") || mn.startsWith("vmovup") || mn.startsWith("vmovap")) && ops.contains("{k")) {
            return "masked register move (blend)";
        }
        if (mn.startsWith("vmul") || mn.startsWith("vfmadd") || mn.startsWith("vfnmadd")) return "multiply";
        if (mn.startsWith("vmax") || mn.startsWith("vmin")) return "max/min";
        if (mn.startsWith("vand") || mn.startsWith("vpand")) return "bitwise and";
        if (mn.matches("vpmov[bwdq]2m")) return "sign bits -> mask";
        if (mn.matches("vpmovm2[bwdq]")) return "mask -> lanes";
        if (mn.startsWith("kortest") || mn.startsWith("ktest")) return "test mask";
        if (mn.startsWith("kmov")) return "mask move";
        if (mn.startsWith("kshift") || mn.startsWith("kand") || mn.startsWith("kor") || mn.startsWith("knot")
                || mn.startsWith("kxor")) {
            return "mask arithmetic";
        }
        if (mn.equals("bzhi")) return "low-bits mask (tail lanes)";
        if ((mn.equals("vxorps") || mn.equals("vpxor") || mn.equals("vxorpd") || mn.equals("vpxord")
                || mn.equals("vpxorq")) && sameOperands(ops)) {
            return "zero a register";
        }
        if (mn.startsWith("vbroadcast") || mn.startsWith("vpbroadcast")) return "broadcast to all lanes";
        if (mn.equals("vzeroupper")) return "clear upper vector state";
        if (mn.equals("call")) return c.contains("UncommonTrapBlob") ? "uncommon trap (deoptimise)" : "call";
        if (loop != null && index == loop.to()) {
            return in.isConditionalJump() ? "loop control: branch back" : "loop control: jump back";
        }
        if (loop != null && index >= loop.to() - 2 && index < loop.to()) {
            if (mn.equals("cmp")) return "loop control: index vs bound";
            if (mn.equals("add") || mn.equals("inc") || mn.equals("lea") || mn.equals("sub")) {
                return "loop control: advance index" + step(ops);
            }
        }
        if (loop != null && (mn.equals("add") || mn.equals("inc")) && index >= loop.to() - 4) {
            return "loop control: advance index" + step(ops);
        }
        if (in.isConditionalJump()) return "branch";
        return "";
    }

    private static boolean sameOperands(String ops) {
        String[] parts = ops.split(",\\s*");
        return parts.length == 3 && parts[1].equals(parts[2]);
    }

    private String step(String ops) {
        Matcher m = Pattern.compile(",\\s*(0x[0-9a-f]+|\\d+)$").matcher(ops);
        if (!m.find()) return "";
        long v = m.group(1).startsWith("0x") ? Long.parseLong(m.group(1).substring(2), 16) : Long.parseLong(m.group(1));
        return " by " + v;
    }

    private String lanes(Insn in, Memory m) {
        if (m == null || m.bytes() < elementBytes) return "";
        int n = m.bytes() / elementBytes;
        String type = elementBytes == 4 ? "float" : "double";
        return " " + n + " " + type + (n == 1 ? "" : "s");
    }

    /** Elements the loop handles per iteration: bytes stored / element size (one output array). */
    double elementsPerIteration(Loop l) {
        return (double) l.storeBytes() / elementBytes;
    }

    String summary(Loop l) {
        if (l.allocates()) {
            return String.format(Locale.ROOT, "%d instructions, %d store(s); the loop ALLOCATES (TLAB bump and"
                    + " object-header stores: vectors or masks boxed, not intrinsified), so its stores are not all"
                    + " results and no per-element figures are given", l.insns(), l.stores());
        }
        double e = elementsPerIteration(l);
        return String.format(Locale.ROOT,
                "%d instructions, %d store(s) of %d bytes in all, %s elements per iteration, %.3f instructions per"
                        + " element, %.1f B loaded and %.1f B stored per element, widest register %s",
                l.insns(), l.stores(), l.storeBytes(), fmt(e), l.insns() / e, l.loadBytes() / e, l.storeBytes() / e,
                l.vectorBits() == 0 ? "general-purpose only" : l.vectorBits() + "-bit");
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
