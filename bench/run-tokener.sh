#!/usr/bin/env bash
# Tokener benchmark (see BENCHMARKS.md): cold start, fresh token with a warm browser, cached /api/token under
# wrk at 64 and 256 connections, JVM and Chromium memory. Needs /usr/bin/wrk and Chromium.
#   bench/run-tokener.sh --runs 3 --duration-s 15
BENCH_COMMAND="bench/$(basename "$0") $*"
source "$(dirname "$0")/lib.sh"
command -v "${WRK:-wrk}" >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bench_build tokener-service
bench_run tokener --tokener-app "$BENCH_SRC/tokener-service/target/quarkus-app" --wrk-script "$ROOT/bench/wrk/percentiles.lua" "$@"
