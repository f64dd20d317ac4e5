#!/usr/bin/env bash
# Starts N silos (N = 3 or 5) on loopback, one Raft peer each, in the background, the way the seeds'
# spawner started a five-peer cluster. Writes a cluster file with free ports, starts member I of it per
# process, prints each one's addresses and PID, and records the PIDs for stop-local-cluster.sh. The silos
# find each other through an Orleans membership table in a SQLite file next to the cluster file
# (cluster.membership.db): no silo is special, any of them can be killed and restarted.
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

# A port is free when nothing listens on it and we have not picked it already. Ports come from below the
# kernel's ephemeral range (32768-60999 by default), so an outgoing connection of some other program cannot
# take one between now and the silo's bind.
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
picked=" "
free_port() {
  local port
  while true; do
    port=$(( 10000 + RANDOM % (ephemeral_low - 10000) ))
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
gateway_ports=()
for ((i = 0; i < count; i++)); do
  # Not in a subshell: free_port must remember what it picked.
  free_port > "$state/.port"; ports+=("$(cat "$state/.port")")
  free_port > "$state/.port"; internal_ports+=("$(cat "$state/.port")")
  free_port > "$state/.port"; gateway_ports+=("$(cat "$state/.port")")
done
rm -f "$state/.port"

cluster_file=$state/cluster.json
# No silo of this folder runs (no PIDs recorded), so an old membership table is only history, and its rows
# for silos that were killed would slow the new silos' join. Peers' data folders are kept.
rm -f "$state/cluster.membership.db" "$state/cluster.membership.db-wal" "$state/cluster.membership.db-shm"
{
  printf '{"addresses":['
  for ((i = 0; i < count; i++)); do
    [ "$i" -gt 0 ] && printf ','
    printf '\n  {"ip":"127.0.0.1","port":%d,"internal_port":%d,"gateway_port":%d}' "${ports[$i]}" "${internal_ports[$i]}" "${gateway_ports[$i]}"
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
  echo "member $i: peer $((i + 1)), client http://127.0.0.1:${ports[$i]}, silo-to-silo 127.0.0.1:${internal_ports[$i]}, gateway 127.0.0.1:${gateway_ports[$i]}, pid $pid, log $log"
done
echo "cluster file: $cluster_file; PIDs in $pids_file; stop with deploy/stop-local-cluster.sh"
echo "console: dotnet run --project Raft.Client -- --cluster-file $cluster_file status"
