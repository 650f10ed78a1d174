#!/usr/bin/env bash
# Tokener benchmark (see BENCHMARKS.md): cold start, idle memory, cached /api/token in the first seconds of load
# and warmed under wrk, fresh tokens with a warm browser. Needs /usr/bin/wrk and Chromium.
#   bench/run-tokener.sh --runs 3
#   BASELINE_REV=2ab124e bench/run-tokener.sh --runs 3   # the same steps for that commit's tokener, interleaved
# The service runs with the JVM options its image ships (TOKENER_JAVA_OPTS overrides them); a baseline with
# BASELINE_JAVA_OPTS (default: none, as images before that change ran).
BENCH_COMMAND="${BASELINE_REV:+BASELINE_REV=$BASELINE_REV }bench/$(basename "$0") $*"
source "$(dirname "$0")/lib.sh"
command -v "${WRK:-wrk}" >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Kept equal to JDK_JAVA_OPTIONS in tokener-service/src/main/docker/Dockerfile.jvm.
TOKENER_JAVA_OPTS="${TOKENER_JAVA_OPTS:-$(sed -n 's/.*JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' \
  "$ROOT/tokener-service/src/main/docker/Dockerfile.jvm")}"
bench_build tokener-service
baseline=()
if [ -n "${BASELINE_REV:-}" ]; then
  BASELINE_SRC="${BASELINE_SRC:-/tmp/bench-baseline-src}"
  if [ "${SKIP_BUILD:-false}" != "true" ]; then
    rm -rf "$BASELINE_SRC" && mkdir -p "$BASELINE_SRC"
    git -C "$ROOT" archive "$BASELINE_REV" | tar -x -C "$BASELINE_SRC"
    (cd "$BASELINE_SRC" && ./mvnw -B -q -DskipTests package -pl tokener-service -am)
  fi
  baseline=(--baseline-app "$BASELINE_SRC/tokener-service/target/quarkus-app" --baseline-label "$BASELINE_REV"
            --baseline-java-opts "${BASELINE_JAVA_OPTS:-}")
fi
bench_run tokener --tokener-app "$BENCH_SRC/tokener-service/target/quarkus-app" --java-opts "$TOKENER_JAVA_OPTS" \
  --label "this build" "${baseline[@]}" --wrk-script "$ROOT/bench/wrk/percentiles.lua" "$@"
