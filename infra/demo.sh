# ./docmap demo: infrastructure up, build, then the harness's Demo runs the services and the corpus. Sourced by ./docmap.

demo() {
  infra start
  if [ "${DOCMAP_SKIP_BUILD:-0}" != 1 ]; then
    log "building the services (DOCMAP_SKIP_BUILD=1 skips this)"
    "$DOCMAP_ROOT/mvnw" -q -B -f "$DOCMAP_ROOT/pom.xml" package -DskipTests -Dspotless.check.skip=true \
      || die "build failed"
  fi
  local cp
  cp="$DOCMAP_ROOT/harness/target/classes:$(cat "$DOCMAP_ROOT/harness/target/classpath.txt")"
  java -Xmx512m -cp "$cp" -Djava.util.logging.SimpleFormatter.format='%1$tT %4$s %5$s%6$s%n' \
    io.docmap.harness.Demo "$@"
}
