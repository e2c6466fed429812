/*
 * hsdis-capstone.c: a small disassembler plugin for HotSpot's -XX:+PrintAssembly on x86-64,
 * built on the Capstone disassembly library (Debian: libcapstone-dev).
 *
 * HotSpot looks for a shared library named hsdis-amd64.so (in the JDK's lib/server and lib
 * directories, then through the dynamic loader, so LD_LIBRARY_PATH works) and calls the one
 * entry point it exports, decode_instructions_virtual. The contract, as the plugin interface
 * describes it:
 *
 *   - buffer[0 .. length) holds the machine code that lives (or will live) at the virtual
 *     addresses start_va .. start_va + length; decode the range start_va .. end_va.
 *   - Around each instruction, report events through event_callback(event_stream, tag, arg):
 *     "insn" with the instruction's address before it, "/insn" with the address after it.
 *     HotSpot prints the address column and its own comments (relocations, oop maps, the Java
 *     source position) from those events. "addr" with an address asks HotSpot to print that
 *     address symbolically (a stub's or a method's name, when it knows one).
 *   - Print the instruction text itself through printf_callback(printf_stream, fmt, ...).
 *   - options is a comma-separated list (HotSpot passes -XX:PrintAssemblyOptions through);
 *     newline != 0 asks for a line break after each instruction.
 *   - Return the address just past the last instruction decoded.
 *
 * Options understood here: "intel" (Intel syntax), "att" (AT&T syntax, the default, as most
 * PrintAssembly listings are), "show-bytes"/"hsdis-show-bytes" (append the encoding), "help".
 * Unknown options are ignored, since HotSpot hands over its own options as well.
 *
 * Where Capstone rejects an encoding, decode_missing() below handles the few AVX-512 forms
 * C2 uses that Capstone 4 lacks; other bytes (constants, padding) are printed one at a time
 * as ".byte 0x..".
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

typedef void *(*hsdis_event_fn)(void *stream, const char *tag, void *arg);
typedef int (*hsdis_printf_fn)(void *stream, const char *format, ...);

#define EXPORTED __attribute__((visibility("default")))

struct settings {
    int intel;
    int show_bytes;
    int help;
};

/* Does the comma-separated list contain the word exactly? */
static int has_option(const char *list, const char *word) {
    size_t n = strlen(word);
    const char *p = list;
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0) return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

static struct settings parse_settings(const char *options) {
    struct settings s = {0, 0, 0};
    if (options == NULL) return s;
    s.intel = has_option(options, "intel");
    if (has_option(options, "att")) s.intel = 0;
    s.show_bytes = has_option(options, "show-bytes") || has_option(options, "hsdis-show-bytes");
    s.help = has_option(options, "help");
    return s;
}

/* Output through HotSpot's printf when it gives one, else to stdout. */
static void out(hsdis_printf_fn pf, void *ps, const char *text) {
    if (pf != NULL) pf(ps, "%s", text);
    else fputs(text, stdout);
}

static void event(hsdis_event_fn ev, void *es, const char *tag, uintptr_t arg) {
    if (ev != NULL) ev(es, tag, (void *)arg);
}

/* Is this a direct call or jump whose only operand is an absolute target? */
static int direct_branch_target(const cs_insn *insn, uint64_t *target) {
    const cs_detail *d = insn->detail;
    if (d == NULL || d->x86.op_count != 1 || d->x86.operands[0].type != X86_OP_IMM) return 0;
    for (uint8_t g = 0; g < d->groups_count; g++) {
        if (d->groups[g] == CS_GRP_JUMP || d->groups[g] == CS_GRP_CALL) {
            *target = (uint64_t)d->x86.operands[0].imm;
            return 1;
        }
    }
    return 0;
}

/*
 * Capstone 4.0.2 (Debian bookworm's) does not decode a few AVX-512 encodings that C2 emits:
 * kmovb/w/d/q to and from general registers (opcodes 92/93 with some prefixes), kshift, the
 * mask conversion vpmov{b,w,d,q}2m, 128-bit compares into a mask register (vcmpps k, xmm, xmm),
 * and EVEX memory operands whose base and index registers are both r8-r15; and it prints vpmovm2{b,w,d,q} with the ModRM fields swapped.
 * decode_missing() names those itself and, for any other VEX or EVEX encoding Capstone rejects,
 * at least measures the instruction, so that the listing stays in step with the code instead
 * of decoding garbage from the middle of an instruction.
 */
static const char *const GPR64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                      "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const GPR32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                      "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};

/* The length of the ModRM, SIB and displacement bytes starting at p, or 0 if they run past end. */
static size_t modrm_length(const uint8_t *p, size_t left) {
    if (left < 1) return 0;
    uint8_t mod = p[0] >> 6, rm = p[0] & 7;
    size_t n = 1;
    if (mod != 3 && rm == 4) {
        if (left < 2) return 0;
        if (mod == 0 && (p[1] & 7) == 5) n += 4;
        n += 1;
    }
    if (mod == 1) n += 1;
    else if (mod == 2) n += 4;
    else if (mod == 0 && rm == 5) n += 4;
    return n <= left ? n : 0;
}

static void hex_bytes(char *text, size_t cap, const char *prefix, const uint8_t *p, size_t n) {
    size_t used = (size_t)snprintf(text, cap, "%s", prefix);
    for (size_t i = 0; i < n && used + 6 < cap; i++) {
        used += (size_t)snprintf(text + used, cap - used, "%s0x%02x", i ? ", " : "", p[i]);
    }
}

/* Replaces the index register "+ old*" in an Intel-syntax operand string by "+ new*". */
static int replace_index(char *text, size_t cap, const char *old_reg, const char *new_reg) {
    char pattern[16], *at;
    snprintf(pattern, sizeof pattern, "+ %s*", old_reg);
    if ((at = strstr(text, pattern)) == NULL) {
        snprintf(pattern, sizeof pattern, "(%%%s,", old_reg); /* AT&T: (base,index,scale) */
        if ((at = strstr(text, pattern)) == NULL) {
            snprintf(pattern, sizeof pattern, ",%%%s,", old_reg);
            if ((at = strstr(text, pattern)) == NULL) return 0;
        }
    }
    char rest[512];
    size_t skip = 2 + strlen(old_reg);
    snprintf(rest, sizeof rest, "%s", at + skip);
    size_t head = (size_t)(at - text);
    snprintf(at, cap - head, "%.2s%s%s", pattern, new_reg, rest);
    return 1;
}

/*
 * Decodes the instruction at p that Capstone rejected, into text; returns its length, or 0
 * when it is not a VEX or EVEX encoding this function can measure.
 */
static size_t decode_missing(csh cs, cs_insn *insn, const uint8_t *p, size_t left, uint64_t pc,
                             int intel, char *text, size_t cap) {
    if (left >= 6 && p[0] == 0x62) { /* EVEX: 62 P0 P1 P2 opcode modrm ... */
        uint8_t p0 = p[1], p1 = p[2], p2 = p[3], op = p[4], modrm = p[5];
        unsigned map = p0 & 3, pp = p1 & 3, w = p1 >> 7, ll = (p2 >> 5) & 3;
        unsigned r = !(p0 & 0x80), x = !(p0 & 0x40), b = !(p0 & 0x20), r2 = !(p0 & 0x10);
        size_t m = modrm_length(p + 5, left - 5);
        if (m == 0) return 0;
        size_t len = 5 + m + (map == 3 ? 1 : 0);
        if (map == 1 && ((op >= 0x70 && op <= 0x73) || op == 0xc2 || op == 0xc4 || op == 0xc5 || op == 0xc6)) len++;
        if (len > left) return 0;
        static const char *const VEC[3] = {"xmm", "ymm", "zmm"};
        const char *vec = VEC[ll < 3 ? ll : 2];
        if (map == 2 && pp == 2 && (modrm >> 6) == 3 && (op == 0x29 || op == 0x39 || op == 0x28 || op == 0x38)) {
            static const char *const SIZE[4] = {"b", "w", "d", "q"};
            const char *size = SIZE[(op == 0x39 || op == 0x38 ? 2 : 0) + w];
            unsigned reg = (modrm >> 3) & 7, rm = modrm & 7;
            if (op == 0x29 || op == 0x39) { /* vpmov?2m k, vec */
                unsigned v = rm + 8 * b + 16 * x;
                if (intel) snprintf(text, cap, "vpmov%s2m k%u, %s%u", size, reg, vec, v);
                else snprintf(text, cap, "vpmov%s2m %%%s%u, %%k%u", size, vec, v, reg);
            } else { /* vpmovm2? vec, k */
                unsigned v = reg + 8 * r + 16 * r2;
                if (intel) snprintf(text, cap, "vpmovm2%s %s%u, k%u", size, vec, v, rm);
                else snprintf(text, cap, "vpmovm2%s %%k%u, %%%s%u", size, rm, vec, v);
            }
            return len;
        }
        if (map == 1 && op == 0xc2 && (modrm >> 6) == 3 && len == 7) { /* vcmp<pred>ps/pd/ss/sd k, v, v */
            static const char *const PRED[32] = {
                "eq_oq", "lt_os", "le_os", "unord_q", "neq_uq", "nlt_us", "nle_us", "ord_q",
                "eq_uq", "nge_us", "ngt_us", "false_oq", "neq_oq", "ge_os", "gt_os", "true_uq",
                "eq_os", "lt_oq", "le_oq", "unord_s", "neq_us", "nlt_uq", "nle_uq", "ord_s",
                "eq_us", "nge_uq", "ngt_uq", "false_os", "neq_os", "ge_oq", "gt_oq", "true_us"};
            static const char *const TYPE[4] = {"ps", "pd", "ss", "sd"};
            uint8_t imm = p[6];
            unsigned k = (modrm >> 3) & 7, mask = p2 & 7;
            unsigned src1 = ((~p1 >> 3) & 15) + (p2 & 8 ? 0 : 16);
            unsigned src2 = (modrm & 7) + 8 * b + 16 * x;
            const char *v = pp >= 2 ? "xmm" : vec;
            char kmask[8] = "";
            if (mask) snprintf(kmask, sizeof kmask, " {k%u}", mask);
            if (imm < 32 && intel) {
                snprintf(text, cap, "vcmp%s%s k%u%s, %s%u, %s%u", PRED[imm], TYPE[pp], k, kmask, v, src1, v, src2);
            } else if (imm < 32) {
                snprintf(text, cap, "vcmp%s%s %%%s%u, %%%s%u, %%k%u%s", PRED[imm], TYPE[pp], v, src2, v, src1, k, kmask);
            } else {
                hex_bytes(text, cap, "(evex, not decoded) .byte ", p, len);
            }
            return len;
        }
        if (x && b && (modrm >> 6) != 3 && (modrm & 7) == 4) {
            /* Both base and index extended: decode with the index unextended, then rename it. */
            uint8_t copy[16];
            memcpy(copy, p, len);
            copy[1] |= 0x40;
            const uint8_t *code = copy;
            size_t n = len;
            uint64_t address = pc;
            unsigned index = (p[6] >> 3) & 7;
            if (index != 4 && cs_disasm_iter(cs, &code, &n, &address, insn) && insn->size == len) {
                snprintf(text, cap, "%-7s %s", insn->mnemonic, insn->op_str);
                if (replace_index(text, cap, GPR64[index], GPR64[index + 8])) return len;
            }
        }
        hex_bytes(text, cap, "(evex, not decoded) .byte ", p, len);
        return len;
    }
    if (left >= 3 && (p[0] == 0xc4 || p[0] == 0xc5)) { /* VEX */
        unsigned map, w, pp, r, b;
        size_t head;
        if (p[0] == 0xc5) {
            r = !(p[1] & 0x80); b = 0; map = 1; w = 0; pp = p[1] & 3; head = 2;
        } else {
            if (left < 4) return 0;
            r = !(p[1] & 0x80); b = !(p[1] & 0x20); map = p[1] & 0x1f; w = p[2] >> 7; pp = p[2] & 3; head = 3;
        }
        uint8_t op = p[head];
        if (map == 1 && op == 0x77) return 0; /* vzeroupper/vzeroall: Capstone knows them */
        size_t m = modrm_length(p + head + 1, left - head - 1);
        if (m == 0) return 0;
        size_t len = head + 1 + m + (map == 3 ? 1 : 0);
        if (map == 1 && ((op >= 0x70 && op <= 0x73) || op == 0xc2 || op == 0xc4 || op == 0xc5 || op == 0xc6)) len++;
        if (len > left) return 0;
        uint8_t modrm = p[head + 1];
        unsigned reg = ((modrm >> 3) & 7) + 8 * r, rm = (modrm & 7) + 8 * b;
        if (map == 1 && (op == 0x92 || op == 0x93) && (modrm >> 6) == 3) {
            const char *size = pp == 0 ? "w" : pp == 1 ? "b" : w ? "q" : "d";
            const char *gpr = (pp == 3 && w) ? (op == 0x92 ? GPR64[rm] : GPR64[reg]) : (op == 0x92 ? GPR32[rm] : GPR32[reg]);
            if (op == 0x92) { /* kmov k, r */
                if (intel) snprintf(text, cap, "kmov%s k%u, %s", size, reg & 7, gpr);
                else snprintf(text, cap, "kmov%s %%%s, %%k%u", size, gpr, reg & 7);
            } else { /* kmov r, k */
                if (intel) snprintf(text, cap, "kmov%s %s, k%u", size, gpr, rm & 7);
                else snprintf(text, cap, "kmov%s %%k%u, %%%s", size, rm & 7, gpr);
            }
            return len;
        }
        if (map == 1 && op == 0x90 && (modrm >> 6) == 3) {
            const char *size = pp == 0 ? (w ? "q" : "w") : (w ? "d" : "b");
            if (intel) snprintf(text, cap, "kmov%s k%u, k%u", size, reg & 7, rm & 7);
            else snprintf(text, cap, "kmov%s %%k%u, %%k%u", size, rm & 7, reg & 7);
            return len;
        }
        if (map == 3 && op >= 0x30 && op <= 0x33 && (modrm >> 6) == 3) { /* kshift k, k, imm8 */
            static const char *const NAME[4][2] = {{"kshiftrb", "kshiftrw"}, {"kshiftrd", "kshiftrq"},
                                                   {"kshiftlb", "kshiftlw"}, {"kshiftld", "kshiftlq"}};
            const char *name = NAME[op - 0x30][w];
            if (intel) snprintf(text, cap, "%-7s k%u, k%u, 0x%x", name, reg & 7, rm & 7, p[len - 1]);
            else snprintf(text, cap, "%-7s $0x%x, %%k%u, %%k%u", name, p[len - 1], rm & 7, reg & 7);
            return len;
        }
        hex_bytes(text, cap, "(vex, not decoded) .byte ", p, len);
        return len;
    }
    return 0;
}

EXPORTED void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va,
                                           unsigned char *buffer, uintptr_t length,
                                           void *(*event_callback)(void *, const char *, void *),
                                           void *event_stream,
                                           int (*printf_callback)(void *, const char *, ...),
                                           void *printf_stream,
                                           const char *options, int newline) {
    struct settings s = parse_settings(options);
    hsdis_printf_fn pf = printf_callback;
    void *ps = printf_stream;
    char line[512];

    if (s.help) {
        out(pf, ps, "hsdis-capstone: options (comma-separated, in -XX:PrintAssemblyOptions):\n"
                    "  intel       Intel syntax\n"
                    "  att         AT&T syntax (the default)\n"
                    "  show-bytes  append each instruction's encoding\n");
        return (void *)start_va;
    }

    csh cs;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        out(pf, ps, "hsdis-capstone: cs_open failed\n");
        return (void *)start_va;
    }
    cs_option(cs, CS_OPT_SYNTAX, s.intel ? CS_OPT_SYNTAX_INTEL : CS_OPT_SYNTAX_ATT);
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);

    event(event_callback, event_stream, "mach", (uintptr_t)"i386:x86-64");

    uintptr_t stop = end_va;
    if (stop > start_va + length) stop = start_va + length; /* never read past the buffer */
    cs_insn *insn = cs_malloc(cs);
    uintptr_t pc = start_va;

    while (pc < stop) {
        const uint8_t *code = buffer + (pc - start_va);
        size_t left = stop - pc;
        uint64_t address = pc;
        event(event_callback, event_stream, "insn", pc);
        int decoded = insn != NULL && cs_disasm_iter(cs, &code, &left, &address, insn);
        if (decoded && strncmp(insn->mnemonic, "vpmovm2", 7) == 0) {
            decoded = 0; /* Capstone 4.0.2 swaps this one's operands: decode it below */
        }
        if (decoded) {
            uint64_t target;
            if (direct_branch_target(insn, &target)) {
                /* Let HotSpot print the target, with its name when it is a stub or method. */
                snprintf(line, sizeof line, "%-7s ", insn->mnemonic);
                out(pf, ps, line);
                event(event_callback, event_stream, "addr", (uintptr_t)target);
            } else if (insn->op_str[0] != '\0') {
                snprintf(line, sizeof line, "%-7s %s", insn->mnemonic, insn->op_str);
                out(pf, ps, line);
            } else {
                out(pf, ps, insn->mnemonic);
            }
            if (s.show_bytes) {
                int n = snprintf(line, sizeof line, "\t;");
                for (uint16_t b = 0; b < insn->size && n < (int)sizeof line - 4; b++) {
                    n += snprintf(line + n, sizeof line - n, " %02x", insn->bytes[b]);
                }
                out(pf, ps, line);
            }
            pc += insn->size;
        } else {
            const uint8_t *here = buffer + (pc - start_va);
            size_t n = insn != NULL ? decode_missing(cs, insn, here, stop - pc, pc, s.intel, line, sizeof line) : 0;
            if (n > 0) {
                out(pf, ps, line);
                if (s.show_bytes) {
                    int k = snprintf(line, sizeof line, "\t;");
                    for (size_t b = 0; b < n && k < (int)sizeof line - 4; b++) {
                        k += snprintf(line + k, sizeof line - k, " %02x", here[b]);
                    }
                    out(pf, ps, line);
                }
                pc += n;
            } else {
                snprintf(line, sizeof line, ".byte   0x%02x", *here);
                out(pf, ps, line);
                pc += 1;
            }
        }
        event(event_callback, event_stream, "/insn", pc);
        if (newline) out(pf, ps, "\n");
    }

    if (insn != NULL) cs_free(insn, 1);
    cs_close(&cs);
    return (void *)pc;
}
