# ./docmap demo, up, bench and autoscale: infrastructure up, build, then a harness main class runs the services as processes.
# Sourced by ./docmap.

# harness_main <class> <heap> [args…]; HARNESS_MODULE names the module whose classes run (harness, or bench)
harness_main() {
  local main=$1 heap=$2 module=${HARNESS_MODULE:-harness}; shift 2
  # The database DOCMAP_DB_* names is the user's own: only Kafka is started here then.
  if [ -n "${DOCMAP_DB_HOST:-}" ]; then infra start kafka; else infra start; fi
  if [ "${DOCMAP_SKIP_BUILD:-0}" != 1 ]; then
    log "building the services (DOCMAP_SKIP_BUILD=1 skips this)"
    "$DOCMAP_ROOT/mvnw" -q -B -f "$DOCMAP_ROOT/pom.xml" package -DskipTests -Dspotless.check.skip=true \
      || die "build failed"
  fi
  local cp
  cp="$DOCMAP_ROOT/$module/target/classes:$(cat "$DOCMAP_ROOT/$module/target/classpath.txt")"
  # nodelay: the JDK HTTP server (the benchmark's stand-in mapper) reads it once per JVM; without it every answer
  # waits for the client's delayed ACK (Nagle), about 40 ms.
  java "-Xmx$heap" -Dsun.net.httpserver.nodelay=true -cp "$cp" -Djava.util.logging.config.file="$DOCMAP_ROOT/infra/harness-logging.properties" "$main" "$@"
}

demo() {
  case " $* " in *" --keep "*) services_refuse_if_up ;; esac
  harness_main io.docmap.harness.Demo 512m "$@"
}

up() {
  services_refuse_if_up
  harness_main io.docmap.harness.Up 256m "$@"
}

bench() { HARNESS_MODULE=bench harness_main io.docmap.bench.Benchmark 2g "$@"; }

autoscale() { harness_main io.docmap.harness.scaling.Autoscale 1g "$@"; }
