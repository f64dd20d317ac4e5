#!/usr/bin/env bash
# Stops exactly the silos start-local-cluster.sh recorded: SIGTERM (a silo stops within 5 s), then
# SIGKILL for any still alive after the timeout. A PID that no longer runs Raft.Silo is left alone.
#
#   deploy/stop-local-cluster.sh [timeout-seconds]   (default 10)
set -uo pipefail
cd "$(dirname "$0")/.."

pids_file=${RAFT_CLUSTER_STATE:-data/local-cluster}/pids
timeout=${1:-10}
if [ ! -s "$pids_file" ]; then
  echo "no local cluster recorded ($pids_file is missing or empty)"
  exit 0
fi

is_our_silo() {
  kill -0 "$1" 2>/dev/null && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q 'Raft.Silo'
}

mapfile -t pids < "$pids_file"
live=()
for pid in "${pids[@]}"; do
  if is_our_silo "$pid"; then
    kill -TERM "$pid" && live+=("$pid")
  fi
done

deadline=$(( $(date +%s) + timeout ))
while [ "${#live[@]}" -gt 0 ] && [ "$(date +%s)" -lt "$deadline" ]; do
  still=()
  for pid in "${live[@]}"; do is_our_silo "$pid" && still+=("$pid"); done
  live=("${still[@]+"${still[@]}"}")
  [ "${#live[@]}" -gt 0 ] && sleep 0.2
done

for pid in "${live[@]+"${live[@]}"}"; do
  echo "silo $pid did not stop within ${timeout}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null
done

echo "stopped ${#pids[@]} silo(s): ${pids[*]}"
rm -f "$pids_file" "${pids_file%/pids}"/member-*.pid
