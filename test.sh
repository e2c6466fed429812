#!/usr/bin/env bash
# Builds relu4j and runs every test on a JDK 25, found as .ci/jdk25.sh says: the library's
# (mvn install, which also puts the library where the benchmark modules find it), then the
# benchmark module's (it must compile; its report generator has tests). With --peers, also the
# peers module's bit-identity test against PyTorch (downloads about 200 MB the first time). With
# --aarch64, also .ci/aarch64.sh: the C2 width-matrix tests on an arm64 JDK under QEMU.
# Other arguments go to the library's mvn.
set -euo pipefail
cd "$(dirname "$0")"
peers=0 aarch64=0
args=()
for arg in "$@"; do
    if [ "$arg" = --peers ]; then peers=1; elif [ "$arg" = --aarch64 ]; then aarch64=1; else args+=("$arg"); fi
done
source .ci/jdk25.sh
mvn -B -ntp install ${args[@]+"${args[@]}"}
mvn -B -ntp -f jmh/pom.xml verify
if [ "$peers" = 1 ]; then
    mvn -B -ntp -f jmh/peers/pom.xml verify
fi
if [ "$aarch64" = 1 ]; then
    .ci/aarch64.sh
fi
