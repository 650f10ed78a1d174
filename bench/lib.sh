# Shared by bench/run-*.sh: builds a copy of the working tree (never the tree itself, whose target/
# directories other builds and tests use) and runs the harness with a time limit.
#   BENCH_SRC      where the copy lives (default /tmp/bench-src)
#   SKIP_BUILD     true: reuse the copy's last build
#   BENCH_TIMEOUT  seconds before the whole benchmark is stopped (default 3600)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_SRC="${BENCH_SRC:-/tmp/bench-src}"

bench_build() {
  local modules="$1"
  if [ "${SKIP_BUILD:-false}" != "true" ]; then
    command -v rsync >/dev/null || { echo "rsync is needed: apt-get install -y rsync" >&2; exit 1; }
    mkdir -p "$BENCH_SRC"
    rsync -a --delete --exclude target --exclude .git --exclude .data --exclude node_modules "$ROOT/" "$BENCH_SRC/"
    (cd "$BENCH_SRC" && ./mvnw -B -q -DskipTests package -pl "$modules,bench" -am)
  fi
}

bench_run() {
  local classpath
  classpath="$BENCH_SRC/bench/target/classes:$(cat "$BENCH_SRC/bench/target/bench.classpath")"
  # The harness runs in the foreground; it stops every process it started when it ends, fails, hits the
  # time limit (timeout sends SIGTERM; its shutdown hook stops services, browsers and wrk) or gets Ctrl-C.
  cd "$ROOT"
  export BENCH_COMMAND="${BENCH_COMMAND:-bench/run-$1.sh ${*:2}}"
  exec timeout --signal=TERM --kill-after=60 "${BENCH_TIMEOUT:-3600}" \
    java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$classpath" io.tempo.bench.Bench "$@"
}
