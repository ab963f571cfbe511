#!/usr/bin/env bash
# The large archive's sitemaps from a small heap: blog-web at -Xmx128m serving the post sitemaps of 100,000
# generated posts (two sitemaps of 50,000 URLs), measuring time to first byte against total time, and checking
# that the process neither ran out of memory nor grew its heap with the document.
#
#   bench/feed-memory.sh                      100,000 posts, heap 128 MB
#   options: --posts N  --heap SIZE (default 128m)  --no-build
#            --no-page-cache   without blog-web's rendered-page cache, which keeps copies of documents up to 12 MB
#
# Needs PostgreSQL on localhost:5432 (or FEED_BENCH_DB_URL). The posts are generated once into their own
# database (blog_feed_bench_<posts>, or FEED_BENCH_DB) and reused by later runs. Results go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

posts=100000 heap=128m build=true cache=true
while [ $# -gt 0 ]; do
  case "$1" in
    --posts) posts=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    --no-page-cache) cache=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

port=${FEED_BENCH_PORT:-18095}
db_name=${FEED_BENCH_DB:-blog_feed_bench_$posts}
db_url=${FEED_BENCH_DB_URL:-postgresql://localhost:5432/$db_name}
out=bench/out
mkdir -p "$out"
base="http://localhost:$port"

if $build || [ ! -f blog-web/target/blog-web.jar ]; then
  ./mvnw -q -B -DskipTests package -pl blog-web -am
fi

app_pid=
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

psql_q() { psql -qtAX -h localhost -U postgres -d "$db_name" -c "$1"; }

start_app() { # log, java options, extra env...
  local log=$1 opts=$2; shift 2
  : >"$log"  # emptied here, not by the background redirection, so wait_for never reads the last run's log
  env "$@" BLOG_DB_URL="$db_url" BLOG_WEB_PORT=$port BLOG_BASE_URL="$base" BLOG_DEMO_CONTENT=false \
    java $opts -jar blog-web/target/blog-web.jar >"$log" 2>&1 &
  app_pid=$!
}

wait_for() { # log, pattern, seconds
  for _ in $(seq 1 "$3"); do
    grep -q "$2" "$1" && return 0
    kill -0 "$app_pid" 2>/dev/null || { echo "blog-web ended:"; tail -20 "$1"; exit 1; }
    sleep 1
  done
  echo "timed out waiting for '$2' in $1"; tail -20 "$1"; exit 1
}

existing=$(psql_q "SELECT count(*) FROM posts" 2>/dev/null || echo 0)
if [ "${existing:-0}" -lt "$posts" ]; then
  echo "Generating $posts posts into $db_name (once)..."
  psql -qtAX -h localhost -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null
  psql -qtAX -h localhost -U postgres -d postgres -c "CREATE DATABASE $db_name" >/dev/null
  start_app "$out/feed-generate.log" "-Xmx512m" BLOG_GENERATE_POSTS=$posts
  wait_for "$out/feed-generate.log" "Generated $posts posts" 1800
  grep -o "Generated $posts posts.*" "$out/feed-generate.log"
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
fi

log="$out/feed-memory.log"
gc_log="$out/feed-memory-gc.log"
rm -f "$gc_log"
start_app "$log" "-Xmx$heap -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=$gc_log" BLOG_WEB_CACHE_ENABLED=$cache
wait_for "$log" "Started BlogWebApplication" 120
java_pid=$app_pid

report="$out/feed-memory.md"
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores: $posts posts, blog-web at -Xmx$heap, page cache $cache."
  echo
  index=$(curl -s "$base/sitemap.xml")
  sitemaps=$(grep -o '/sitemaps/posts-[0-9]*\.xml' <<<"$index" | sort -u)
  echo "- /sitemap.xml lists $(wc -l <<<"$sitemaps") post sitemaps: $(tr '\n' ' ' <<<"$sitemaps")"
  echo
  echo "| document | URLs | bytes | first byte (s) | last byte (s) |"
  echo "|---|---|---|---|---|"
  for path in $sitemaps /sitemaps/pages.xml /feed /feed.json; do
    read -r first last size < <(curl -s -o "$out/feed-doc.xml" -w '%{time_starttransfer} %{time_total} %{size_download}\n' "$base$path")
    case "$path" in /sitemaps/*) urls=$(grep -o '<loc>' "$out/feed-doc.xml" | wc -l || true) ;; *) urls=- ;; esac
    echo "| $path | $urls | $size | $first | $last |"
  done
  echo
  kill -0 "$java_pid" 2>/dev/null && alive=yes || alive=no
  echo "- blog-web still running after serving them: $alive; OutOfMemoryError in its log: $(grep -c OutOfMemoryError "$log" || true)"
  live() { # heap in use after a full collection, in KB (young + old generation of the serial collector)
    jcmd "$java_pid" GC.run >/dev/null 2>&1
    jcmd "$java_pid" GC.heap_info 2>/dev/null | grep -Eo '(new|tenured) generation +total [0-9]+K, used [0-9]+K' \
      | grep -Eo 'used [0-9]+K' | grep -Eo '[0-9]+' | paste -sd+ | bc
  }
  if [ "$alive" = yes ]; then
    at_rest=$(live)
    # A reader at 400 KB/s keeps the first post sitemap in flight for about 14 s; backpressure holds the rows back.
    curl -s --limit-rate 400k -o /dev/null "$base/sitemaps/posts-1.xml" &
    slow=$!
    sleep 6
    during=$(live)
    wait "$slow"
    after=$(live)
    echo "- heap in use after a full GC: at rest $((at_rest / 1024)) MB; while a slow reader is halfway through posts-1.xml $((during / 1024)) MB; after it $((after / 1024)) MB (of $heap)"
  fi
} | tee "$report"
