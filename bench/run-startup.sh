#!/usr/bin/env bash
# Start-up to ready and idle RSS of both services in JVM mode (see BENCHMARKS.md).
#   bench/run-startup.sh --runs 5
BENCH_COMMAND="bench/$(basename "$0") $*"
source "$(dirname "$0")/lib.sh"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bench_build sync-service,tokener-service
bench_run startup --service-app "$BENCH_SRC/sync-service/target/quarkus-app" \
  --tokener-app "$BENCH_SRC/tokener-service/target/quarkus-app" "$@"
