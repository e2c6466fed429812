package io.github.relu4j;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of the kernel catalogue ({@link KernelCase#all()}) that the agreement tests run: all
 * of it, unless the system property {@code relu4j.test.storages} names the {@link Storage}s to
 * keep (comma-separated). An emulated JVM ({@code .ci/aarch64.sh}, under QEMU) keeps arrays and
 * native segments, which reach every vector kernel method, aligned and not: the heap-segment
 * storages take the same kernels through staging code that does not depend on the CPU.
 */
final class KernelScope {
    private KernelScope() {}

    static List<KernelCase> of(List<KernelCase> all) {
        String storages = System.getProperty("relu4j.test.storages", "").trim();
        if (storages.isEmpty()) {
            return all;
        }
        Set<Storage> kept = Arrays.stream(storages.split(",")).map(String::trim).map(Storage::valueOf)
                .collect(Collectors.toSet());
        return all.stream().filter(kernel -> kept.contains(kernel.storage())).toList();
    }
}
