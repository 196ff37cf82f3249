#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the test suite and print its URL on stdout.
# Installs Debian's postgresql package when the server binaries are missing (needs root and apt).
# Usage: url=$(scripts/test-postgres.sh start DIR)  …  scripts/test-postgres.sh stop DIR
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a data directory}

free_port() {  # the first port from 54329 on that nothing listens on
  local p
  for p in $(seq 54329 54429); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port" >&2; return 1
}

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_owner() {  # PostgreSQL refuses to run as root
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case $action in
start)
  if ! bindir >/dev/null; then
    echo "installing postgresql from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  fi
  bin=$(bindir)
  port=${ISNAD_PG_PORT:-$(free_port)}
  rm -rf "$dir" && mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_owner "'$bin/initdb' -D '$dir/data' -U isnad --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
    || as_owner "'$bin/initdb' -D '$dir/data' -U isnad --auth=trust -E UTF8 --locale=C" >"$dir/initdb.log" 2>&1
  as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start" >&2
  as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U isnad isnad_test" >&2
  echo "postgresql://isnad@127.0.0.1:$port/isnad_test"
  ;;
stop)
  bin=$(bindir)
  as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast stop" >&2 || true
  ;;
esac
