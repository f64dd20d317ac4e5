#!/usr/bin/env bash
# Starts N silos (N = 3 or 5) on loopback, one Raft peer each, in the background, the way the seeds'
# spawner started a five-peer cluster. Writes a cluster file with free ports, starts member I of it per
# process, prints each one's addresses and PID, and records the PIDs for stop-local-cluster.sh.
#
#   deploy/start-local-cluster.sh 5        # state, logs and data go to ./data/local-cluster/ (or $RAFT_CLUSTER_STATE)
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-3}
if [ "$count" != 3 ] && [ "$count" != 5 ]; then
  echo "usage: $0 N   (N = 3 or 5)" >&2
  exit 2
fi

state=${RAFT_CLUSTER_STATE:-data/local-cluster}
pids_file=$state/pids
if [ -s "$pids_file" ]; then
  echo "a local cluster is already recorded in $pids_file; run deploy/stop-local-cluster.sh first" >&2
  exit 1
fi
mkdir -p "$state"

dll=Raft.Silo/bin/Release/net10.0/Raft.Silo.dll
if [ ! -f "$dll" ]; then
  echo "building Raft.Silo (Release)..."
  dotnet build Raft.Silo -c Release -v quiet -nologo >/dev/null
fi

# A port is free when nothing listens on it and we have not picked it already.
picked=" "
free_port() {
  local port
  while true; do
    port=$(( 20000 + RANDOM % 20000 ))
    case "$picked" in *" $port "*) continue ;; esac
    if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
      picked="$picked$port "
      echo "$port"
      return
    fi
  done
}

ports=()
internal_ports=()
for ((i = 0; i < count; i++)); do
  # Not in a subshell: free_port must remember what it picked.
  free_port > "$state/.port"; ports+=("$(cat "$state/.port")")
  free_port > "$state/.port"; internal_ports+=("$(cat "$state/.port")")
done
rm -f "$state/.port"

cluster_file=$state/cluster.json
{
  printf '{"addresses":['
  for ((i = 0; i < count; i++)); do
    [ "$i" -gt 0 ] && printf ','
    printf '\n  {"ip":"127.0.0.1","port":%d,"internal_port":%d}' "${ports[$i]}" "${internal_ports[$i]}"
  done
  printf '\n]}\n'
} > "$cluster_file"

: > "$pids_file"
for ((i = 0; i < count; i++)); do
  log=$state/member-$i.log
  # setsid: the silo outlives this script's terminal; its PID is recorded so exactly it can be stopped.
  setsid dotnet "$dll" --cluster-file "$cluster_file" --member "$i" --data-dir "$state/member-$i" > "$log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" >> "$pids_file"
  echo "member $i: peer $((i + 1)), client http://127.0.0.1:${ports[$i]}, silo-to-silo 127.0.0.1:${internal_ports[$i]}, pid $pid, log $log"
done
echo "cluster file: $cluster_file; PIDs in $pids_file; stop with deploy/stop-local-cluster.sh"
