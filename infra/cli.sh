# The command line: each command's usage and options, in one place. ./docmap help and ./docmap <command> --help print
# the usage and exit 0; an unknown command or option, or a value missing, exits 2 before anything is built or started.
# Sourced by ./docmap.

CLI_COMMANDS="infra demo up down status logs test bench autoscale check migrate export remap"

cli_overview() {
  cat <<'USAGE'
usage: ./docmap <command> [options]; ./docmap <command> --help for one command's
  infra start|stop|status [kafka|db]   the local Kafka and database (idempotent)
  demo [--docs N] [--keep]             build, start everything, load a sample corpus and map it
  up [--workers N]                     build, start the services and leave them running; prints their URLs
  down                                 stop the services up started, in flow order
  status                               the infrastructure, and each service up started
  logs [-f] [dispatcher|worker|mapper] read the running services' logs
  test [maven args...]                 install what the tests need, start the infrastructure, run ./mvnw verify
  bench [--docs N] [--scenarios a,b,c,d] ...   the benchmark (bench/README.md)
  autoscale [--docs N] [--time-factor F]       KEDA's and the HPA's algorithm scaling real workers (k8s/README.md)
  check                                what in the database (DOCMAP_DB_*) stops docmap; exits 1 if it cannot run
  migrate [--dry-run] [--lock-wait-timeout=SECONDS]   make an existing database safe for docmap, online
  export [--format jsonl|csv] [--output FILE] ...     the stored results, streamed; resumes a file it wrote
  remap [status|pause|resume|cancel] [--mapper-version V] ...  map stored results again, by selection
exit codes: 0 done, 1 failed, 2 refused (an unknown command or option)
USAGE
}

# cli_usage <command>: the command's usage.
cli_usage() {
  case $1 in
    infra) cat <<'USAGE'
usage: ./docmap infra start|stop|status [kafka|db]
  The local Kafka broker and MariaDB that the other commands use; each action is idempotent.
USAGE
      ;;
    demo) cat <<'USAGE'
usage: ./docmap demo [--docs N] [--keep]
  Builds, starts the mapper, a worker and the dispatcher, loads a sample corpus and maps it.
  --docs N   documents in the sample corpus (default 10000); those loaded before are not loaded again
  --keep     leave the services running afterwards, on the ports up uses; ./docmap down stops them
USAGE
      ;;
    up) cat <<'USAGE'
usage: ./docmap up [--workers N]
  Builds, starts the mapper, N workers and the dispatcher, waits until each is ready, and leaves them running.
  --workers N   worker processes, 1 to 999 (default 1)
  Ports: the dispatcher 8081, the first worker 8082, the mapper 8083, more workers 8084 on; each set by
  DOCMAP_DISPATCHER_PORT, DOCMAP_WORKER_PORT and DOCMAP_MAPPER_PORT. A port another program holds is refused.
  Database: the local one, or the one DOCMAP_DB_HOST, _PORT, _NAME, _USER and _PASSWORD name.
USAGE
      ;;
    down) echo "usage: ./docmap down    stops the services up started, in flow order; the infrastructure stays up" ;;
    status) echo "usage: ./docmap status  the infrastructure, and each service up started: ready or not, URL, pid, log" ;;
    logs) cat <<'USAGE'
usage: ./docmap logs [-f|--follow] [dispatcher|worker|mapper]
  The last lines of the running services' logs (of those whose name starts with the one given), followed with -f.
USAGE
      ;;
    test) cat <<'USAGE'
usage: ./docmap test [maven args...]
  Installs what the tests need, starts the local infrastructure, validates the Kubernetes manifests and runs
  ./mvnw verify; every argument goes to Maven (-pl worker-service, -Dtest=..., ...), but a first -h or --help.
USAGE
      ;;
    bench) cat <<'USAGE'
usage: ./docmap bench [--docs N] [--latency-docs N] [--scale-docs N] [--old-docs N] [--scenarios a,b,c,d]
                      [--set key=value,...] [--jvm "options"]
  The benchmark; bench/README.md says what each scenario measures and what each option changes.
USAGE
      ;;
    autoscale) cat <<'USAGE'
usage: ./docmap autoscale [--docs N] [--time-factor F]
  KEDA's and the HPA's scaling algorithm driving real workers on a backlog (k8s/README.md).
USAGE
      ;;
    check) cat <<'USAGE'
usage: ./docmap check
  What in the database (DOCMAP_DB_*, or the local one) stops docmap; exits 0 if it can run, 1 if not.
USAGE
      ;;
    migrate) cat <<'USAGE'
usage: ./docmap migrate [--dry-run] [--lock-wait-timeout=SECONDS]
  Makes an existing database safe for docmap, online, with a backup of every row it removes; then checks it.
  --dry-run                    prints each change with its row counts; changes nothing
  --lock-wait-timeout=SECONDS  how long a change waits for a table another transaction holds (default 10)
USAGE
      ;;
    export) cat <<'USAGE'
usage: ./docmap export [--format jsonl|csv] [--since DATE] [--mapper-version V] [--output FILE] [--batch N]
  Streams the stored results (DOCMAP_DB_*, or the local database) in the order of their ids, with a progress bar on
  stderr. To a file it resumes where it stopped (FILE.position), then takes the results stored since.
  --format jsonl|csv   one JSON object per line (default), or CSV with a header line
  --since DATE         only results stored at or after DATE (UTC): 2026-12-01 or 2026-12-01T08:00
  --mapper-version V   only results of mapper version V; unknown selects results of no known version
  --output FILE        write to FILE and resume it; default stdout, which starts over each time
  --batch N            rows per read and per saved position (default 10000)
USAGE
      ;;
    remap) cat <<'USAGE'
usage: ./docmap remap [--mapper-version V] [--from-id N] [--to-id N] [--doc-id ID]... [--entity NAME]
       ./docmap remap status|pause|resume|cancel
  Starts a re-map of the stored results that match every option given, through the running dispatcher's API
  (README "Re-mapping"), or shows, pauses, resumes or cancels the re-map; prints the API's answer.
  --mapper-version V   results of mapper version V and of versions first seen before it; unknown: of no known one
  --from-id N          source ids from N
  --to-id N            source ids up to N
  --doc-id ID          this document; repeat for more (500 at most)
  --entity NAME        results that name NAME as an entity or a canonical name
  The dispatcher: DOCMAP_DISPATCHER_URL, else http://127.0.0.1:$DOCMAP_DISPATCHER_PORT (8081). The token:
  DOCMAP_CONTROL_TOKEN, else the one ./docmap up made; status reads with DOCMAP_READ_TOKEN too.
USAGE
      ;;
  esac
}

# cli_options <command>: the options it takes; "--name N" takes the next argument as its value, "--name=" a value
# after the sign. "*" passes everything on (test); "+K" allows K arguments that are not options.
cli_options() {
  case $1 in
    infra) echo "+2" ;;
    demo) echo "--docs N --keep" ;;
    up) echo "--workers N" ;;
    down | status | check) echo "" ;;
    logs) echo "-f --follow +1" ;;
    test) echo "*" ;;
    bench) echo "--docs N --latency-docs N --scale-docs N --old-docs N --scenarios N --set N --jvm N" ;;
    autoscale) echo "--docs N --time-factor N" ;;
    migrate) echo "--dry-run --lock-wait-timeout=" ;;
    export) echo "--format N --since N --mapper-version N --output N --batch N" ;;
    remap) echo "--mapper-version N --from-id N --to-id N --doc-id N --entity N +1" ;;
  esac
}

cli_refuse() { # command message
  printf '[docmap] error: %s\n' "$2" >&2
  cli_usage "$1" >&2
  exit 2
}

# cli_check <command> [args...]: prints the usage and exits 0 on -h or --help; exits 2 on anything the command does
# not take. Returns when the arguments are the command's.
cli_check() {
  local command=$1 spec positional=0 allowed=0
  shift
  spec=" $(cli_options "$command") "
  case $spec:${1:-} in
    *" * "*:-h | *" * "*:--help) cli_usage "$command"; exit 0 ;;
    *" * "*:*) return 0 ;;
  esac
  case $spec in *" +"[0-9]*) allowed=${spec##*+}; allowed=${allowed%% *} ;; esac
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) cli_usage "$command"; exit 0 ;;
      --*=*)
        case $spec in
          *" ${1%%=*}= "*) ;;
          *" ${1%%=*} N "*) cli_refuse "$command" "write ${1%%=*} ${1#*=}, not $1" ;;
          *) cli_refuse "$command" "$command does not take the option ${1%%=*}" ;;
        esac ;;
      -*)
        case $spec in
          *" $1 N "*) [ $# -ge 2 ] || cli_refuse "$command" "$1 needs a value"; shift ;;
          *" $1 "*) ;;
          *" $1= "*) cli_refuse "$command" "$1 takes its value after an equals sign: $1=VALUE" ;;
          *) cli_refuse "$command" "$command does not take the option $1" ;;
        esac ;;
      *)
        positional=$((positional + 1))
        [ "$positional" -le "$allowed" ] || cli_refuse "$command" "$command does not take the argument '$1'" ;;
    esac
    shift
  done
}

# cli_check_database: a DOCMAP_DB_* setting is used, or refused: without DOCMAP_DB_HOST the local database is used,
# and a name, user, password or port meant for another would be ignored.
cli_check_database() {
  [ -z "${DOCMAP_DB_HOST:-}" ] || return 0
  local name set=()
  for name in DOCMAP_DB_PORT DOCMAP_DB_NAME DOCMAP_DB_USER DOCMAP_DB_PASSWORD; do
    [ -z "${!name:-}" ] || set+=("$name")
  done
  [ ${#set[@]} -eq 0 ] && return 0
  printf '[docmap] error: %s set without DOCMAP_DB_HOST: the local database would be used, and %s ignored.\n' \
    "${set[*]}" "${set[*]}" >&2
  printf '[docmap] set DOCMAP_DB_HOST (127.0.0.1 for a database on this machine), or unset %s\n' "${set[*]}" >&2
  exit 2
}
