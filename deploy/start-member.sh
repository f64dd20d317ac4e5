#!/usr/bin/env bash
# Starts member I of a local cluster's file (written by start-local-cluster.sh) as one more silo process,
# from the same state folder: its PID joins the recorded ones, so stop-local-cluster.sh stops it too. A
# member outside the file's initial voters starts as a joiner: its peer waits until a leader adds it.
#
#   deploy/start-member.sh 3              # member 3 hosts peer 4; then: member add 4 --learner
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/member-lib.sh

member=${1:-}
state=${RAFT_CLUSTER_STATE:-data/local-cluster}
if ! [[ "$member" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 I   (0-based index of a member of $state/cluster.json)" >&2
  exit 2
fi
if [ ! -s "$state/pids" ] || [ ! -f "$state/cluster.json" ]; then
  echo "no local cluster recorded in $state; start one with deploy/start-local-cluster.sh" >&2
  exit 1
fi
members=$(grep -o '{"ip":' "$state/cluster.json" | wc -l)
if [ "$member" -ge "$members" ]; then
  echo "member $member is not in $state/cluster.json, which lists members 0..$((members - 1))" >&2
  exit 2
fi
if member_running "$state" "$member"; then
  echo "member $member already runs (pid $(cat "$state/member-$member.pid"))" >&2
  exit 1
fi
ensure_silo_built
launch_member "$state" "$member"
