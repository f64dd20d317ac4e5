#!/usr/bin/env bash
# Starts N silos (N = 3 or 5) on loopback, one Raft peer each, in the background, the way the seeds'
# spawner started a five-peer cluster. Writes a cluster file with free ports, starts member I of it per
# process, prints each one's addresses and PID, and records the PIDs for stop-local-cluster.sh. The silos
# find each other through an Orleans membership table in a SQLite file next to the cluster file
# (cluster.membership.db): no silo is special, any of them can be killed and restarted.
#
# With a second argument SIZE > N the cluster file lists SIZE members and says "initial_voters": N: the
# first N start as the group, the others are started later by deploy/start-member.sh I and join once a
# leader adds them (console: member add I+1 --learner, then member promote I+1).
#
#   deploy/start-local-cluster.sh 5        # state, logs and data go to ./data/local-cluster/ (or $RAFT_CLUSTER_STATE)
#   deploy/start-local-cluster.sh 3 5      # a 5-member file, members 0..2 started as the group
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/member-lib.sh

count=${1:-3}
size=${2:-$count}
if { [ "$count" != 3 ] && [ "$count" != 5 ]; } || ! [[ "$size" =~ ^[0-9]+$ ]] || [ "$size" -lt "$count" ] || [ "$size" -gt 9 ]; then
  echo "usage: $0 N [SIZE]   (N = 3 or 5 silos started; SIZE = members in the cluster file, N..9, default N)" >&2
  exit 2
fi

state=${RAFT_CLUSTER_STATE:-data/local-cluster}
pids_file=$state/pids
if [ -s "$pids_file" ]; then
  echo "a local cluster is already recorded in $pids_file; run deploy/stop-local-cluster.sh first" >&2
  exit 1
fi
mkdir -p "$state"

ensure_silo_built

ports=()
internal_ports=()
gateway_ports=()
for ((i = 0; i < size; i++)); do
  # Not in a subshell: free_port must remember what it picked.
  free_port > "$state/.port"; ports+=("$(cat "$state/.port")")
  free_port > "$state/.port"; internal_ports+=("$(cat "$state/.port")")
  free_port > "$state/.port"; gateway_ports+=("$(cat "$state/.port")")
done
rm -f "$state/.port"

cluster_file=$state/cluster.json
# No silo of this folder runs (no PIDs recorded), so an old membership table is only history, and its rows
# for silos that were killed would slow the new silos' join. Peers' data folders are kept.
rm -f "$state/cluster.membership.db" "$state/cluster.membership.db-wal" "$state/cluster.membership.db-shm" "$state"/member-*.pid
{
  printf '{'
  # Only when some members wait to join: a file without it means every member, as before.
  [ "$size" -gt "$count" ] && printf '"initial_voters":%d,' "$count"
  printf '"addresses":['
  for ((i = 0; i < size; i++)); do
    [ "$i" -gt 0 ] && printf ','
    printf '\n  {"ip":"127.0.0.1","port":%d,"internal_port":%d,"gateway_port":%d}' "${ports[$i]}" "${internal_ports[$i]}" "${gateway_ports[$i]}"
  done
  printf '\n]}\n'
} > "$cluster_file"

: > "$pids_file"
for ((i = 0; i < count; i++)); do
  : > "$state/member-$i.log"
  launch_member "$state" "$i"
done
[ "$size" -gt "$count" ] && echo "members $count..$((size - 1)) are in the file but not started: deploy/start-member.sh I starts member I"
echo "cluster file: $cluster_file; PIDs in $pids_file; stop with deploy/stop-local-cluster.sh"
echo "console: dotnet run --project Raft.Client -- --cluster-file $cluster_file status"
