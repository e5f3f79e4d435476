# Sourced by .ci/run: a throwaway PostgreSQL on 127.0.0.1 for the DATABASE_URL test, stopped on exit.
# Uses the PostgreSQL server of the machine image; without one, that test is skipped and says so.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]; then
  PG_DATA=$(mktemp -d /tmp/stella-ci-pg.XXXXXX)
  chown postgres "$PG_DATA"
  as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA/data" -A trust -U stella >/dev/null
  # Ports below Linux's ephemeral range (32768+), so a load test's many client sockets cannot hold
  # the one we want; the next is tried when one is taken.
  PG_PORT=""
  for port in 25432 25433 25434 25435 25436; do
    if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/server.log" -w \
        -o "-p $port -k $PG_DATA -c listen_addresses=127.0.0.1" start >/dev/null 2>&1; then
      PG_PORT=$port
      break
    fi
  done
  if [ -z "$PG_PORT" ]; then
    echo "could not start the test PostgreSQL on ports 25432-25436; see $PG_DATA/server.log" >&2
    exit 1
  fi
  trap 'as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m fast stop >/dev/null 2>&1 || true' EXIT
  export STELLA_TEST_DATABASE_URL="postgresql://stella@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL for tests: $STELLA_TEST_DATABASE_URL ($PG_BIN)"
else
  echo "No PostgreSQL server on this machine: the PostgreSQL test will be skipped"
fi
