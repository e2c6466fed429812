package io.github.relu4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sizes the suite measures, chosen from this machine's caches so that each exercises one
 * level: {@code l1}, {@code l2} and {@code llc}, the largest multiple of 1 Ki elements whose
 * biggest working set (a double backward pass: x, dy and dx, 24 bytes an element) fills at most
 * half of L1d, half of L2 and half of the last-level cache; {@code memory}, the smallest whose
 * smallest working set (a float forward pass: x and y, 8 bytes an element) is four times the
 * last-level cache, so every pass streams from DRAM. The memory size is capped where its double
 * backward pass would not fit in half the machine's RAM (or an int index); {@code capped} says so.
 * {@code halfMemory} is the same for the 16-bit formats: the smallest size whose forward pass (x
 * and y, 4 bytes an element) is four times the last-level cache, twice {@code memory}'s elements,
 * capped where the float kernel it is held against (8 bytes an element) would not fit in half the
 * RAM.
 *
 * <p>{@code main} prints them as shell assignments for {@code ./bench}, with {@code heap} and
 * {@code half_heap}, the {@code -Xmx} the memory sizes need, and the cache sizes it read.
 */
public record SizeClasses(int l1, int l2, int llc, int memory, boolean capped, int halfMemory) {
    private static final long KI = 1024;
    /** Bytes an element of the biggest working set: three double arrays. */
    private static final int BIGGEST = 3 * Double.BYTES;
    /** Bytes an element of the smallest working set: two float arrays. */
    private static final int SMALLEST = 2 * Float.BYTES;
    /** Bytes an element of a 16-bit forward pass: two short arrays. */
    private static final int HALF_FORWARD = 2 * Short.BYTES;
    /** The largest array Java allocates, rounded down to whole Ki. */
    private static final long MAX_ELEMENTS = (Integer.MAX_VALUE - 64) / KI * KI;

    /**
     * @param l1d  bytes of the level-1 data cache
     * @param l2   bytes of the level-2 cache
     * @param l3   bytes of the last-level cache, or 0 when there is none (L2 is then the last)
     * @param ram  bytes of memory, the memory size's cap
     * @return the sizes
     */
    public static SizeClasses of(long l1d, long l2, long l3, long ram) {
        if (l1d <= 0 || l2 <= 0) {
            throw new IllegalArgumentException("cache sizes unknown: L1d " + l1d + ", L2 " + l2);
        }
        long last = l3 > 0 ? l3 : l2;
        long memory = ceilKi(Math.ceilDiv(4 * last, SMALLEST));
        long cap = Math.min(MAX_ELEMENTS, ram / 2 / BIGGEST / KI * KI);
        long halfMemory = ceilKi(Math.ceilDiv(4 * last, HALF_FORWARD));
        long halfCap = Math.min(MAX_ELEMENTS, ram / 2 / SMALLEST / KI * KI);
        return new SizeClasses(fitting(l1d / 2), fitting(l2 / 2), fitting(last / 2),
                (int) Math.min(memory, cap), memory > cap, (int) Math.min(halfMemory, halfCap));
    }

    /** The largest multiple of 1 Ki elements whose biggest working set fits in {@code bytes}, at least 1 Ki. */
    private static int fitting(long bytes) {
        return (int) Math.min(MAX_ELEMENTS, Math.max(KI, bytes / BIGGEST / KI * KI));
    }

    private static long ceilKi(long elements) {
        return Math.ceilDiv(elements, KI) * KI;
    }

    /** The heap a fork needs for the memory size's biggest working set, in MiB, with room to spare. */
    public long heapMiB() {
        return (long) memory * BIGGEST / (KI * KI) * 5 / 4 + 512;
    }

    /** The heap a fork needs for the 16-bit memory size's float reference (x and y), in MiB, with room to spare. */
    public long halfHeapMiB() {
        return (long) halfMemory * SMALLEST / (KI * KI) * 5 / 4 + 512;
    }

    /**
     * A cache size as /sys/devices/system/cpu/cpu0/cache/index{@literal *}/size writes it
     * ({@code 48K}, {@code 2048K}, {@code 32M}) in bytes; 0 for an empty or unreadable one.
     */
    public static long bytes(String size) {
        String s = size.strip();
        if (s.isEmpty()) {
            return 0;
        }
        long unit = switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
            case 'K' -> KI;
            case 'M' -> KI * KI;
            case 'G' -> KI * KI * KI;
            default -> 1;
        };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * cpu0's cache of {@code level} and {@code type} (Data, Unified) as the OS writes its size
     * ({@code 48K}), empty when it does not say.
     */
    static String cache(int level, String type) throws IOException {
        Path caches = Path.of("/sys/devices/system/cpu/cpu0/cache");
        if (!Files.isDirectory(caches)) {
            return "";
        }
        try (var indexes = Files.list(caches)) {
            for (Path index : indexes.filter(p -> p.getFileName().toString().startsWith("index")).sorted().toList()) {
                if (read(index.resolve("level")).equals(Integer.toString(level)) && read(index.resolve("type")).equals(type)) {
                    return read(index.resolve("size"));
                }
            }
        }
        return "";
    }

    private static String read(Path file) throws IOException {
        return Files.isReadable(file) ? Files.readString(file).strip() : "";
    }

    /** Physical memory in bytes from /proc/meminfo, or 8 GiB when it cannot be read. */
    static long ram() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * KI;
                }
            }
        }
        return 8 * KI * KI * KI;
    }

    /**
     * Prints, as {@code name=value} lines for {@code ./bench} to evaluate, the caches as the OS
     * writes them ({@code cache_l1d}, {@code cache_l2}, {@code cache_l3}, for machine.properties)
     * and the sizes ({@code half_memory}: {@link #halfMemory}). Without caches in /sys (not Linux, some containers) the sizes are those of a
     * typical desktop: 32 KiB L1d, 1 MiB L2, 32 MiB L3, and {@code guessed=1}.
     *
     * @param args none
     * @throws IOException if /sys or /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        String[] caches = {cache(1, "Data"), cache(2, "Unified"), cache(3, "Unified")};
        long l1d = bytes(caches[0]);
        long l2 = bytes(caches[1]);
        long l3 = bytes(caches[2]);
        boolean guessed = l1d <= 0 || l2 <= 0;
        if (guessed) {
            l1d = 32 * KI;
            l2 = KI * KI;
            l3 = 32 * KI * KI;
        }
        SizeClasses s = of(l1d, l2, l3, ram());
        System.out.printf("cache_l1d=%s%ncache_l2=%s%ncache_l3=%s%n", caches[0], caches[1], caches[2]);
        System.out.printf("l1=%d%nl2=%d%nllc=%d%nmemory=%d%ncapped=%d%nheap=%dm%nguessed=%d%n",
                s.l1, s.l2, s.llc, s.memory, s.capped ? 1 : 0, s.heapMiB(), guessed ? 1 : 0);
        System.out.printf("half_memory=%d%nhalf_heap=%dm%n", s.halfMemory, s.halfHeapMiB());
    }
}
