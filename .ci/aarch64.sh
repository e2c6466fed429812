#!/usr/bin/env bash
# The aarch64 leg: runs relu4j's C2 width-matrix tests (JUnit tags "c2" and "width", as the pom's
# surefire 'c2' executions do) on an arm64 JDK 25 under QEMU's user-mode emulator, once per
# emulated vector unit: NEON only (sve=off) and SVE at 128, 256, 512 and 2048 bits. No ARM
# machine is needed; the x86 Maven build's classes are used as they are, only the JVM is arm64.
#
# What it changes on the machine: `apt-get install qemu-user-static` if qemu-aarch64-static is
# missing. Everything else lives in a cache directory (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/relu4j-aarch64, or $RELU4J_AARCH64_CACHE): Debian trixie's arm64
# openjdk-25-jre-headless and the libraries it runs on, downloaded as .debs with an apt
# configuration private to this script, and extracted there with dpkg-deb -x (not installed).
#
# Needs target/classes and target/test-classes from the x86 build (./test.sh --aarch64 builds
# first; alone, run `mvn install -DskipTests && mvn test-compile` before this).
#
# Usage: .ci/aarch64.sh [--short] [CONFIG...]
#   CONFIG: neon sve128 sve256 sve512 sve1024 sve2048 (default: neon sve128 sve256 sve512 sve2048)
#   --short: neon and sve512 only.
# Environment: RELU4J_AARCH64_CACHE (cache directory), RELU4J_AARCH64_TAGS (JUnit tag expression,
#   default "c2 | width"), RELU4J_AARCH64_STORAGES (the kernel catalogue's storages the agreement
#   tests use, default ARRAY,NATIVE,NATIVE_UNALIGNED; empty for all), RELU4J_AARCH64_JVM_ARGS
#   (extra JVM arguments for every configuration).
# Exits non-zero if any configuration fails; prints the time of each configuration and test class.
set -euo pipefail
cd "$(dirname "$0")/.."
project=$PWD

configs=()
for arg in "$@"; do
    case "$arg" in
        --short) configs+=(neon sve512) ;;
        neon | sve128 | sve256 | sve512 | sve1024 | sve2048) configs+=("$arg") ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#configs[@]} -gt 0 ] || configs=(neon sve128 sve256 sve512 sve2048)
source .ci/jdk25.sh # the host's JDK 25, for Maven

cache=${RELU4J_AARCH64_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/relu4j-aarch64}
root=$cache/root
jdk=$root/usr/lib/jvm/java-25-openjdk-arm64
tags=${RELU4J_AARCH64_TAGS:-c2 | width}
# Arrays and native segments (aligned or not) reach every vector kernel method; the heap-segment
# storages' staging code does not depend on the CPU, and would double the time under emulation.
storages=${RELU4J_AARCH64_STORAGES-ARRAY,NATIVE,NATIVE_UNALIGNED}
log() { echo "[aarch64] $*" >&2; }

# --- QEMU ------------------------------------------------------------------------------------
if ! command -v qemu-aarch64-static >/dev/null 2>&1; then
    log "installing qemu-user-static"
    if [ "$(id -u)" != 0 ]; then
        echo "error: qemu-aarch64-static is missing; install Debian's qemu-user-static (as root)" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q qemu-user-static >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q qemu-user-static >/dev/null; }
fi
qemu=$(command -v qemu-aarch64-static)

# --- The arm64 JDK, as Debian packages extracted into a private root ---------------------------
packages=(openjdk-25-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)
if [ ! -x "$jdk/bin/java" ] || [ ! -e "$cache/root.done" ]; then
    log "fetching arm64 ${packages[*]} from Debian trixie into $cache"
    rm -rf "$cache/apt" "$cache/debs" "$root" "$cache/root.done"
    mkdir -p "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/debs" "$root"
    echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
        >"$cache/apt/sources.list"
    : >"$cache/apt/status"
    apt_opts=(
        -o "Dir::Etc::sourcelist=$cache/apt/sources.list" -o "Dir::Etc::sourceparts=-"
        -o "Dir::State=$cache/apt" -o "Dir::State::Lists=$cache/apt/lists"
        -o "Dir::State::status=$cache/apt/status" -o "Dir::Cache=$cache/apt"
        -o "Dir::Cache::archives=$cache/apt/archives" -o "APT::Architecture=arm64"
        -o "APT::Architectures::=arm64" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1"
    )
    apt-get -q "${apt_opts[@]}" update >/dev/null
    (cd "$cache/debs" && apt-get -q "${apt_opts[@]}" download "${packages[@]}" >/dev/null)
    for deb in "$cache"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
    # Trixie is merged-/usr: the dynamic loader is looked up as /lib/ld-linux-aarch64.so.1.
    ln -sfn usr/lib "$root/lib"
    # The host resolves symbolic links, not QEMU: the JDK's absolute ones (conf/security/java.security
    # -> /etc/java-25-openjdk/...) must point into the root, so they are made relative.
    find "$root" -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
        ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$root$(readlink "$link")")" "$link"
    done
    touch "$cache/root.done"
fi
version=$("$qemu" -cpu max,sve=off -L "$root" "$jdk/bin/java" -version 2>&1) ||
    { echo "$version" >&2; echo "error: the arm64 JVM does not start under $qemu" >&2; exit 1; }
log "arm64 JVM starts under QEMU: $(echo "$version" | sed -n 2p)"

# --- The tests' class path and the JUnit console launcher --------------------------------------
[ -d target/classes ] && [ -d target/test-classes ] ||
    { echo "error: no target/classes or target/test-classes: build first (./test.sh --aarch64 does)" >&2; exit 1; }
mvn -B -ntp -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/aarch64/test-classpath.txt >/dev/null
maven_cp=$(cat target/aarch64/test-classpath.txt)
platform=$(tr ':' '\n' <<<"$maven_cp" | sed -n 's#.*/junit-platform-engine-\([^/]*\)\.jar$#\1#p' | head -1)
[ -n "$platform" ] || { echo "error: no junit-platform-engine on the test class path" >&2; exit 1; }
launcher=$cache/junit-platform-console-standalone-$platform.jar
if [ ! -f "$launcher" ]; then
    mvn -B -ntp -q -Dstyle.color=never dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform" \
        -DoutputDirectory="$cache" >/dev/null
fi
# The launcher bundles JUnit itself; the project's other test dependencies come from Maven.
others=$(tr ':' '\n' <<<"$maven_cp" | { grep -v -e /org/junit/ -e /org/opentest4j/ -e /org/apiguardian/ || true; } | paste -sd: -)
class_path=$project/target/classes:$project/target/test-classes${others:+:$others}

# --- One JVM per configuration and test class ----------------------------------------------------
cpu_of() { # QEMU -cpu value and expected vector bits of a configuration
    case "$1" in
        neon) echo "max,sve=off 128" ;;
        # QEMU's user mode starts a process at a 512-bit SVE vector length whatever the maximum
        # (as Linux does); sve-default-vector-length sets it to the configuration's.
        sve*) local bits=${1#sve}; echo "max,sve$bits=on,sve-default-vector-length=$((bits / 8)) $bits" ;;
    esac
}
elapsed() { local ds=$((($(date +%s%N) - $1) / 100000000)); echo "$((ds / 10)).$((ds % 10))"; } # s since $1 (ns)
# CPU seconds (user + system) used so far by this script's finished children: on a busy machine
# the wall-clock times above also count waiting for a core.
# Sets cpu_now; `times` must run in this shell, not in a $(...) subshell.
children_cpu() {
    times >"$project/target/aarch64/times.txt"
    cpu_now=$(tail -1 "$project/target/aarch64/times.txt" | awk '{
        t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] } printf "%.1f", t }')
}
summary=()
failed=0
for config in "${configs[@]}"; do
    read -r cpu bits <<<"$(cpu_of "$config")"
    reports=$project/target/aarch64/$config
    rm -rf "$reports"
    mkdir -p "$reports"
    log "$config: -cpu $cpu, expecting ${bits}-bit vectors"
    start=$(date +%s%N)
    "$qemu" -cpu "$cpu" -L "$root" "$jdk/bin/java" -version >/dev/null 2>&1
    line="$config (${bits}-bit): JVM start $(elapsed "$start") s"
    start=$(date +%s%N)
    children_cpu
    cpu_before=$cpu_now
    # As the pom's 'c2' executions: C2 alone, compiling before the triggering call returns, the
    # tagged classes in one JVM (C2AgreementTest checks that it is the first to call the kernels).
    # shellcheck disable=SC2086
    if "$qemu" -cpu "$cpu" -L "$root" "$jdk/bin/java" \
        --add-modules jdk.incubator.vector,jdk.jfr -Xbatch -XX:-TieredCompilation \
        -Drelu4j.test.vectorBits="$bits" -Drelu4j.test.storages="$storages" ${RELU4J_AARCH64_JVM_ARGS:-} \
        -jar "$launcher" execute --disable-banner --disable-ansi-colors --details=tree --details-theme=ascii \
        --fail-if-no-tests --class-path "$class_path" --scan-class-path "$project/target/test-classes" \
        --include-tag "$tags" --reports-dir "$reports" >"$reports/output.txt" 2>&1; then
        result=passed
    else
        result=FAILED
        failed=1
        sed -n '/^Failures (/,$p' "$reports/output.txt" | head -80 >&2
    fi
    # Each test class's own time (its tests'), and the rest of the JUnit run (engine start and
    # @BeforeAll methods: C2AgreementTest's warm-up and JFR proof), from the JUnit XML report.
    classes=$(sed -n 's/.*<test\(suite\|case\) .*classname="\([^"]*\)" time="\([0-9.]*\)".*/\2 \3/p; s/.*<testsuite name="JUnit Jupiter".* time="\([0-9.]*\)".*/suite \1/p' \
        "$reports/TEST-junit-jupiter.xml" 2>/dev/null | awk '
        $1 == "suite" { suite = $2; next } { sub(/.*\./, "", $1); t[$1] += $2; sum += $2 }
        END { for (c in t) printf "%s %.0f s, ", c, t[c]; if (suite) printf "warm-up and the rest %.0f s", suite - sum }')
    counts=$(grep -E 'tests (successful|failed)' "$reports/output.txt" | tr -s ' []' ' ' | paste -sd, -)
    children_cpu
    cpu_used=$(echo "$cpu_now $cpu_before" | awk '{printf "%.0f", $1 - $2}')
    line+=", tests $result in $(elapsed "$start") s, ${cpu_used} s of CPU (${classes:-no report};${counts})"
    log "$line"
    summary+=("$line")
done

log "summary (outputs and JUnit XML reports in target/aarch64/)"
printf '[aarch64]   %s\n' "${summary[@]}" >&2
[ "$failed" = 0 ] && log "every configuration passed" || log "FAILED"
exit $failed
