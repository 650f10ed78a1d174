#!/usr/bin/env bash
# Sync benchmarks (see BENCHMARKS.md). Examples:
#   bench/run-sync.sh --users 1000,10000 --runs 3 --latency-ms 100 --service-env SYNC_CONCURRENCY=64
#   bench/run-sync.sh --scenario trouble --users 1000 --runs 3 --service-env SYNC_CONCURRENCY=64
#   bench/run-sync.sh --scenario ratelimit --users 10000 --runs 3   # Spotify's rolling window, 3,000 calls per 30 s
# Before/after on a noisy machine: CANDIDATE_TREE=/path/to/other/checkout bench/run-sync.sh ... builds that tree
# too and runs both builds interleaved, each against its own database on the same PostgreSQL.
# Every option: BENCHMARKS.md, "Harness options".
BENCH_COMMAND="${CANDIDATE_TREE:+CANDIDATE_TREE=$CANDIDATE_TREE }bench/$(basename "$0") $*"
source "$(dirname "$0")/lib.sh"
bench_build sync-service
candidate=()
if [ -n "${CANDIDATE_TREE:-}" ]; then
  CANDIDATE_COPY="${CANDIDATE_COPY:-/tmp/bench-candidate}"
  if [ "${SKIP_BUILD:-false}" != "true" ]; then
    mkdir -p "$CANDIDATE_COPY"
    rsync -a --delete --exclude target --exclude .git --exclude .data "$CANDIDATE_TREE/" "$CANDIDATE_COPY/"
    (cd "$CANDIDATE_COPY" && ./mvnw -B -q -DskipTests package -pl sync-service -am)
  fi
  candidate=(--candidate-app "$CANDIDATE_COPY/sync-service/target/quarkus-app")
fi
bench_run sync --service-app "$BENCH_SRC/sync-service/target/quarkus-app" "${candidate[@]}" "$@"
