#!/usr/bin/env bash
# The export's memory, at table sizes given as arguments (default 1,000,000 and 10,000,000 results): for each, a
# results table of that many rows in the scratch database docmap_export_bench (docmap's doc_ent_map, filled from
# MariaDB's sequence engine), then ./docmap export of all of it to a file, as users run it. Prints the rows, the rows
# per second and the peak resident memory of the export. Flat memory: the same peak at every size.
# Needs the local MariaDB of ./docmap infra (the sequence engine is MariaDB's) and about 2 GB of disk per 10,000,000.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOCMAP_DB_HOST=127.0.0.1 DOCMAP_DB_NAME=docmap_export_bench
DOCMAP_DB_PORT=${DOCMAP_DB_PORT:-3306}
db="mariadb -h127.0.0.1 -P$DOCMAP_DB_PORT -u${DOCMAP_DB_USER:-docmap} -p${DOCMAP_DB_PASSWORD:-docmap}"
out=$(mktemp -d)
trap 'rm -rf "$out"; $db -e "DROP DATABASE IF EXISTS docmap_export_bench"' EXIT
./mvnw -q -B package -pl admin -am -DskipTests -Dspotless.check.skip=true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
for size in "${sizes[@]}"; do
  $db -e "DROP DATABASE IF EXISTS docmap_export_bench; CREATE DATABASE docmap_export_bench"
  $db docmap_export_bench -e "
    CREATE TABLE doc_ent_map (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      doc_id VARCHAR(64) NOT NULL UNIQUE,
      ent_list_str LONGTEXT NOT NULL CHECK (JSON_VALID(ent_list_str)),
      mapped_list_str LONGTEXT NOT NULL CHECK (JSON_VALID(mapped_list_str)),
      create_time DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      mapper_version VARCHAR(64) NULL,
      KEY ix_doc_ent_map_create_time (create_time)
    ) CHARSET utf8mb4 COLLATE utf8mb4_bin;
    INSERT INTO doc_ent_map (doc_id, ent_list_str, mapped_list_str, mapper_version)
      SELECT CONCAT('doc-', seq), '[\"腾讯\",\"上海\",\"Apple\"]', '[\"Tencent\",\"Shanghai\",\"Apple\"]',
             IF(seq % 2 = 0, 'reference-0123456789ab', NULL)
      FROM seq_1_to_$size;"
  rm -f "$out/results.jsonl" "$out/results.jsonl.position"
  start=$(date +%s.%N)
  DOCMAP_SKIP_BUILD=1 /usr/bin/time -f "%M" -o "$out/rss" ./docmap export --output "$out/results.jsonl" 2>"$out/log"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  lines=$(wc -l <"$out/results.jsonl")
  printf 'export of %12s results: %12s lines, %6.1f s, %8.0f rows/s, peak RSS %5d MiB\n' \
    "$size" "$lines" "$seconds" "$(echo "$lines / $seconds" | bc)" $(($(cat "$out/rss") / 1024))
done
