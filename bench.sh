#!/usr/bin/env bash
# The main job: builds relu4j and its JMH benchmarks on a JDK 25 (found as .ci/jdk25.sh says),
# runs them all, and writes results/: the JMH CSV files and summary.md, which tabulates them.
# With the defaults it takes about an hour; keep the machine otherwise idle.
#
# Settings (environment): FORKS=3 WARMUP=2 ITERATIONS=4 TIME=1s
#   QUICK=1  one fork of short iterations, written to target/quick-results/ (a smoke test,
#            not figures to quote)
set -euo pipefail
cd "$(dirname "$0")"
source .ci/jdk25.sh

out=results
if [ "${QUICK:-0}" = 1 ]; then
    FORKS=1 WARMUP=1 ITERATIONS=2 TIME=200ms out=target/quick-results
fi
FORKS=${FORKS:-3} WARMUP=${WARMUP:-2} ITERATIONS=${ITERATIONS:-4} TIME=${TIME:-1s}
mkdir -p "$out" target

echo "== building relu4j and the benchmarks" >&2
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -f jmh/pom.xml package

jar=jmh/target/benchmarks.jar
run() { # JMH with this run's settings; its full log goes to target/
    local name=$1; shift
    echo "== $name" >&2
    java --sun-misc-unsafe-memory-access=allow -jar "$jar" "$@" -rf csv -rff "$out/$name.csv" > "target/bench-$name.log"
}
settings="$FORKS forks × ($WARMUP warm-up + $ITERATIONS measured iterations of $TIME)"

run kernels '(Float|Double)KernelsBenchmark' -f "$FORKS" -wi "$WARMUP" -w "$TIME" -i "$ITERATIONS" -r "$TIME"
run variants 'KernelVariantsBenchmark' -f "$FORKS" -wi "$WARMUP" -w "$TIME" -i "$ITERATIONS" -r "$TIME"
run segments 'SegmentKernelsBenchmark' -f "$FORKS" -wi "$WARMUP" -w "$TIME" -i "$ITERATIONS" -r "$TIME"
# Allocation per call, with (23) and without (65536) a masked tail: one fork is enough to see
# whether anything escapes the hot loop.
run gc '(Float|Double)KernelsBenchmark.*Vector$|KernelVariantsBenchmark.*(Api|Shipped)$|SegmentKernelsBenchmark.(reluForward|leakyReluBackward)$' -p size=23,65536 \
    -prof gc -f 1 -wi "$WARMUP" -w "$TIME" -i "$ITERATIONS" -r "$TIME"

java --add-modules jdk.incubator.vector -cp "$jar" io.github.relu4j.bench.Report "$out" "$settings" 2>/dev/null
echo "== wrote $out/summary.md" >&2
