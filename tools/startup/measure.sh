#!/usr/bin/env bash
# Time to ready and RSS of each service, with and without an AppCDS archive (Quarkus builds one with
# -Dquarkus.package.jar.appcds.enabled=true). Needs the local infrastructure: ./docmap infra start.
#   tools/startup/measure.sh     builds both variants, starts each service RUNS (3) times per variant, prints a table
#   SKIP_BUILD=1 tools/startup/measure.sh   measures the builds of the last run again
set -euo pipefail
cd "$(dirname "$0")/../.."
. .docmap/db.env
export DOCMAP_DB_HOST DOCMAP_DB_PORT DOCMAP_DB_USER DOCMAP_DB_PASSWORD DOCMAP_DB_NAME
export DOCMAP_KAFKA_BOOTSTRAP=$(cat .docmap/kafka/bootstrap) DOCMAP_PAGES_TOPIC=startup.pages DOCMAP_WORKER_GROUP=startup
RUNS=${RUNS:-3}
OUT=target/startup
mkdir -p "$OUT"

measure() { # module variant-label app-dir java-args…
  local module=$1 label=$2 app=$3; shift 3
  local total_ms=0 total_rss=0
  for _ in $(seq 1 "$RUNS"); do
    local start=$(date +%s%N)
    # From the application's directory: an AppCDS archive names its class path relative to it.
    (cd "$app" && exec java -Xmx256m "$@" -Dquarkus.http.port=18099 -jar quarkus-run.jar) >"$OUT/$module-$label.log" 2>&1 &
    local pid=$!
    until curl -fs localhost:18099/q/health/ready >/dev/null 2>&1; do sleep 0.05; done
    local ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    local rss_kb=$(ps -o rss= -p "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    total_ms=$((total_ms + ready_ms)); total_rss=$((total_rss + rss_kb))
  done
  printf '%-20s %-8s %8d ms %8d MB\n' "$module" "$label" $((total_ms / RUNS)) $((total_rss / RUNS / 1024))
}

build() { # appcds: true or false
  ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true -pl mapper-service,worker-service,dispatcher-service -am \
    -Dquarkus.package.jar.appcds.enabled="$1" >/dev/null
}

# The plain build is copied aside; the AppCDS one stays in place, since an archive is valid only for the jar
# paths it was made with.
[ "${SKIP_BUILD:-0}" = 1 ] || build false
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for module in mapper-service worker-service dispatcher-service; do
    rm -rf "$OUT/plain/$module"; mkdir -p "$OUT/plain"
    cp -r "$module/target/quarkus-app" "$OUT/plain/$module"
  done
  build true
fi

printf '%-20s %-8s %11s %11s\n' service variant "to ready" RSS
for module in mapper-service worker-service dispatcher-service; do
  measure "$module" plain "$OUT/plain/$module"
  measure "$module" appcds "$module/target/quarkus-app" -Xshare:on -XX:SharedArchiveFile=app-cds.jsa
done
