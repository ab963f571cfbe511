#!/usr/bin/env bash
# The WordPress import of a large site from the command line, with the importing JVM at a 256 MB heap: a generated
# export of the sample's shape is imported into an empty database, counted against the file, then imported a second
# time, which must change nothing.
#
#   bench/import.sh                          10,000 posts, 30,000 comments (about 118 MB)
#   options: --posts N --comments M (default: 3 a post) --heap SIZE (default 256m)
#            --limit SECONDS (each import is stopped after this long; default 600) --no-build
#            --profile   record the first import with Java Flight Recorder (bench/out/import-1.jfr) and print its
#                        hottest methods (needs a JDK whose `jfr` has `view`, 21 or later, under /usr/lib/jvm)
#
# Needs PostgreSQL on localhost:5432 (trust authentication, user postgres). The database blog_import_bench (or
# IMPORT_BENCH_DB) is dropped and created again on every run. The export is generated into bench/out (never commit
# it) by GeneratedExport from blog-wordpress's test classes; results go to bench/out/import-<time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."

posts=10000 comments= heap=256m limit=600 build=true profile=false
while [ $# -gt 0 ]; do
  case "$1" in
    --posts) posts=$2; shift 2 ;;
    --comments) comments=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    --profile) profile=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
comments=${comments:-$((posts * 3))}

db_name=${IMPORT_BENCH_DB:-blog_import_bench}
[[ $db_name =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "IMPORT_BENCH_DB must be a plain database name" >&2; exit 2; }
db_url=postgresql://localhost:5432/$db_name
jar=blog-admin/target/blog-admin.jar
generator_classes=blog-wordpress/target/test-classes
# the sample the generator repeats is shared by every module's tests, from blog-test-support
sample_classes=blog-test-support/target/classes
out=bench/out
mkdir -p "$out"
stamp=$(date -u +%Y%m%d-%H%M%S)
export_file=$out/wordpress-$posts-$comments.wxr
results=$out/import-$stamp.md

if $build || [ ! -f "$jar" ] || [ ! -f "$generator_classes/org/drugsandcrime/blog/wordpress/GeneratedExport.class" ] \
    || [ ! -f "$sample_classes/wordpress/sample-50.wxr" ]; then
  # package, not -Dmaven.test.skip: the generator is a test class.
  ./mvnw -q -B -DskipTests package -pl blog-admin -am
fi

export PGOPTIONS='-c client_min_messages=warning'
psql_admin() { psql -qtAX -h localhost -U postgres -d postgres -c "$1"; }
psql_q() { psql -qtAX -h localhost -U postgres -d "$db_name" -c "$1"; }

echo "Generating $posts posts and $comments comments into $export_file ..."
java -Xmx128m -cp "$generator_classes:$sample_classes" org.drugsandcrime.blog.wordpress.GeneratedExport \
  --posts "$posts" --comments "$comments" --out "$export_file" >"$out/import-file-counts.properties"
file_count() { sed -n "s/^$1=//p" "$out/import-file-counts.properties"; }
file_mb=$(( $(stat -c %s "$export_file") / 1024 / 1024 ))

echo "Creating an empty database $db_name ..."
psql_admin "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null
psql_admin "CREATE DATABASE $db_name" >/dev/null

# The tables an import writes; a second import must leave every one of them as it was.
content_tables="users categories tags posts post_categories post_tags pages comments media redirects wordpress_items"

fingerprint() { # one line per table: name, rows, a hash of every row in id (or ctid-free) order
  for table in $content_tables; do
    exists=$(psql_q "SELECT to_regclass('public.$table') IS NOT NULL")
    [ "$exists" = t ] || continue
    psql_q "SELECT '$table ' || count(*) || ' ' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '-') FROM $table t"
  done
}

writes() { # rows inserted, updated and deleted per table since the database was created
  psql_q "SELECT relname || ' ' || n_tup_ins || ' ' || n_tup_upd || ' ' || n_tup_del FROM pg_stat_user_tables ORDER BY relname"
}

run_import() { # run number
  local n=$1
  local log=$out/import-$n.log gc=$out/import-gc-$n.log rc=0 started ended jfr=()
  if $profile && [ "$n" = 1 ]; then
    jfr=(-XX:StartFlightRecording=filename="$out/import-1.jfr",settings=profile)
  fi
  echo "Import $n: java -Xmx$heap -jar $jar import-wordpress $export_file"
  load_before[$n]=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date +%s.%N)
  timeout --signal=TERM --kill-after=10 "$limit" /usr/bin/time -v -o "$out/import-time-$n.txt" \
    env BLOG_DB_URL="$db_url" BLOG_DEMO_CONTENT=false \
    java -Xmx"$heap" -Xlog:gc:file="$gc" "${jfr[@]}" -jar "$jar" import-wordpress "$export_file" >"$log" 2>&1 || rc=$?
  ended=$(date +%s.%N)
  load_after[$n]=$(cut -d' ' -f1-3 /proc/loadavg)
  seconds[$n]=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }')
  rss_mb[$n]=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$out/import-time-$n.txt" 2>/dev/null || echo "?")
  # Unified GC log lines end "<before>M-><after>M(<committed>M) <pause>ms": the peak is the largest heap before a GC.
  heap_mb[$n]=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$gc" 2>/dev/null | awk -F'M' '{ if ($1 > m) m = $1 } END { print m + 0 }')
  gc_count[$n]=$(grep -c 'Pause' "$gc" 2>/dev/null || true)
  gc_ms[$n]=$(grep 'Pause' "$gc" 2>/dev/null | grep -o '[0-9.]*ms$' | awk '{ s += $1 } END { printf "%d", s }')
  if [ "$rc" -ne 0 ]; then
    echo "Import $n failed (exit $rc$([ "$rc" = 124 ] && echo ", stopped after $limit s")); the end of $log:"
    tr '\r' '\n' <"$log" | tail -25
    exit 1
  fi
  echo "Import $n: ${seconds[$n]} s, peak RSS ${rss_mb[$n]} MB, peak heap ${heap_mb[$n]} MB, ${gc_count[$n]} GC pauses (${gc_ms[$n]} ms)"
}

declare -A load_before load_after seconds rss_mb heap_mb gc_count gc_ms

run_import 1
if $profile; then
  viewer=$(ls /usr/lib/jvm/*/bin/jfr 2>/dev/null | while read -r j; do "$j" help view >/dev/null 2>&1 && echo "$j"; done | head -1)
  if [ -n "$viewer" ]; then
    "$viewer" view --width 160 hot-methods "$out/import-1.jfr" | tee "$out/import-1-hot-methods.txt"
  else
    echo "No jfr with 'view' found; open $out/import-1.jfr in JDK Mission Control."
  fi
fi
fingerprint >"$out/import-fingerprint-1.txt"
writes >"$out/import-writes-1.txt"

# What the file holds against what the database holds.
checks=()
failed=0
check() { # what, in the file, in the database
  local mark=ok
  [ "$2" = "$3" ] || { mark=DIFFERENT; failed=1; }
  checks+=("| $1 | $2 | $3 | $mark |")
}
check "posts" "$(file_count posts)" "$(psql_q "SELECT count(*) FROM posts")"
check "draft posts" "$(file_count draftPosts)" "$(psql_q "SELECT count(*) FROM posts WHERE status = 'DRAFT'")"
check "featured (sticky) posts" "$(file_count stickyPosts)" "$(psql_q "SELECT count(*) FROM posts WHERE featured")"
check "pages" "$(file_count pages)" "$(psql_q "SELECT count(*) FROM pages")"
check "comments" "$(file_count comments)" "$(psql_q "SELECT count(*) FROM comments")"
check "approved comments" "$(file_count approvedComments)" "$(psql_q "SELECT count(*) FROM comments WHERE status = 'APPROVED'")"
check "pending comments" "$(file_count pendingComments)" "$(psql_q "SELECT count(*) FROM comments WHERE status = 'PENDING'")"
check "trashed comments" "$(file_count trashComments)" "$(psql_q "SELECT count(*) FROM comments WHERE status = 'TRASH'")"
check "replies (with a parent)" "$(file_count replies)" "$(psql_q "SELECT count(*) FROM comments WHERE parent_id IS NOT NULL")"
check "categories" "$(file_count categories)" "$(psql_q "SELECT count(*) FROM categories")"
check "categories with a parent" "$(file_count childCategories)" \
  "$(psql_q "SELECT count(*) FROM categories WHERE parent_id IS NOT NULL" 2>/dev/null || echo "no parent_id")"
check "tags" "$(file_count tags)" "$(psql_q "SELECT count(*) FROM tags")"
check "authors (staff without a password)" "$(file_count authors)" "$(psql_q "SELECT count(*) FROM users WHERE password_hash IS NULL")"

run_import 2
fingerprint >"$out/import-fingerprint-2.txt"
writes >"$out/import-writes-2.txt"
if cmp -s "$out/import-fingerprint-1.txt" "$out/import-fingerprint-2.txt"; then
  repeat="the second import changed no row of: $(cut -d' ' -f1 "$out/import-fingerprint-1.txt" | paste -sd' ')"
else
  repeat="the second import CHANGED rows (table, rows, hash):"$'\n'"$(diff "$out/import-fingerprint-1.txt" "$out/import-fingerprint-2.txt" || true)"
  failed=1
fi
# Rows written during the second import, by table (an upsert that rewrites a row unchanged still counts here).
second_writes=$(join <(sort "$out/import-writes-1.txt") <(sort "$out/import-writes-2.txt") \
  | awk '{ i = $5 - $2; u = $6 - $3; d = $7 - $4; if (i + u + d > 0) printf "%s +%d ~%d -%d; ", $1, i, u, d }')

cores=$(nproc)
memory=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
java_version=$(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/')
pg_version=$(psql_q "SHOW server_version" | cut -d' ' -f1)

{
  echo "# WordPress import, $posts posts / $comments comments ($file_mb MB), $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $cores cores, $memory, OpenJDK $java_version, PostgreSQL $pg_version on localhost. Heap -Xmx$heap."
  echo
  echo "| import | seconds | peak RSS MB | peak heap MB | GC pauses | GC ms | load before | load after |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  for n in 1 2; do
    echo "| $n | ${seconds[$n]} | ${rss_mb[$n]} | ${heap_mb[$n]} | ${gc_count[$n]} | ${gc_ms[$n]} | ${load_before[$n]} | ${load_after[$n]} |"
  done
  echo
  echo "| counted | in the file | in the database | |"
  echo "|---|---:|---:|---|"
  printf '%s\n' "${checks[@]}"
  echo
  echo "Repeat: $repeat"
  echo
  echo "Rows written by the second import (+inserted ~updated -deleted): ${second_writes:-none}"
} >"$results"

cat "$results"
echo
echo "Written to $results; import logs in $out/import-1.log and $out/import-2.log."
exit $failed
