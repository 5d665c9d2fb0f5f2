# ./docmap remap: starts, shows, pauses, resumes or cancels a re-map, through the running dispatcher's API, so that
# the command line and the API select alike (README "Re-mapping"). Sourced by ./docmap, after cli_check.

remap_main() {
  local action=start fields=() ids=()
  while [ $# -gt 0 ]; do
    case $1 in
      status | pause | resume | cancel) action=$1 ;;
      --mapper-version) fields+=("\"mapperVersion\":$(remap_text "$2")"); shift ;;
      --entity) fields+=("\"entity\":$(remap_text "$2")"); shift ;;
      --doc-id) ids+=("$(remap_text "$2")"); shift ;;
      --from-id) fields+=("\"fromId\":$(remap_id "$1" "$2")"); shift ;;
      --to-id) fields+=("\"toId\":$(remap_id "$1" "$2")"); shift ;;
      --*=*) cli_refuse remap "write ${1%%=*} ${1#*=}, not $1" ;;
      *) cli_refuse remap "no action '$1': status, pause, resume or cancel; none starts one" ;;
    esac
    shift
  done
  [ ${#ids[@]} -eq 0 ] || fields+=("\"docIds\":[$(IFS=,; echo "${ids[*]}")]")
  if [ "$action" = start ]; then
    [ ${#fields[@]} -gt 0 ] || cli_refuse remap "say what to re-map: at least one of --mapper-version, --from-id,"\
" --to-id, --doc-id, --entity"
    remap_call POST /api/remap "{$(IFS=,; echo "${fields[*]}")}"
  elif [ ${#fields[@]} -gt 0 ]; then
    cli_refuse remap "$action takes no selection: the selection is the re-map's, given when it started"
  elif [ "$action" = status ]; then
    remap_call GET /api/remap ""
  else
    remap_call POST "/api/remap/$action" ""
  fi
}

# remap_text <value>: a JSON string. A control character is refused: no doc_id or entity holds one.
remap_text() {
  case $1 in *[[:cntrl:]]*) cli_refuse remap "'$1' holds a control character" ;; esac
  local text=${1//\\/\\\\}
  printf '"%s"' "${text//\"/\\\"}"
}

remap_id() { # option value
  case $2 in '' | *[!0-9]*) cli_refuse remap "$1 takes a source id, a whole number: not '$2'" ;; esac
  printf '%s' "$2"
}

# remap_call <method> <path> <body>: prints the answer; exits 1, with the API's reason, when it is refused or the
# dispatcher does not answer.
remap_call() {
  local url=${DOCMAP_DISPATCHER_URL:-http://127.0.0.1:${DOCMAP_DISPATCHER_PORT:-8081}} token answer status
  token=$(remap_token "$1")
  answer=$(mktemp)
  local args=(-sS -o "$answer" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $token"
    -H "X-Docmap-Operator: ${USER:-docmap remap}")
  [ -z "$3" ] || args+=(-H 'Content-Type: application/json' --data-binary "$3")
  status=$(curl "${args[@]}" "$url$2") || status=none
  local said
  said=$(cat "$answer")
  rm -f "$answer"
  [ "$status" != none ] || die "the dispatcher at $url does not answer: is it running (./docmap up)?"
  [ "$status" = 200 ] || die "$1 $2 answered $status: $said"
  printf '%s\n' "$said"
}

# remap_token <method>: the control token for a change; for a read, the read token serves too.
remap_token() {
  local token=${DOCMAP_CONTROL_TOKEN:-}
  [ -n "$token" ] || [ "$1" != GET ] || token=${DOCMAP_READ_TOKEN:-}
  [ -n "$token" ] || [ ! -r "$DOCMAP_HOME/control-token" ] || token=$(cat "$DOCMAP_HOME/control-token")
  [ -n "$token" ] || die "no token: set DOCMAP_CONTROL_TOKEN (./docmap up prints it)"
  printf '%s' "$token"
}
