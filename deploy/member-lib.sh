# Shared by start-local-cluster.sh and start-member.sh (sourced, not run): starts member I of the state
# folder's cluster file as a background silo process and records its PID, in the pids file every stop
# reads and in member-I.pid.
#
#   launch_member STATE I

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

# Whether member I of the state folder runs: its recorded PID is alive and is a Raft.Silo process.
member_running() {
  local pid_file=$1/member-$2.pid
  [ -s "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'Raft.Silo'
}
