# shellcheck shell=bash
# A throwaway PostgreSQL on loopback for the test suite (STACK-NOTES §7).
# Source it, then: pg_throwaway_start [db] [user]; it exports PG_TEST_CONN.
# The caller's EXIT trap must call pg_throwaway_stop.
pg_throwaway_stop() {
  if [[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]]; then
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
      (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1) ||
        kill -9 "$(head -n1 "$PG_DIR/data/postmaster.pid")" 2>/dev/null || true
    fi
    rm -rf "$PG_DIR"
  fi
  PG_DIR=
}

pg_throwaway_start() {
  local db=${1:-downstream_test} user=${2:-downstream} attempt port
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -x "$PG_BIN/initdb" ]] || { echo "PostgreSQL server is not installed (apt-get install postgresql)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/pgtest.XXXXXX)   # short: unix socket paths are limited to 107 bytes
  chown postgres:postgres "$PG_DIR"; chmod 700 "$PG_DIR"
  (cd / && runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
      -E UTF8 --locale=C.UTF-8 --no-sync) >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  PG_PORT=
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
          start) >/dev/null 2>&1; then PG_PORT=$port; break; fi
  done
  [[ -n "$PG_PORT" ]] || { cat "$PG_DIR/server.log" >&2; return 1; }
  (cd / && runuser -u postgres -- "$PG_BIN/createuser" -h "$PG_DIR" -p "$PG_PORT" "$user" &&
    runuser -u postgres -- "$PG_BIN/createdb" -h "$PG_DIR" -p "$PG_PORT" -O "$user" "$db") >/dev/null || return 1
  # gssencmode=disable: the throwaway server has no Kerberos, and libpq's GSSAPI probe
  # loads libkrb5, whose dynamic thread-local storage crashes LeakSanitizer's exit
  # scan in the sanitizer pass ("Tracer caught signal 11").
  export PG_DIR PG_BIN PG_PORT PG_TEST_CONN="host=127.0.0.1 port=$PG_PORT dbname=$db user=$user gssencmode=disable"
}
