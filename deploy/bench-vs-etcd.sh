#!/usr/bin/env bash
# Ours against etcd and against dotNext's Raft on the same machine, side by side in one run: a 3-member etcd
# (Debian's etcd-server, installed when `etcd` is missing; default settings but for loopback ports and its
# own data folders), 3 nodes of Raft.Benchmarks.DotNext (a minimal key-value server on DotNext.Net.Cluster's
# Raft, TCP transport and write-ahead log, the library's defaults) and 3 of our silos
# (deploy/start-local-cluster.sh 3), all built Release first and all running while `Raft.Benchmarks vs-etcd`
# drives each load on etcd, then on dotNext, then on ours with the same HTTP/1.1 load generator (put with 1,
# 16 and 64 clients to the leader, put with 64 clients over all members, linearizable get with 16 clients to
# the leader), reads every member's RSS, times failover (SIGKILL the leader, first write acknowledged by a
# survivor) on each, and prints one markdown table with ours/etcd and ours/dotNext ratios.
#
# Stops exactly what it started, on any exit: the etcd members and dotNext nodes by their recorded PIDs, our
# silos through deploy/stop-local-cluster.sh for their state folder. The state folder (every cluster's data
# and every member's log) is removed after a successful run unless --keep-state, and kept after a failed one.
#
#   deploy/bench-vs-etcd.sh                              # 10,000 operations per run, median of 3 runs, 5 failover trials
#   deploy/bench-vs-etcd.sh --ops 2000 --runs 1 --trials 1   # a quick run
#   BENCH_STATE=/tmp/mine deploy/bench-vs-etcd.sh --keep-state
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/member-lib.sh

usage() {
  echo "usage: $0 [--ops N (10000)] [--runs N (3)] [--trials N (5)] [--attempt-timeout-ms N (200)] [--keep-state]"
}

bench_args=()
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --ops | --runs | --trials | --attempt-timeout-ms)
      if [ $# -lt 2 ] || ! [[ "$2" =~ ^[1-9][0-9]*$ ]]; then
        echo "$1 takes a whole number above 0" >&2
        usage >&2
        exit 2
      fi
      bench_args+=("$1" "$2")
      shift 2
      ;;
    --keep-state) keep=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if ! command -v etcd > /dev/null; then
  # Debian's postinst starts its own etcd service where policy-rc.d allows it; ours use other ports and folders.
  echo "installing Debian's etcd-server..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server > /dev/null
fi

# Always rebuilt: start-local-cluster.sh only builds a silo that is missing, and a stale one would be measured.
echo "building Raft.Benchmarks, Raft.Silo and Raft.Benchmarks.DotNext (Release)..."
dotnet build Raft.Benchmarks -c Release -nologo -v quiet > /dev/null
dotnet build Raft.Benchmarks.DotNext -c Release -nologo -v quiet > /dev/null
dotnext_dll=Raft.Benchmarks.DotNext/bin/Release/net10.0/Raft.Benchmarks.DotNext.dll

state=${BENCH_STATE:-$(mktemp -d "${TMPDIR:-/tmp}/bench-vs-etcd.XXXXXX")}
state=$(mkdir -p "$state" && cd "$state" && pwd)
etcd_state=$state/etcd
dotnext_state=$state/dotnext
raft_state=$state/raft
if [ -s "$etcd_state/pids" ] || [ -s "$dotnext_state/pids" ] || [ -s "$raft_state/pids" ]; then
  echo "$state already records running members; stop them or choose another BENCH_STATE" >&2
  exit 1
fi
mkdir -p "$etcd_state" "$dotnext_state"

# A member of this run: alive, and an etcd or dotNext process whose data folder is in our state folder.
is_our_etcd() { runs_as "$1" "etcd *--data-dir $etcd_state/*"; }
is_our_dotnext() { runs_as "$1" "dotnet *Raft.Benchmarks.DotNext.dll *--data-dir $dotnext_state/*"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_recorded "$etcd_state" is_our_etcd
  stop_recorded "$dotnext_state" is_our_dotnext
  if [ -s "$raft_state/pids" ]; then RAFT_CLUSTER_STATE=$raft_state deploy/stop-local-cluster.sh > /dev/null || true; fi
  if [ "$rc" -eq 0 ] && ! $keep; then
    rm -rf "$state"
  else
    echo "state, data and logs kept in $state"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Records member I's PID and client URL where its cluster's stop and Raft.Benchmarks' LocalCluster read them,
# and makes the process no job of this shell's: the failover trials SIGKILL it, and bash would report that
# as a failure.
record_member() {
  local state=$1 i=$2 pid=$3 url=$4
  disown "$pid"
  echo "$pid" >> "$state/pids"
  echo "$pid" > "$state/member-$i.pid"
  echo "$url" >> "$state/endpoints"
}

# Appends two free ports per member (3) to the arrays named FIRST and SECOND; STATE holds free_port's scratch
# file. Not in a subshell, nor is free_port: it must remember what it picked.
pick_port_pairs() {
  local state=$1 i
  local -n first=$2 second=$3
  for i in 0 1 2; do
    free_port > "$state/.port"; first+=("$(cat "$state/.port")")
    free_port > "$state/.port"; second+=("$(cat "$state/.port")")
  done
  rm -f "$state/.port"
}

# Waits up to 30 s for something to listen on every PORT; NAME's logs are in STATE.
wait_listening() {
  local name=$1 state=$2 port
  shift 2
  local deadline=$(($(date +%s) + 30))
  for port in "$@"; do
    until ss -Htln "sport = :$port" 2> /dev/null | grep -q .; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "$name did not listen on port $port within 30 s; see $state/member-*.log" >&2
        exit 1
      fi
      sleep 0.1
    done
  done
}

# etcd's recommended local layout, on free loopback ports: a client and a peer URL per member, the initial
# cluster named in full. Everything else (heartbeat 100 ms, election 1000 ms, snapshots, quotas) is etcd's default.
client_ports=()
peer_ports=()
pick_port_pairs "$etcd_state" client_ports peer_ports
initial_cluster=""
for i in 0 1 2; do initial_cluster+="${initial_cluster:+,}etcd-$i=http://127.0.0.1:${peer_ports[$i]}"; done
: > "$etcd_state/pids"
: > "$etcd_state/endpoints"
for i in 0 1 2; do
  # setsid, as launch_member does: a member is killed and restarted by PID, never by its terminal's signals.
  setsid etcd --name "etcd-$i" --data-dir "$etcd_state/member-$i" \
    --listen-client-urls "http://127.0.0.1:${client_ports[$i]}" --advertise-client-urls "http://127.0.0.1:${client_ports[$i]}" \
    --listen-peer-urls "http://127.0.0.1:${peer_ports[$i]}" --initial-advertise-peer-urls "http://127.0.0.1:${peer_ports[$i]}" \
    --initial-cluster "$initial_cluster" --initial-cluster-token "bench-vs-etcd-$$" --initial-cluster-state new \
    >> "$etcd_state/member-$i.log" 2>&1 < /dev/null &
  pid=$!
  record_member "$etcd_state" "$i" "$pid" "http://127.0.0.1:${client_ports[$i]}"
  echo "etcd member $i: client http://127.0.0.1:${client_ports[$i]}, peer http://127.0.0.1:${peer_ports[$i]}, pid $pid, log $etcd_state/member-$i.log"
done
wait_listening "etcd" "$etcd_state" "${client_ports[@]}" "${peer_ports[@]}"

# dotNext's nodes: a Raft (TCP) and an HTTP port each, every node told all of them; the election timeout,
# heartbeats and the write-ahead log's flushing are the library's defaults (Raft.Benchmarks.DotNext/RaftMember.cs).
raft_ports=()
http_ports=()
pick_port_pairs "$dotnext_state" raft_ports http_ports
: > "$dotnext_state/pids"
: > "$dotnext_state/endpoints"
for i in 0 1 2; do
  setsid dotnet "$dotnext_dll" --member "$i" --raft-ports "$(IFS=,; echo "${raft_ports[*]}")" --http-ports "$(IFS=,; echo "${http_ports[*]}")" \
    --data-dir "$dotnext_state/member-$i" >> "$dotnext_state/member-$i.log" 2>&1 < /dev/null &
  pid=$!
  record_member "$dotnext_state" "$i" "$pid" "http://127.0.0.1:${http_ports[$i]}"
  echo "dotNext node $i: http://127.0.0.1:${http_ports[$i]}, raft 127.0.0.1:${raft_ports[$i]}, pid $pid, log $dotnext_state/member-$i.log"
done
# Our silos pick their ports in another process, so only once etcd and dotNext listen on theirs: free_port
# then sees them taken.
wait_listening "dotNext" "$dotnext_state" "${raft_ports[@]}" "${http_ports[@]}"

RAFT_CLUSTER_STATE=$raft_state deploy/start-local-cluster.sh 3

dotnet Raft.Benchmarks/bin/Release/net10.0/Raft.Benchmarks.dll vs-etcd --etcd-state "$etcd_state" --dotnext-state "$dotnext_state" --raft-state "$raft_state" \
  "${bench_args[@]+"${bench_args[@]}"}"
