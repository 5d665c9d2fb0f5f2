# Local infrastructure for docmap: a single-node Kafka (KRaft, from Maven Central jars) and a MySQL-compatible
# server. Sourced by ./docmap. Every command is idempotent, and all state lives under $DOCMAP_HOME.

KAFKA_HOME_DIR="$DOCMAP_HOME/kafka"
KAFKA_LIBS_DIR="${DOCMAP_KAFKA_LIBS:-$KAFKA_HOME_DIR/libs}"
DB_HOME_DIR="$DOCMAP_HOME/mariadb"
DB_ENV_FILE="$DOCMAP_HOME/db.env"
DB_PORT="${DOCMAP_DB_PORT:-3306}"
DB_APP_USER="${DOCMAP_DB_USER:-docmap}"
DB_APP_PASSWORD="${DOCMAP_DB_PASSWORD:-docmap}"
DB_APP_NAME="${DOCMAP_DB_NAME:-docmap}"

log() { printf '[docmap] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

free_port() {
  local port=$1
  while port_open "$port"; do port=$((port + 1)); done
  echo "$port"
}

wait_for_line() { # file pattern seconds pidfile
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    pid_alive "$4" || { tail -n 30 "$1" >&2; die "process exited before '$2' (log: $1)"; }
    [ $SECONDS -lt $deadline ] || { tail -n 30 "$1" >&2; die "timed out waiting for '$2' (log: $1)"; }
    sleep 0.2
  done
}

stop_pid() { # pidfile name
  if pid_alive "$1"; then
    stop_process "$(cat "$1")" "$2"
  else
    log "$2 is not running"
  fi
  rm -f "$1"
}

stop_process() { # pid name: SIGTERM, up to 30 s for a clean exit, then SIGKILL
  local pid=$1
  kill "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { log "$2 did not stop in 30 s, killing it"; kill -9 "$pid"; }
  log "$2 stopped"
}

# ---- Kafka ----

kafka_fetch() {
  [ -f "$KAFKA_LIBS_DIR/.complete" ] && return
  log "fetching the Kafka broker jars from Maven Central"
  "$DOCMAP_ROOT/mvnw" -q -B -f "$DOCMAP_ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS_DIR" >&2 || die "could not fetch the Kafka jars"
  touch "$KAFKA_LIBS_DIR/.complete"
}

kafka_start() {
  if pid_alive "$KAFKA_HOME_DIR/kafka.pid"; then
    log "kafka already running at $(cat "$KAFKA_HOME_DIR/bootstrap")"
    return
  fi
  mkdir -p "$KAFKA_HOME_DIR"
  kafka_fetch
  local port cport
  port=$(cat "$KAFKA_HOME_DIR/port" 2>/dev/null || true)
  if [ -z "$port" ] || port_open "$port"; then port=$(free_port "${DOCMAP_KAFKA_PORT:-9092}"); fi
  cport=$(free_port $((port + 1)))
  echo "$port" >"$KAFKA_HOME_DIR/port"
  sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$cport#g" -e "s#@DATA_DIR@#$KAFKA_HOME_DIR/data#g" \
    "$DOCMAP_ROOT/infra/kafka/server.properties.template" >"$KAFKA_HOME_DIR/server.properties"
  local java_cmd=(java -Xms128m -Xmx512m -XX:+UseG1GC -cp "$KAFKA_LIBS_DIR/*"
    -Dlog4j2.configurationFile="$DOCMAP_ROOT/infra/kafka/log4j2.properties")
  if [ ! -f "$KAFKA_HOME_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$("${java_cmd[@]}" kafka.tools.StorageTool random-uuid) || die "could not make a cluster id"
    "${java_cmd[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_HOME_DIR/server.properties" \
      >"$KAFKA_HOME_DIR/format.log" 2>&1 || { cat "$KAFKA_HOME_DIR/format.log" >&2; die "could not format Kafka storage"; }
  fi
  : >"$KAFKA_HOME_DIR/kafka.log"
  nohup "${java_cmd[@]}" kafka.Kafka "$KAFKA_HOME_DIR/server.properties" >>"$KAFKA_HOME_DIR/kafka.log" 2>&1 &
  echo $! >"$KAFKA_HOME_DIR/kafka.pid"
  wait_for_line "$KAFKA_HOME_DIR/kafka.log" "Kafka Server started" 90 "$KAFKA_HOME_DIR/kafka.pid"
  echo "127.0.0.1:$port" >"$KAFKA_HOME_DIR/bootstrap"
  log "kafka started at 127.0.0.1:$port"
}

kafka_stop() { stop_pid "$KAFKA_HOME_DIR/kafka.pid" kafka; }

kafka_status() {
  if pid_alive "$KAFKA_HOME_DIR/kafka.pid"; then
    echo "kafka: running at $(cat "$KAFKA_HOME_DIR/bootstrap") (pid $(cat "$KAFKA_HOME_DIR/kafka.pid"))"
  else
    echo "kafka: stopped"
  fi
}

# ---- MySQL-compatible database ----

db_root() { # runs SQL as the server's root: over our own socket, the system socket, or TCP
  if [ -S "$DB_HOME_DIR/mysqld.sock" ]; then
    mariadb --socket="$DB_HOME_DIR/mysqld.sock" -uroot "$@"
  else
    mariadb -uroot "$@" 2>/dev/null || mariadb -uroot -h127.0.0.1 -P"$DB_PORT" "$@"
  fi
}

db_install() {
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] && return
  log "installing mariadb-server with apt"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server) >&2 \
    || die "could not install mariadb-server; start a MySQL 8 or MariaDB 10.11+ server on port $DB_PORT"
}

db_start_own() {
  db_install
  mkdir -p "$DB_HOME_DIR"
  local user_args=()
  [ "$(id -u)" = 0 ] && user_args=(--user=root)
  if [ ! -d "$DB_HOME_DIR/data/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$DB_HOME_DIR/data" "${user_args[@]}" --auth-root-authentication-method=socket \
      >"$DB_HOME_DIR/install.log" 2>&1 || { cat "$DB_HOME_DIR/install.log" >&2; die "mariadb-install-db failed"; }
  fi
  : >"$DB_HOME_DIR/mariadb.log"
  nohup /usr/sbin/mariadbd --no-defaults --datadir="$DB_HOME_DIR/data" "${user_args[@]}" \
    --bind-address=127.0.0.1 --port="$DB_PORT" --socket="$DB_HOME_DIR/mysqld.sock" \
    --pid-file="$DB_HOME_DIR/mysqld.pid-server" --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    --innodb-buffer-pool-size=256M --max-allowed-packet=64M >>"$DB_HOME_DIR/mariadb.log" 2>&1 &
  echo $! >"$DB_HOME_DIR/mariadb.pid"
  wait_for_line "$DB_HOME_DIR/mariadb.log" "ready for connections" 60 "$DB_HOME_DIR/mariadb.pid"
  log "mariadb started on 127.0.0.1:$DB_PORT with data in $DB_HOME_DIR"
}

db_start() {
  if pid_alive "$DB_HOME_DIR/mariadb.pid" || port_open "$DB_PORT"; then
    log "database already reachable on 127.0.0.1:$DB_PORT"
  else
    db_start_own
  fi
  db_ensure_user
}

db_ensure_user() {
  # Ready only if the user can open the application's database: a dropped database is created again below.
  [ -f "$DB_ENV_FILE" ] && mariadb -h127.0.0.1 -P"$DB_PORT" -u"$DB_APP_USER" -p"$DB_APP_PASSWORD" -e 'select 1' \
    "$DB_APP_NAME" >/dev/null 2>&1 && return
  db_root <<SQL || die "could not create the application user; create '$DB_APP_USER' with rights on \`docmap%\`.*"
CREATE USER IF NOT EXISTS '$DB_APP_USER'@'localhost' IDENTIFIED BY '$DB_APP_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_APP_USER'@'127.0.0.1' IDENTIFIED BY '$DB_APP_PASSWORD';
GRANT ALL PRIVILEGES ON \`docmap%\`.* TO '$DB_APP_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`docmap%\`.* TO '$DB_APP_USER'@'127.0.0.1';
CREATE DATABASE IF NOT EXISTS \`$DB_APP_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
SQL
  mkdir -p "$DOCMAP_HOME"
  cat >"$DB_ENV_FILE" <<ENV
DOCMAP_DB_HOST=127.0.0.1
DOCMAP_DB_PORT=$DB_PORT
DOCMAP_DB_USER=$DB_APP_USER
DOCMAP_DB_PASSWORD=$DB_APP_PASSWORD
DOCMAP_DB_NAME=$DB_APP_NAME
ENV
  log "database user '$DB_APP_USER' ready"
}

db_stop() {
  if [ -f "$DB_HOME_DIR/mariadb.pid" ]; then
    stop_pid "$DB_HOME_DIR/mariadb.pid" mariadb
  else
    log "database was not started by docmap; leaving it alone"
  fi
}

db_status() {
  if pid_alive "$DB_HOME_DIR/mariadb.pid"; then
    echo "database: running on 127.0.0.1:$DB_PORT (started by docmap, pid $(cat "$DB_HOME_DIR/mariadb.pid"))"
  elif port_open "$DB_PORT"; then
    echo "database: reachable on 127.0.0.1:$DB_PORT (not managed by docmap)"
  else
    echo "database: stopped"
  fi
}

infra() { # infra start|stop|status [kafka|db]
  local action=${1:-status} part=${2:-all}
  case "$action:$part" in
    start:all) mkdir -p "$DOCMAP_HOME"; db_start; kafka_start ;;
    stop:all) kafka_stop; db_stop ;;
    status:all) kafka_status; db_status ;;
    start:kafka | stop:kafka | status:kafka) mkdir -p "$DOCMAP_HOME"; "kafka_$action" ;;
    start:db | stop:db | status:db) mkdir -p "$DOCMAP_HOME"; "db_$action" ;;
    *) cli_refuse infra "infra does not take '$*'" ;;
  esac
}
