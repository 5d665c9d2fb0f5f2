# ./docmap check, migrate and export: the admin tool, against the database DOCMAP_DB_* names, or the local one.
# Sourced by ./docmap.

admin_main() {
  if [ -z "${DOCMAP_DB_HOST:-}" ]; then
    infra start db
  fi
  if [ "${DOCMAP_SKIP_BUILD:-0}" != 1 ]; then
    log "building the admin tool (DOCMAP_SKIP_BUILD=1 skips this)"
    "$DOCMAP_ROOT/mvnw" -q -B -f "$DOCMAP_ROOT/pom.xml" package -pl admin -am -DskipTests -Dspotless.check.skip=true \
      || die "build failed"
  fi
  local cp
  cp="$DOCMAP_ROOT/admin/target/classes:$(cat "$DOCMAP_ROOT/admin/target/classpath.txt")"
  java -Xmx256m -cp "$cp" -Djava.util.logging.SimpleFormatter.format='%1$tT %4$s %5$s%6$s%n' \
    io.docmap.admin.Admin "$@"
}
