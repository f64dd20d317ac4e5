#!/usr/bin/env bash
# Ours against etcd on the same machine, side by side in one run: a 3-member etcd (Debian's etcd-server,
# installed when `etcd` is missing; default settings but for loopback ports and its own data folders) and 3
# of our silos (deploy/start-local-cluster.sh 3, built Release first), both running while
# `Raft.Benchmarks vs-etcd` drives each load on etcd and then on ours with the same HTTP/1.1 load generator
# (put with 1, 16 and 64 clients to the leader, put with 64 clients over all members, linearizable get with
# 16 clients to the leader), reads every member's RSS, times failover (SIGKILL the leader, first write
# acknowledged by a survivor) on each, and prints one markdown table with ours/etcd ratios.
#
# Stops exactly what it started, on any exit: the etcd members by their recorded PIDs, our silos through
# deploy/stop-local-cluster.sh for their state folder. The state folder (etcd's data, the silos' data and
# every member's log) is removed after a successful run unless --keep-state, and kept after a failed one.
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
echo "building Raft.Benchmarks and Raft.Silo (Release)..."
dotnet build Raft.Benchmarks -c Release -nologo -v quiet > /dev/null

state=${BENCH_STATE:-$(mktemp -d "${TMPDIR:-/tmp}/bench-vs-etcd.XXXXXX")}
state=$(mkdir -p "$state" && cd "$state" && pwd)
etcd_state=$state/etcd
raft_state=$state/raft
if [ -s "$etcd_state/pids" ] || [ -s "$raft_state/pids" ]; then
  echo "$state already records running members; stop them or choose another BENCH_STATE" >&2
  exit 1
fi
mkdir -p "$etcd_state"

# An etcd member of this run: alive, and an etcd process whose data folder is in our state folder (a PID can
# be reused by an unrelated process after the member exits).
is_our_etcd() {
  local command
  kill -0 "$1" 2> /dev/null && command=$(tr '\0' ' ' < "/proc/$1/cmdline" 2> /dev/null) || return 1
  case "$command" in "etcd "*"--data-dir $etcd_state/"*) return 0 ;; esac
  return 1
}

stop_etcd() {
  [ -s "$etcd_state/pids" ] || return 0
  local pids
  # Read at exit, not at start: the failover trials restart members and rewrite this file.
  mapfile -t pids < "$etcd_state/pids"
  stop_processes is_our_etcd 10 "${pids[@]}"
  : > "$etcd_state/pids"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_etcd
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

# etcd's recommended local layout, on free loopback ports: a client and a peer URL per member, the initial
# cluster named in full. Everything else (heartbeat 100 ms, election 1000 ms, snapshots, quotas) is etcd's default.
client_ports=()
peer_ports=()
for i in 0 1 2; do
  # Not in a subshell: free_port must remember what it picked.
  free_port > "$etcd_state/.port"; client_ports+=("$(cat "$etcd_state/.port")")
  free_port > "$etcd_state/.port"; peer_ports+=("$(cat "$etcd_state/.port")")
done
rm -f "$etcd_state/.port"
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
  # Not this shell's job any more: the failover trials SIGKILL it, and bash would report that as a failure.
  disown "$pid"
  echo "$pid" >> "$etcd_state/pids"
  echo "$pid" > "$etcd_state/member-$i.pid"
  echo "http://127.0.0.1:${client_ports[$i]}" >> "$etcd_state/endpoints"
  echo "etcd member $i: client http://127.0.0.1:${client_ports[$i]}, peer http://127.0.0.1:${peer_ports[$i]}, pid $pid, log $etcd_state/member-$i.log"
done

# Our silos pick their ports once etcd listens on its own, so that they cannot pick the same ones.
deadline=$(($(date +%s) + 30))
for port in "${client_ports[@]}" "${peer_ports[@]}"; do
  until ss -Htln "sport = :$port" 2> /dev/null | grep -q .; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "etcd did not listen on port $port within 30 s; see $etcd_state/member-*.log" >&2
      exit 1
    fi
    sleep 0.1
  done
done

RAFT_CLUSTER_STATE=$raft_state deploy/start-local-cluster.sh 3

dotnet Raft.Benchmarks/bin/Release/net10.0/Raft.Benchmarks.dll vs-etcd --etcd-state "$etcd_state" --raft-state "$raft_state" "${bench_args[@]+"${bench_args[@]}"}"
