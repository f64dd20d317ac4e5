# Shared by start-local-cluster.sh, start-member.sh, stop-local-cluster.sh and bench-vs-etcd.sh (sourced, not run): starts member
# I of the state folder's cluster file as a background silo process and records its PID, in the pids file
# every stop reads and in member-I.pid; stops recorded processes; picks free loopback ports.
#
#   launch_member STATE I
#   stop_processes IS_OURS TIMEOUT PID...
#   stop_recorded STATE IS_OURS
#   runs_as PID PATTERN
#   free_port > FILE     (not in a subshell: free_port must remember what it picked)

dll=Raft.Silo/bin/Release/net10.0/Raft.Silo.dll

ensure_silo_built() {
  if [ ! -f "$dll" ]; then
    echo "building Raft.Silo (Release)..."
    dotnet build Raft.Silo -c Release -v quiet -nologo >/dev/null
  fi
}

launch_member() {
  local state=$1 i=$2
  local log=$state/member-$i.log
  # setsid: the silo outlives this script's terminal; its PID is recorded so exactly it can be stopped.
  setsid dotnet "$dll" --cluster-file "$state/cluster.json" --member "$i" --data-dir "$state/member-$i" >> "$log" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" >> "$state/pids"
  echo "$pid" > "$state/member-$i.pid"
  local entry ip port internal gateway
  entry=$(grep -o '{"ip":[^}]*}' "$state/cluster.json" | sed -n "$((i + 1))p")
  ip=$(sed -E 's/.*"ip":"([^"]*)".*/\1/' <<< "$entry")
  port=$(sed -E 's/.*"port":([0-9]+).*/\1/' <<< "$entry")
  internal=$(sed -E 's/.*"internal_port":([0-9]+).*/\1/' <<< "$entry")
  gateway=$(sed -E 's/.*"gateway_port":([0-9]+).*/\1/' <<< "$entry")
  echo "member $i: peer $((i + 1)), client http://$ip:$port, silo-to-silo $ip:$internal, gateway $ip:$gateway, pid $pid, log $log"
}

# Whether PID is alive and is a Raft.Silo process (a recorded PID may since belong to another program).
is_silo() { runs_as "$1" "*Raft.Silo*"; }

# Whether member I of the state folder runs: its recorded PID is alive and is a Raft.Silo process.
member_running() {
  local pid_file=$1/member-$2.pid
  [ -s "$pid_file" ] || return 1
  is_silo "$(cat "$pid_file")"
}

# Stops those of the PIDs that IS_OURS (a function of one PID) accepts: SIGTERM, then SIGKILL for any still
# alive after TIMEOUT seconds. A PID it refuses (gone, or reused by another program) is left alone.
#
#   stop_processes IS_OURS TIMEOUT PID...
stop_processes() {
  local is_ours=$1 timeout=$2 pid still
  shift 2
  local live=()
  for pid in "$@"; do
    if "$is_ours" "$pid"; then kill -TERM "$pid" 2>/dev/null && live+=("$pid"); fi
  done
  local deadline=$(( $(date +%s) + timeout ))
  while [ "${#live[@]}" -gt 0 ] && [ "$(date +%s)" -lt "$deadline" ]; do
    still=()
    for pid in "${live[@]}"; do "$is_ours" "$pid" && still+=("$pid"); done
    live=("${still[@]+"${still[@]}"}")
    [ "${#live[@]}" -gt 0 ] && sleep 0.2
  done
  for pid in "${live[@]+"${live[@]}"}"; do
    echo "process $pid did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# Stops those of the processes recorded in STATE/pids that IS_OURS accepts (SIGTERM, SIGKILL after 10 s), and
# empties the file. Read at the stop, not at the start: the failover trials restart members and rewrite it.
stop_recorded() {
  local state=$1 is_ours=$2 pids
  [ -s "$state/pids" ] || return 0
  mapfile -t pids < "$state/pids"
  stop_processes "$is_ours" 10 "${pids[@]}"
  : > "$state/pids"
}

# Whether PID is alive and its command line (arguments joined by spaces) matches the glob PATTERN: a recorded
# PID may since belong to an unrelated program.
runs_as() {
  local command
  kill -0 "$1" 2>/dev/null && command=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 1
  # PATTERN unquoted on purpose: it is a glob.
  # shellcheck disable=SC2254
  case "$command" in $2) return 0 ;; esac
  return 1
}

# A port is free when nothing listens on it and we have not picked it already. Ports come from below the
# kernel's ephemeral range (32768-60999 by default), so an outgoing connection of some other program cannot
# take one between now and the bind.
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
