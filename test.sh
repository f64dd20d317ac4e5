#!/usr/bin/env bash
# The project's one test command: builds everything, runs every test project, and ends with one line
# "N passed, N failed, N skipped" summed over all of them. Later steps of this script start the services
# the tests need (PostgreSQL) and stop them whatever happens.
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build RaftOrleans.sln -c Release 2>&1 | tail -n 3
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then
  dotnet build RaftOrleans.sln -c Release 2>&1 | grep -E 'error' | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test RaftOrleans.sln -c Release --no-build 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}

# Each test project prints "Failed!|Passed!  - Failed: F, Passed: P, Skipped: S, Total: T"; sum them.
summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
if [ -z "$summary" ] || [ "$summary" = "0 passed, 0 failed, 0 skipped" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$summary"
exit "$test_status"
