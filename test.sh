#!/usr/bin/env bash
# Builds relu4j and runs every test on a JDK 25, found as .ci/jdk25.sh says: the library's
# (mvn install, which also puts the library where the benchmark modules find it), then the
# benchmark module's (it must compile; its report generator has tests) and the training study's
# (its claims are tests, on a small configuration). With --full, the full suite: the JIT matrix's
# 256-bit, SSE and -Xint executions too, and the exhaustive float and PReLU sweeps through every
# implementation and slope order (the default suite keeps to about 13 minutes; docs/TESTING.md
# lists what each adds). With --peers, also the
# peers module's bit-identity test against PyTorch (downloads about 200 MB the first time). With
# --aarch64, also .ci/aarch64.sh: the C2 width-matrix tests on an arm64 JDK under QEMU. With
# --generate, only rewrites the generated loops (ScalarLoops, VectorLoops) from the catalogue and
# the generator, then checks them. Other arguments go to the library's mvn.
set -euo pipefail
cd "$(dirname "$0")"
peers=0
aarch64=0
generate=0
args=()
for arg in "$@"; do
    case "$arg" in
        --full) args+=("-Drelu4j.full=true") ;;
        --peers) peers=1 ;;
        --aarch64) aarch64=1 ;;
        --generate) generate=1 ;;
        *) args+=("$arg") ;;
    esac
done
source .ci/jdk25.sh
if [ "$generate" = 1 ]; then
    mvn -B -ntp -q test -Dtest=GeneratedLoopsTest -Drelu4j.generate=true -Dsurefire.failIfNoSpecifiedTests=false
    mvn -B -ntp -q test -Dtest=GeneratedLoopsTest -Dsurefire.failIfNoSpecifiedTests=false
    echo "generated loops are up to date"
    exit 0
fi
mvn -B -ntp install ${args[@]+"${args[@]}"}
mvn -B -ntp -f jmh/pom.xml verify
mvn -B -ntp -f jmh/study/pom.xml verify
if [ "$peers" = 1 ]; then
    mvn -B -ntp -f jmh/peers/pom.xml verify
fi
if [ "$aarch64" = 1 ]; then
    .ci/aarch64.sh
fi
