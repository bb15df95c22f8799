#!/usr/bin/env bash
# The reliability report (docs/reliability.md): runs the fault, load, hostile-input and link
# suites of src/test/java/de/patientenversand/reliability/ and prints what they tried and what held.
#
#   bash scripts/reliability-report.sh            the long versions (-Dpv.long=true)
#   bash scripts/reliability-report.sh --short    the CI versions (what `mvn verify` runs)
#   bash scripts/reliability-report.sh --ledger F only print the table of an existing ledger file
#
# Each suite appends "suite<TAB>metric<TAB>count" lines to target/reliability/ledger.tsv
# (ReliabilityLedger); the tests assert their own outcomes, this script only adds up.
# Exit code: that of the test run (0 when every suite passed).
set -uo pipefail
cd "$(dirname "$0")/.."

long=true
ledger=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) long=false ;;
    --ledger) ledger="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

table() {
  awk -F'\t' '
    { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
      v[$1 "|" $2] += $3; t[$2] += $3 }
    function cell(s, m) { return (s "|" m) in v ? v[s "|" m] : "-" }
    function row(name, f1, f2, d1, d2, h1, h2, l1, l2) {
      printf "| %-14s | %8s / %-8s | %8s / %-8s | %9s / %-9s | %6s / %-6s |\n", name, f1, f2, d1, d2, h1, h2, l1, l2
    }
    END {
      printf "| %-14s | %-19s | %-19s | %-21s | %-15s |\n", "suite", "faults inj./surv.", "docs conf./intact", "hostile tried/handled", "load sent/intact"
      printf "|%s|%s|%s|%s|%s|\n", "----------------", "---------------------", "---------------------", "-----------------------", "-----------------"
      for (i = 1; i <= n; i++) {
        s = order[i]
        row(s, cell(s, "faults.injected"), cell(s, "faults.survived"), cell(s, "documents.confirmed"), cell(s, "documents.intact"),
            cell(s, "hostile.tried"), cell(s, "hostile.handled"), cell(s, "load.uploads"), cell(s, "load.intact"))
      }
      row("**total**", t["faults.injected"] + 0, t["faults.survived"] + 0, t["documents.confirmed"] + 0, t["documents.intact"] + 0,
          t["hostile.tried"] + 0, t["hostile.handled"] + 0, t["load.uploads"] + 0, t["load.intact"] + 0)
    }' "$1"
}

if [ -n "$ledger" ]; then
  table "$ledger"
  exit 0
fi

ledger="target/reliability/ledger.tsv"
mkdir -p target/reliability
rm -f "$ledger"
log="target/reliability/report-run.log"
started=$(date +%s)
echo "running the reliability suites ($([ "$long" = true ] && echo long || echo short) versions); Maven's output: $log"
mvn -B -Dpv.long="$long" \
    -Dtest='de.patientenversand.reliability.*Test' -Dsurefire.failIfNoSpecifiedTests=false \
    test >"$log" 2>&1
rc=$?
elapsed=$(( $(date +%s) - started ))

echo
echo "Reliability report, $(date -u +%Y-%m-%dT%H:%MZ), $([ "$long" = true ] && echo long || echo short) versions, $(nproc) cores, ${elapsed} s"
echo
if [ -s "$ledger" ]; then
  table "$ledger"
else
  echo "(the suites recorded nothing)"
fi
echo
grep -E 'Tests run: [0-9]+, Failures' "$log" | tail -1 | sed 's/^\[[A-Z]*\] *//'
if [ $rc -ne 0 ]; then
  echo "SOME SUITES FAILED (exit $rc): see $log and target/surefire-reports/" >&2
fi
exit $rc
