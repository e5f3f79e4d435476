# Sourced by .ci/run: a throwaway PostgreSQL on 127.0.0.1 for the DATABASE_URL test, stopped on exit.
# Uses the PostgreSQL server of the machine image; without one, that test is skipped and says so.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]; then
  PG_PORT=55432
  PG_DATA=$(mktemp -d /tmp/stella-ci-pg.XXXXXX)
  chown postgres "$PG_DATA"
  as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA/data" -A trust -U stella >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/server.log" -w \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1" start >/dev/null
  trap 'as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m fast stop >/dev/null 2>&1 || true' EXIT
  export STELLA_TEST_DATABASE_URL="postgresql://stella@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL for tests: $STELLA_TEST_DATABASE_URL ($PG_BIN)"
else
  echo "No PostgreSQL server on this machine: the PostgreSQL test will be skipped"
fi
