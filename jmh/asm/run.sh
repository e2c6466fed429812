#!/usr/bin/env bash
# Shows the machine code of the hot loops: builds the disassembler plugin (jmh/hsdis), runs the
# asm harness under HotSpot's PrintAssembly at the default flags and with -XX:UseAVX=2,
# -XX:MaxVectorSize=32 and -XX:MaxVectorSize=16, prints the arraycopy stubs with
# -XX:+PrintStubCode, and extracts one listing per target and configuration plus a README into
# OUT_DIR (default results/asm). The raw logs (tens of MB) stay in jmh/target/asm/.
#
#   jmh/asm/run.sh [OUT_DIR]          ./bench --asm calls it with "$out/asm"
#   ASM_TARGETS=REGEX jmh/asm/run.sh  only the targets whose name matches, e.g. 'reluForward'
#   ASM_SPEED=0 jmh/asm/run.sh        skip the short JMH run per configuration (about 90 s each)
#
# Needs the benchmark jar (./bench builds it; built here when missing). Where the plugin cannot
# be built (no C compiler, no Capstone, not x86-64 Linux), says why and exits 0 without output.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/results/asm}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]' \
    || source .ci/jdk25.sh
export PATH="$JAVA_HOME/bin:$PATH"
jar=jmh/target/benchmarks.jar
if [ ! -f "$jar" ]; then
    echo "== asm: building relu4j and the benchmark jar" >&2
    mvn -B -ntp -q install -DskipTests
    mvn -B -ntp -q -f jmh/pom.xml package -DskipTests
fi

started=$(date +%s)
hsdis=jmh/target/hsdis
status=0
jmh/hsdis/build.sh "$hsdis" || status=$?
if [ "$status" != 0 ]; then
    echo "== asm: skipped: the disassembler plugin could not be built (see above), so HotSpot cannot print" \
        "machine code here" >&2
    exit 0
fi

logs=jmh/target/asm
mkdir -p "$logs"
targets=${ASM_TARGETS:-.}
vector=(--add-modules jdk.incubator.vector)
commands=$logs/compile-commands.txt
java "${vector[@]}" -cp "$jar" io.github.relu4j.bench.asm.AsmHarness --commands "$commands" "$targets" 2> /dev/null

# name and VM flags of each configuration
configs=(
    "default|"
    "avx2|-XX:UseAVX=2"
    "maxvector32|-XX:MaxVectorSize=32"
    "maxvector16|-XX:MaxVectorSize=16"
)
diag=(-XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel)
# the JMH benchmarks that time the targets: the kernels of the catalogue, and the bounds (AsmTargets.BOUND_BENCHMARKS)
speed_benchmarks='\.KernelsBenchmark\.(vector|vectorCopy|reluMathMax|copy)$'
catalogue=$(java -cp "$jar" io.github.relu4j.BenchCatalogue)
args=()
about=$logs/about.md
{
    echo "Machine: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores;" \
        "AVX-512 flags: $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep '^avx512' | tr '\n' ' ' | sed 's/ $//')."
    echo "JDK: $(java -version 2>&1 | sed -n 2p)."
    echo "Disassembler: jmh/hsdis/hsdis-capstone.c on Capstone $(dpkg-query -W -f='${Version}' libcapstone-dev 2>/dev/null || echo '(version unknown)')."
    echo "Date: $(date -u +%Y-%m-%d)."
    echo
    echo "| configuration | VM flags | preferred vector |"
    echo "|---|---|---|"
} > "$about"
for c in "${configs[@]}"; do
    name=${c%%|*} flags=${c#*|}
    read -r -a extra <<< "$flags"
    echo "== asm: $name ${flags:-(default flags)}" >&2
    t0=$(date +%s)
    LD_LIBRARY_PATH="$root/$hsdis${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" java "${diag[@]}" ${extra[@]+"${extra[@]}"} \
        -XX:CompileCommandFile="$commands" "${vector[@]}" -cp "$jar" io.github.relu4j.bench.asm.AsmHarness "$targets" \
        > "$logs/$name.log" 2> "$logs/$name.err"
    LD_LIBRARY_PATH="$root/$hsdis${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" java "${diag[@]}" ${extra[@]+"${extra[@]}"} \
        -XX:+PrintStubCode -version > "$logs/$name-stubs.log" 2>&1
    preferred=$(java ${extra[@]+"${extra[@]}"} "${vector[@]}" -cp "$jar" io.github.relu4j.bench.asm.AsmHarness --species 2> /dev/null)
    echo "| \`$name\` | ${flags:-(none)} | $preferred |" >> "$about"
    args+=("$name=$logs/$name.log" --stubs "$name=$logs/$name-stubs.log")
    echo "   $(( $(date +%s) - t0 )) s, $(wc -c < "$logs/$name.log") bytes of output" >&2
    if [ "${ASM_SPEED:-1}" != 0 ]; then
        # The same loops timed under the same flags, to set the times against the instructions.
        echo "== asm: timing $name (ASM_SPEED=0 skips this)" >&2
        rm -f "$logs/$name-speed.json"
        for attempt in 1 2 3 4 5 6; do # JMH refuses to start while another JMH run holds its lock
            java --sun-misc-unsafe-memory-access=allow -jar "$jar" "$speed_benchmarks" -p kernel="$catalogue" -p size=1024,16384 \
                -p data=random -f 1 -wi 3 -w 400ms -i 3 -r 300ms \
                -jvmArgsAppend "--add-modules jdk.incubator.vector${flags:+ $flags}" \
                -rf json -rff "$logs/$name-speed.json" > "$logs/$name-speed.txt" 2>&1 && break
            grep -q 'Unable to acquire the JMH lock' "$logs/$name-speed.txt" || break
            echo "   another JMH run holds the lock; waiting 30 s" >&2
            sleep 30
        done
        [ -f "$logs/$name-speed.json" ] || echo "   JMH failed; see $logs/$name-speed.txt" >&2
        [ -f "$logs/$name-speed.json" ] && args+=(--speed "$name=$logs/$name-speed.json")
    fi
done
java -cp "$jar" io.github.relu4j.bench.asm.AsmExtractor "$out" --about "$about" "${args[@]}"
echo "== asm: done in $(( $(date +%s) - started )) s: $out/README.md" >&2
