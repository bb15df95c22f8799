#!/usr/bin/env bash
# Prints the Java modules the shaded jar uses, as found by jdeps, to check `installer.modules`
# in pom.xml after adding a dependency. jdeps cannot see what is loaded by name at run time,
# so pom.xml adds some by hand (docs/decisions/0005-jpackage-installers.md).
#   installer/print-modules.sh [target/patientenversand.jar]
# Uses the JDK 25's jdeps: $JDK25_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64, else PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${1:-target/patientenversand.jar}"
[ -f "$jar" ] || { echo "no $jar: build it with mvn -q -DskipTests package" >&2; exit 1; }
jdeps=jdeps
for home in "${JDK25_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$home" ] && [ -x "$home/bin/jdeps" ]; then jdeps="$home/bin/jdeps"; break; fi
done
found="$("$jdeps" --multi-release 25 --print-module-deps --ignore-missing-deps "$jar")"
echo "jdeps:   $found"
configured="$(sed -n 's:.*<installer.modules>\(.*\)</installer.modules>.*:\1:p' pom.xml)"
echo "pom.xml: $configured"
missing=""
for m in ${found//,/ }; do
  case ",$configured," in *",$m,"*) ;; *) missing="$missing $m" ;; esac
done
if [ -n "$missing" ]; then
  echo "missing in pom.xml <installer.modules>:$missing" >&2
  exit 1
fi
echo "pom.xml covers every module jdeps found"
