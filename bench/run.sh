#!/usr/bin/env bash
# Benchmarks of issue #9: upload pipeline vs. transport limit, age and OnionShare; tus vs.
# multipart; memory of serve; start-up times; and the inbox at scale (InboxScaleBench, if built).
# Usage: bash bench/run.sh [--runs N] [--start-runs N] [--no-gui] [--no-onionshare]
#                          [--no-memory] [--no-inbox] [--no-build]
# Prints one Markdown table on stdout (progress on stderr). See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$a") ;;
  esac
done

# a Java 25 (the toolchain's): $JAVA25_HOME, else the first JDK 25+ in /usr/lib/jvm
java_home="${JAVA25_HOME:-}"
if [ -z "$java_home" ]; then
  for d in /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
      java_home="$d"; break
    fi
  done
fi
missing=0
need() { # tool, what to install
  if ! command -v "$1" >/dev/null 2>&1; then echo "bench: '$1' is missing; install it: $2" >&2; missing=1; fi
}
want() { # tool, what to install, what is skipped without it
  if ! command -v "$1" >/dev/null 2>&1; then echo "bench: '$1' is missing ($3 not run); install it: $2" >&2; fi
}
if [ -z "$java_home" ]; then echo "bench: no JDK 25 found; install Temurin 25 or set JAVA25_HOME" >&2; missing=1; fi
need mvn "apt-get install -y maven"
need curl "apt-get install -y curl"
need /usr/bin/time "apt-get install -y time"
want age "apt-get install -y age" "row 1b (age)"
want onionshare-cli "apt-get update && apt-get install -y onionshare-cli" "row 1c (OnionShare)"
want xvfb-run "apt-get install -y xvfb xauth" "the window start-up row"
[ "$missing" = 0 ] || exit 1

if [ "$build" = 1 ]; then
  echo "bench: building target/patientenversand.jar and the test classes (mvn -DskipTests package)" >&2
  mvn -B -q -DskipTests package >&2
fi
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
cp="$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench-classpath.txt)"
exec "$java_home/bin/java" -Xmx1g -cp "$cp" de.patientenversand.bench.Bench "${args[@]}"
