# Sourced by .ci/run, ./test.sh and ./bench: exports JAVA_HOME as a JDK 25 or newer, puts it
# first on PATH, and checks that Maven is there. Exits with a clear message otherwise.

jdk_feature() { # prints the feature release (17, 25, ...) of the JDK in $1, or nothing
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

pick_jdk25() {
    local v
    if [ -n "${JAVA_HOME:-}" ]; then
        v=$(jdk_feature "$JAVA_HOME")
        if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$JAVA_HOME"; return 0; fi
        echo "JAVA_HOME=$JAVA_HOME is not a JDK 25 or newer (${v:-no JDK there}); looking under /usr/lib/jvm" >&2
    fi
    local best="" best_v=0 d
    for d in /usr/lib/jvm/*/; do
        d=${d%/}
        [ -L "$d" ] && continue # the same JDKs appear again under aliases
        v=$(jdk_feature "$d")
        [ -n "$v" ] || continue
        # Prefer 25 itself (the LTS the project targets), else the newest above it.
        if [ "$v" -eq 25 ]; then echo "$d"; return 0; fi
        if [ "$v" -gt 25 ] && [ "$v" -gt "$best_v" ]; then best=$d best_v=$v; fi
    done
    [ -n "$best" ] && echo "$best"
}

JAVA_HOME=$(pick_jdk25)
if [ -z "$JAVA_HOME" ]; then
    echo "error: relu4j needs a JDK 25 or newer. Set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
    echo "       (for example Temurin 25: https://adoptium.net/temurin/releases/?version=25)." >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
    echo "error: Maven (mvn, 3.8 or newer) is not on PATH; install it (Debian: apt-get install maven)." >&2
    exit 1
fi
# Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK 25 warns about on every run.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
echo "Using JDK $(jdk_feature "$JAVA_HOME") at $JAVA_HOME" >&2
