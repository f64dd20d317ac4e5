#!/usr/bin/env bash
# The project's one test command: builds everything, runs every test project, and ends with one line
# "N passed, N failed, N skipped" summed over all of them. It starts the services the tests need
# (PostgreSQL, unless RAFT_TEST_POSTGRES names one) and stops them whatever happens, and installs Debian's
# Chromium for the dashboard's browser tests when it is missing.
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
pg_dir=""
pg_user=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
      runuser -u "$pg_user" -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$pg_dir"
  fi
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL for the storage tests: use RAFT_TEST_POSTGRES when the caller gives one; otherwise install
# PostgreSQL 15 if missing and start a throwaway server as an unprivileged user in a temp folder, on a
# free loopback port, with its socket in that folder. The trap above always stops it and removes the folder.
pg_bin=/usr/lib/postgresql/15/bin
start_postgres() {
  if [ ! -x "$pg_bin/initdb" ]; then
    echo "test.sh: installing PostgreSQL" >&2
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >/dev/null 2>&1 || return 1
    [ -x "$pg_bin/initdb" ] || { echo "test.sh: $pg_bin/initdb still missing after install" >&2; return 1; }
  fi
  if id postgres >/dev/null 2>&1; then pg_user=postgres; else
    pg_user=raft-test-pg
    id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user" || return 1
  fi
  local port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
    [ "$port" -lt 55532 ] || { echo "test.sh: no free port for PostgreSQL" >&2; return 1; }
  done
  pg_dir=$(mktemp -d /tmp/raft-test-pg.XXXXXX) || return 1
  chown "$pg_user" "$pg_dir" && chmod 700 "$pg_dir"
  runuser -u "$pg_user" -- "$pg_bin/initdb" -D "$pg_dir/data" -U raft --auth=trust -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; return 1; }
  runuser -u "$pg_user" -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$pg_dir -c max_connections=300" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; return 1; }
  runuser -u "$pg_user" -- "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U raft raft_test || return 1
  export RAFT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=raft;Database=raft_test"
  echo "test.sh: PostgreSQL on 127.0.0.1:$port (data in $pg_dir)" >&2
}

# Chromium for the dashboard's browser tests (Playwright drives Debian's build; it cannot download its own).
# RAFT_TEST_CHROMIUM names another browser binary; the tests launch and close it themselves.
ensure_chromium() {
  [ -n "${RAFT_TEST_CHROMIUM:-}" ] && return 0
  [ -x /usr/bin/chromium ] && return 0
  echo "test.sh: installing Chromium" >&2
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } >/dev/null 2>&1
  [ -x /usr/bin/chromium ] || { echo "test.sh: /usr/bin/chromium still missing after install" >&2; return 1; }
}

dotnet build RaftOrleans.sln -c Release 2>&1 | tail -n 3
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then
  dotnet build RaftOrleans.sln -c Release 2>&1 | grep -E 'error' | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi

if [ -z "${RAFT_TEST_POSTGRES:-}" ]; then
  # Without a database the PostgreSQL tests fail loudly (they never skip), so carry on either way.
  start_postgres || echo "test.sh: could not start PostgreSQL; its storage tests will fail" >&2
fi

# Without it the browser tests fail loudly (they never skip), so carry on either way.
ensure_chromium || echo "test.sh: could not install Chromium; the dashboard's browser tests will fail" >&2

dotnet test RaftOrleans.sln -c Release --no-build 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}

# Each test project prints "Failed!|Passed!  - Failed: F, Passed: P, Skipped: S, Total: T"; sum them.
summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
if [ -z "$summary" ] || [ "$summary" = "0 passed, 0 failed, 0 skipped" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$summary"
exit "$test_status"
