#!/usr/bin/env bash
# Stops exactly the silos start-local-cluster.sh recorded: SIGTERM (a silo stops within 5 s), then
# SIGKILL for any still alive after the timeout. A PID that no longer runs Raft.Silo is left alone.
#
#   deploy/stop-local-cluster.sh [timeout-seconds]   (default 10)
set -uo pipefail
cd "$(dirname "$0")/.."
source deploy/member-lib.sh

pids_file=${RAFT_CLUSTER_STATE:-data/local-cluster}/pids
timeout=${1:-10}
if [ ! -s "$pids_file" ]; then
  echo "no local cluster recorded ($pids_file is missing or empty)"
  exit 0
fi

mapfile -t pids < "$pids_file"
stop_processes is_silo "$timeout" "${pids[@]}"

echo "stopped ${#pids[@]} silo(s): ${pids[*]}"
rm -f "$pids_file" "${pids_file%/pids}"/member-*.pid
