#!/usr/bin/env bash
# Builds relu4j and runs every test (mvn verify) on a JDK 25, found as .ci/jdk25.sh says.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/jdk25.sh
exec mvn -B -ntp verify "$@"
