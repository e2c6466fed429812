#!/usr/bin/env bash
# Builds hsdis-amd64.so, the disassembler plugin that lets HotSpot print the machine code its
# compilers emit (-XX:+PrintAssembly, -XX:CompileCommand=print,...), from hsdis-capstone.c
# on top of Capstone.
#
#   jmh/hsdis/build.sh [OUT_DIR]     (default: jmh/target/hsdis)
#
# Installs libcapstone-dev with apt-get when its header is missing and apt-get is usable (as
# root). Exits 0 with the plugin in OUT_DIR, or exits 3 with a message saying why it could
# not be built (not x86-64 Linux, no C compiler, no Capstone), so callers can skip cleanly.
# Use it with LD_LIBRARY_PATH=OUT_DIR java -XX:+UnlockDiagnosticVMOptions -XX:+PrintAssembly ...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../target/hsdis}

skip() { echo "hsdis: not built: $*" >&2; exit 3; }

[ "$(uname -s)" = Linux ] || skip "only Linux is supported (this is $(uname -s))"
case "$(uname -m)" in x86_64|amd64) ;; *) skip "only x86-64 is supported (this is $(uname -m))" ;; esac
cc=${CC:-cc}
command -v "$cc" > /dev/null || skip "no C compiler ($cc) on PATH; install one (Debian: apt-get install gcc)"

has_capstone() { printf '#include <capstone/capstone.h>\n' | "$cc" -E -x c - > /dev/null 2>&1; }
if ! has_capstone; then
    if command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
        echo "hsdis: installing libcapstone-dev with apt-get" >&2
        { apt-get install -y -qq libcapstone-dev > /dev/null 2>&1 ||
          { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq libcapstone-dev > /dev/null 2>&1; }; } ||
            skip "apt-get install libcapstone-dev failed"
    fi
    has_capstone || skip "Capstone's headers are missing; install libcapstone-dev (Debian, Ubuntu) or capstone-devel"
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
"$cc" -O2 -Wall -Wextra -fPIC -shared -fvisibility=hidden -o "$out/hsdis-amd64.so" \
    "$here/hsdis-capstone.c" -lcapstone || skip "the compiler failed"
echo "hsdis: built $out/hsdis-amd64.so" >&2
