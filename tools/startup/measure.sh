#!/usr/bin/env bash
# Time to ready and RSS of each service, with and without the AppCDS archive its JVM image makes. The archive is
# made here the way Dockerfile.jvm makes it: a -Pappcds build, then a training run from the jar's absolute path, with
# the service's own JVM options (src/main/jvm/jvm.options), as the image runs it.
# Needs the local infrastructure: ./docmap infra start.
#   tools/startup/measure.sh                builds, makes the archives, starts each service RUNS (3) times per variant
#   SKIP_BUILD=1 tools/startup/measure.sh   measures the archives of the last run again
set -euo pipefail
cd "$(dirname "$0")/../.."
. .docmap/db.env
export DOCMAP_DB_HOST DOCMAP_DB_PORT DOCMAP_DB_USER DOCMAP_DB_PASSWORD DOCMAP_DB_NAME
export DOCMAP_KAFKA_BOOTSTRAP=$(cat .docmap/kafka/bootstrap) DOCMAP_PAGES_TOPIC=startup.pages DOCMAP_WORKER_GROUP=startup
RUNS=${RUNS:-3}
OUT=$PWD/target/startup
SERVICES="mapper-service worker-service dispatcher-service"

measure() { # module variant-label java-args…
  local module=$1 label=$2; shift 2
  local total_ms=0 total_rss=0
  for _ in $(seq 1 "$RUNS"); do
    local start=$(date +%s%N)
    java @"$module/src/main/jvm/jvm.options" "$@" -Dquarkus.http.port=18099 -jar "$OUT/$module/quarkus-run.jar" >"$OUT/$module-$label.log" 2>&1 &
    local pid=$!
    until curl -fs localhost:18099/q/health/ready >/dev/null 2>&1; do
      kill -0 "$pid" 2>/dev/null || { echo "$module ($label) exited; see $OUT/$module-$label.log" >&2; exit 1; }
      sleep 0.05
    done
    local ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    local rss_kb=$(ps -o rss= -p "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    total_ms=$((total_ms + ready_ms)); total_rss=$((total_rss + rss_kb))
  done
  printf '%-20s %-8s %8d ms %8d MB\n' "$module" "$label" $((total_ms / RUNS)) $((total_rss / RUNS / 1024))
}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B package -Pappcds -DskipTests -Dspotless.check.skip=true -pl "${SERVICES// /,}" -am >/dev/null
  for module in $SERVICES; do
    rm -rf "$OUT/$module"; mkdir -p "$OUT"
    cp -r "$module/target/quarkus-app" "$OUT/$module"
    rm -f "$OUT/$module/app-cds.jsa"
    # The training run of Dockerfile.jvm; it stops by itself after static init.
    java @"$module/src/main/jvm/jvm.options" -XX:ArchiveClassesAtExit="$OUT/$module/app-cds.jsa" -Dquarkus.appcds.generate=true \
      -jar "$OUT/$module/quarkus-run.jar" >"$OUT/$module-training.log" 2>&1
  done
fi

printf '%-20s %-8s %11s %11s\n' service variant "to ready" RSS
for module in $SERVICES; do
  measure "$module" plain
  # -Xshare:on, not auto: a run that could not map the archive fails here instead of measuring nothing.
  measure "$module" appcds -Xshare:on -XX:SharedArchiveFile="$OUT/$module/app-cds.jsa"
done
