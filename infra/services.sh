# ./docmap up leaves the services running; these read the list it wrote to find them. Sourced by ./docmap.
# <DOCMAP_RUN_DIR>/services holds one line per service, in flow order: name, pid, URL, log.

RUN_DIR="${DOCMAP_RUN_DIR:-$DOCMAP_HOME/run}"
SERVICES_FILE="$RUN_DIR/services"

# The services of the list still running, as lines; a pid now used by another program is not one of them.
services_running() {
  [ -f "$SERVICES_FILE" ] || return 0
  local name pid url logfile
  while IFS=$'\t' read -r name pid url logfile; do
    if grep -qs quarkus-run.jar "/proc/$pid/cmdline"; then printf '%s\t%s\t%s\t%s\n' "$name" "$pid" "$url" "$logfile"; fi
  done <"$SERVICES_FILE"
}

services_refuse_if_up() {
  [ -z "$(services_running)" ] || die "docmap is already up (./docmap status shows it; ./docmap down stops it)"
}

down() {
  local running name pid _
  running=$(services_running)
  [ -n "$running" ] || { log "no docmap service is running"; rm -f "$SERVICES_FILE"; return; }
  # In flow order, as Kubernetes would: the dispatcher stops sending before the workers finish their pages.
  while IFS=$'\t' read -r name pid _; do
    stop_process "$pid" "$name"
  done <<<"$running"
  rm -f "$SERVICES_FILE"
  log "the infrastructure stays up: ./docmap infra stop stops it"
}

status() {
  infra status
  local running name pid url logfile ready
  running=$(services_running)
  if [ -z "$running" ]; then echo "services: none running (./docmap up starts them)"; return; fi
  while IFS=$'\t' read -r name pid url logfile; do
    ready=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url/q/health/ready" || true)
    case $ready in
      200) ready=ready ;;
      000) ready="not answering" ;;
      *) ready="not ready (HTTP $ready)" ;;
    esac
    echo "$name: $ready at $url (pid $pid, log $logfile)"
  done <<<"$running"
}

# logs [-f] [service]: the last lines of every service's log, or of those whose name starts with the one given.
logs() {
  local follow=() wanted="" files=() name _pid _url logfile
  for arg in "$@"; do
    case $arg in
      -f | --follow) follow=(-F) ;;
      *) wanted=$arg ;;
    esac
  done
  [ -f "$SERVICES_FILE" ] || die "no services were started (./docmap up starts them)"
  while IFS=$'\t' read -r name _pid _url logfile; do
    case $name in "$wanted"*) files+=("$logfile") ;; esac
  done <"$SERVICES_FILE"
  [ ${#files[@]} -gt 0 ] || die "no service called $wanted*: $(cut -f1 "$SERVICES_FILE" | tr '\n' ' ')"
  tail -n 100 "${follow[@]}" "${files[@]}"
}
