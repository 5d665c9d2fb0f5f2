# ./docmap test: the test suite on a fresh machine. It installs what the tests need and the machine lacks, starts
# the local infrastructure, validates the Kubernetes manifests and runs ./mvnw verify. Sourced by ./docmap.
#   - Debian's Chromium, for StatusPageIT (apt, once);
#   - playwright-core, and the schema packages of the manifest validation (npm ci, when the lock file changed);
#   - Debian's prometheus package, whose promtool proves the alerts (AlertRulesTest);
#   - openssl and MariaDB's server, for the TLS-only servers of the secured connection tests (SecuredDatabase);
#   - kubectl, to render the overlays (it must be on the PATH: it is not in Debian's own archive).

test_main() {
  test_install chromium chromium "the status page test (StatusPageIT)"
  test_install promtool prometheus "promtool, which tests the alerts (AlertRulesTest)"
  test_install openssl openssl "the certificates of the secured connection tests"
  db_install
  test_npm_ci "$DOCMAP_ROOT/harness/src/test/browser"
  test_npm_ci "$DOCMAP_ROOT/k8s/validate"
  command -v kubectl >/dev/null || die "kubectl is not on the PATH; the manifest tests render the overlays with it"
  # Every overlay rendered and validated against the Kubernetes, KEDA, Strimzi and Prometheus Operator schemas,
  # offline; docmap's own rules on them run in KubernetesManifestsTest.
  node "$DOCMAP_ROOT/k8s/validate/validate.mjs"
  infra start
  "$DOCMAP_ROOT/mvnw" -B -ntp -f "$DOCMAP_ROOT/pom.xml" verify "$@"
}

# test_install COMMAND PACKAGE WHY: Debian's PACKAGE, with apt, unless COMMAND is on the PATH already.
test_install() {
  command -v "$1" >/dev/null && return
  log "installing Debian's $2 for $3"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2") \
    >&2 || die "could not install $1; install Debian's $2 package"
}

# npm ci, skipped while node_modules matches the lock file it was installed from.
test_npm_ci() {
  local dir=$1
  cmp -s "$dir/package-lock.json" "$dir/node_modules/.package-lock.installed" 2>/dev/null && return
  npm ci --no-audit --no-fund --prefix "$dir" >&2 || die "npm ci failed in $dir"
  cp "$dir/package-lock.json" "$dir/node_modules/.package-lock.installed"
}
