package io.github.relu4j.bench.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed PrintAssembly / PrintStubCode output: compiled methods (nmethods) and stubs, each a
 * list of instructions. Intel syntax is expected (-XX:PrintAssemblyOptions=intel), as the
 * annotations read operands in Intel order (destination first).
 */
public final class AsmListing {

    /** One instruction: its address, mnemonic, operands and HotSpot's comment, if any. */
    public record Insn(long address, String mnemonic, String operands, String comment) {

        /** The direct branch or call target, or -1. */
        public long target() {
            Matcher m = TARGET.matcher(operands);
            return m.matches() ? Long.parseUnsignedLong(m.group(1), 16) : -1;
        }

        public boolean isJump() {
            return mnemonic.startsWith("j");
        }

        public boolean isConditionalJump() {
            return isJump() && !mnemonic.equals("jmp");
        }

        public String text() {
            return operands.isEmpty() ? mnemonic : String.format(Locale.ROOT, "%-9s %s", mnemonic, operands);
        }
    }

    /**
     * One block of code: a compiled method or a stub.
     *
     * @param compiler   {@code c1}, {@code c2}, or {@code stub}
     * @param compileId  HotSpot's compile id (0 for stubs)
     * @param osr        whether this is an on-stack-replacement compile
     * @param tier       the compilation tier (4 for C2; 0 for stubs)
     * @param holder     the declaring class, with slashes ({@code pkg/Class}); the stub's group for stubs
     * @param name       the method's or stub's name
     * @param descriptor the method's descriptor ({@code ""} for stubs)
     * @param insns      the instructions of the main code (not the exception or deopt handlers)
     */
    public record Block(String compiler, int compileId, boolean osr, int tier, String holder, String name,
                        String descriptor, List<Insn> insns) {

        public long start() {
            return insns.isEmpty() ? 0 : insns.getFirst().address();
        }

        public int indexOf(long address) {
            for (int i = 0; i < insns.size(); i++) {
                if (insns.get(i).address() == address) return i;
            }
            return -1;
        }
    }

    static final Pattern TARGET = Pattern.compile("0x([0-9a-fA-F]+)");
    private static final Pattern HEADER = Pattern.compile(
            "Compiled method \\((c1|c2)\\)\\s+\\d+\\s+(\\d+)\\s+([%sbn!]*)\\s*(\\d)\\s+(\\S+)::(\\S+)");
    private static final Pattern METHOD = Pattern.compile(
            "# \\{method\\} \\{0x[0-9a-fA-F]+\\} '([^']+)' '([^']+)' in '([^']+)'");
    private static final Pattern INSN = Pattern.compile("^\\s*0x([0-9a-fA-F]+):\\s+(.*)$");
    private static final Pattern STUB = Pattern.compile(
            "^(StubRoutines|Stub)::(\\S+) \\[0x[0-9a-fA-F]+, 0x[0-9a-fA-F]+\\] \\(\\d+ bytes\\)");
    private static final List<String> PREFIXES = List.of("lock", "rep", "repe", "repz", "repne", "repnz", "bnd",
            "notrack", "data16", "addr32");

    private final List<Block> blocks;
    private final List<String> markers;

    private AsmListing(List<Block> blocks, List<String> markers) {
        this.blocks = blocks;
        this.markers = markers;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The {@link AsmTarget#markerLine() marker lines} found in the log, from the marker on. */
    public List<String> markers() {
        return markers;
    }

    /** Parses a log: HotSpot's output interleaved with whatever else the program printed. */
    public static AsmListing parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        Builder current = null;
        for (String line : lines) {
            int marker = line.indexOf(AsmTargets.MARKER + " ");
            if (marker >= 0) {
                markers.add(line.substring(marker));
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.find()) {
                if (current != null) blocks.add(current.build());
                current = new Builder(h.group(1), Integer.parseInt(h.group(2)), h.group(3).contains("%"),
                        Integer.parseInt(h.group(4)), h.group(5).replace('.', '/'), h.group(6), "");
                continue;
            }
            Matcher s = STUB.matcher(line);
            if (s.find()) {
                if (current != null) blocks.add(current.build());
                current = new Builder("stub", 0, false, 0, s.group(1), s.group(2), "");
                continue;
            }
            if (current == null) continue;
            if (line.startsWith("[/Disassembly]") || line.startsWith("[Exception Handler]")
                    || line.startsWith("[Stub Code]") || line.startsWith("[Deopt Handler Code]")) {
                current.closed = true;
                continue;
            }
            if (current.closed) continue;
            Matcher m = METHOD.matcher(line);
            if (!current.methodSeen && line.trim().startsWith("# {method}") && m.find()) {
                current.methodSeen = true;
                current.name = m.group(1);
                current.descriptor = m.group(2);
                current.holder = m.group(3);
                continue;
            }
            Matcher i = INSN.matcher(line);
            if (i.find()) {
                current.add(Long.parseUnsignedLong(i.group(1), 16), i.group(2));
            } else if (line.trim().startsWith(";") && !current.insns.isEmpty()) {
                current.comment(line.trim().substring(1).trim());
            } else if (current.compiler.equals("stub") && !current.insns.isEmpty() && !line.startsWith(" ")
                    && !line.startsWith("-")) {
                current.closed = true; // the next stub's or section's header
            }
        }
        if (current != null) blocks.add(current.build());
        return new AsmListing(blocks, markers);
    }

    /**
     * The code C2 compiled for the method (a normal compile, not OSR): the last one printed, as a
     * later compile replaces an earlier one (after a deoptimisation, for example).
     */
    public Block c2(String internalClass, String method, String descriptor) {
        Block found = null;
        for (Block b : blocks) {
            if (b.compiler().equals("c2") && b.tier() == 4 && !b.osr() && b.holder().equals(internalClass)
                    && b.name().equals(method) && b.descriptor().equals(descriptor)) {
                found = b;
            }
        }
        return found;
    }

    /** The stub of that name ({@code jint_disjoint_arraycopy}), or null. */
    public Block stub(String name) {
        for (Block b : blocks) {
            if (b.compiler().equals("stub") && b.name().equals(name)) return b;
        }
        return null;
    }

    private static final class Builder {
        final String compiler;
        final int compileId;
        final boolean osr;
        final int tier;
        String holder;
        String name;
        String descriptor;
        boolean closed;
        boolean methodSeen;
        final List<Insn> insns = new ArrayList<>();

        Builder(String compiler, int compileId, boolean osr, int tier, String holder, String name, String descriptor) {
            this.compiler = compiler;
            this.compileId = compileId;
            this.osr = osr;
            this.tier = tier;
            this.holder = holder;
            this.name = name;
            this.descriptor = descriptor;
        }

        void add(long address, String text) {
            String code = text;
            String comment = "";
            int semi = text.indexOf(';');
            if (semi >= 0) {
                code = text.substring(0, semi);
                comment = text.substring(semi + 1).trim();
            }
            code = code.trim();
            String mnemonic = code;
            String operands = "";
            int space = code.indexOf(' ');
            if (space > 0) {
                mnemonic = code.substring(0, space);
                operands = code.substring(space).trim();
                if (PREFIXES.contains(mnemonic) && !operands.isEmpty()) {
                    int next = operands.indexOf(' ');
                    mnemonic = mnemonic + " " + (next > 0 ? operands.substring(0, next) : operands);
                    operands = next > 0 ? operands.substring(next).trim() : "";
                }
            }
            // "call Stub::method_entry_barrier": the plugin let HotSpot print the target by name.
            insns.add(new Insn(address, mnemonic, operands.replaceAll("\\s+", " "), comment));
        }

        void comment(String more) {
            Insn last = insns.removeLast();
            String joined = last.comment().isEmpty() ? more : last.comment() + " | " + more;
            insns.add(new Insn(last.address(), last.mnemonic(), last.operands(), joined));
        }

        Block build() {
            return new Block(compiler, compileId, osr, tier, holder, name, descriptor, List.copyOf(insns));
        }
    }
}
