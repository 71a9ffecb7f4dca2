#!/usr/bin/env bash
# The test command: setup, build every artifact (x64 and arm64), run every test project, print
# "N passed, N failed, N skipped" computed from the TRX files, exit non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh x64 arm64
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
dotnet build DeviceBench.sln -c Release --nologo -v quiet
status=0
dotnet test DeviceBench.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?
# Sum the <Counters .../> of every TRX file: the closing line comes from the real results, not from dotnet's console text.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  skipped=$((skipped + $(get notExecuted)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # A crashed test host aborts the run: its remaining tests never report, so the run itself counts as a failure.
  if grep -q '<ResultSummary outcome="\(Aborted\|Failed\)"' "$trx" && [ "$(get failed)" = 0 ]; then
    echo "test.sh: $(basename "$trx"): the test run was aborted (see the log above)" >&2; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$files" -lt 4 ]; then exit 1; fi
