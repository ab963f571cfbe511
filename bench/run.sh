#!/usr/bin/env bash
# Load benchmark of the public site against its ceiling: the same response bytes served by nginx.
#
#   bench/run.sh                  10,000 generated posts (30,000 comments)
#   bench/run.sh --posts 100000   the large archive
#   options: --duration SECONDS (default 15) --connections N (default 32) --no-build
#            --views on|off (default on: blog-web counts post views, as it does by default)
#            --only NAME    measure one URL of the list below (home, post, search, ...), e.g. for an on/off comparison
#
# Needs PostgreSQL on localhost:5432 (or BLOG_BENCH_DB_URL); installs wrk and nginx from Debian's packages.
# The data set lives in its own database (blog_bench_<posts>) and is generated once, then reused.
set -euo pipefail
cd "$(dirname "$0")/.."

posts=10000 duration=15 connections=32 build=true views=on only=
while [ $# -gt 0 ]; do
  case "$1" in
    --posts) posts=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    --views) views=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

app_port=${BENCH_APP_PORT:-18090}
nginx_port=${BENCH_NGINX_PORT:-18091}
db_name=blog_bench_$posts
db_url=${BLOG_BENCH_DB_URL:-postgresql://localhost:5432/$db_name}
java_opts=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC -XX:MaxDirectMemorySize=64m}
out=bench/out
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in wrk nginx; do
  if ! command -v $tool >/dev/null && [ ! -x /usr/sbin/$tool ]; then
    echo "installing $tool"
    apt-get install -y -q -o DPkg::Lock::Timeout=300 $tool >/dev/null 2>&1 || { apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null && apt-get install -y -q -o DPkg::Lock::Timeout=300 $tool >/dev/null; }
  fi
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

if $build || [ ! -f blog-web/target/blog-web.jar ]; then
  ./mvnw -q -B -DskipTests package -pl blog-web -am
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$out/nginx/nginx.pid" ] && kill "$(cat "$out/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

psql_q() { psql -qtAX "${db_url/postgresql:\/\//postgresql://postgres@}" -c "$1" 2>/dev/null || psql -qtAX -h localhost -U postgres -d "$db_name" -c "$1"; }

start_app() { # log file, extra env...
  local log=$1; shift
  env "$@" BLOG_DB_URL="$db_url" BLOG_WEB_PORT=$app_port BLOG_BASE_URL="http://localhost:$app_port" \
    java $java_opts -jar blog-web/target/blog-web.jar >"$log" 2>&1 &
  pids+=($!)
  app_pid=$!
}

wait_for_log() { # file pattern seconds
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
  if [ -z "${BLOG_BENCH_DB_URL:-}" ]; then
    psql -qtAX -h localhost -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null 2>&1
    psql -qtAX -h localhost -U postgres -d postgres -c "CREATE DATABASE $db_name" >/dev/null
  fi
  start_app "$out/generate.log" BLOG_DEMO_CONTENT=false BLOG_GENERATE_POSTS=$posts
  wait_for_log "$out/generate.log" "Generated $posts posts" 1800
  grep -o "Generated $posts posts.*" "$out/generate.log"
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; pids=()
fi

case "$views" in on) views_enabled=true ;; off) views_enabled=false ;; *) echo "--views on|off" >&2; exit 2 ;; esac
start_app "$out/blog-web.log" BLOG_DEMO_CONTENT=false BLOG_WEB_VIEWS_ENABLED=$views_enabled
wait_for_log "$out/blog-web.log" "Started BlogWebApplication" 120
base="http://localhost:$app_port"

post_slug=$(psql_q "SELECT slug FROM posts WHERE status <> 'DRAFT' ORDER BY published_at DESC OFFSET 3 LIMIT 1")
category=$(psql_q "SELECT slug FROM categories WHERE slug = 'on-probation'")
urls=(
  "home|/"
  "post|/posts/$post_slug"
  "category page 2|/category/$category/page/2"
  "search|/search?q=${BENCH_SEARCH:-sentencing}"
  "rss|/feed"
  "sitemap index|/sitemap.xml"
  "post sitemap|/sitemaps/posts-1.xml"
)
if [ -n "$only" ]; then
  kept=()
  for entry in "${urls[@]}"; do [ "${entry%%|*}" = "$only" ] && kept+=("$entry"); done
  [ ${#kept[@]} -gt 0 ] || { echo "no URL named $only" >&2; exit 2; }
  urls=("${kept[@]}")
fi
# wrk names no client; browsers do, and blog-web counts post views only from clients that name themselves.
agent="User-Agent: Mozilla/5.0 (X11; Linux x86_64) bench/run.sh"

# The ceiling: every response saved as a file and served by nginx with the same content type.
rm -rf "$out/nginx" && mkdir -p "$out/nginx/root" "$out/nginx/tmp"
: >"$out/nginx/types"
i=0
for entry in "${urls[@]}"; do
  i=$((i + 1)); path=${entry#*|}
  type=$(curl -s -o "$out/nginx/root/u$i" -w '%{content_type}' "$base$path")
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  [ "$code" = 200 ] || { echo "$base$path answered $code; cannot benchmark it"; exit 1; }
  echo "location = /u$i { default_type \"$type\"; }" >>"$out/nginx/types"
done
cat >"$out/nginx/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $out/nginx/nginx.pid;
error_log $out/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $out/nginx/tmp;
  proxy_temp_path $out/nginx/tmp;
  fastcgi_temp_path $out/nginx/tmp;
  uwsgi_temp_path $out/nginx/tmp;
  scgi_temp_path $out/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $out/nginx/root;
    etag on;
    include $out/nginx/types;
  }
}
NGINX
"$nginx_bin" -p "$out/nginx" -c "$out/nginx/nginx.conf" &
pids+=($!)
sleep 1

measure() { # url -> "rps p50 p99 errors"
  local report
  report=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$agent" "$1")
  local rps p50 p99 non2xx sockerr
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$report")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$report")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$report"); non2xx=${non2xx:-0}
  sockerr=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$report"); sockerr=${sockerr:-0}
  echo "$rps $p50 $p99 $((non2xx + sockerr))"
}

to_ms() { # wrk latency like 1.23ms / 850.00us / 1.02s -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$app_pid/status"; }

results="$out/results-$posts-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Benchmark, $posts posts, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "wrk -t2 -c$connections -d${duration}s per URL, after a ${duration}s warm-up on each URL; JVM: $java_opts."
  echo "Post view counting (blog.web.views.enabled): $views. Load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| URL | bytes | ours req/s | p50 ms | p99 ms | errors | nginx req/s | nginx p99 ms | ours/nginx | RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$results"

# Warm-up over every URL before measuring any: the JIT compiles the shared serving path during the first
# seconds of load, and a per-URL warm-up charged that to whichever URL came first (the home page, at 40%).
for entry in "${urls[@]}"; do
  wrk -t2 -c"$connections" -d"${duration}s" -H "$agent" "$base${entry#*|}" >/dev/null
done

i=0
for entry in "${urls[@]}"; do
  i=$((i + 1)); name=${entry%%|*}; path=${entry#*|}
  read -r rps p50 p99 errors < <(measure "$base$path")
  read -r nrps _ np99 _ < <(measure "http://127.0.0.1:$nginx_port/u$i")
  ratio=$(awk -v a="$rps" -v b="$nrps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
  bytes=$(stat -c %s "$out/nginx/root/u$i")
  echo "| $name \`$path\` | $bytes | $rps | $(to_ms "$p50") | $(to_ms "$p99") | $errors | $nrps | $(to_ms "$np99") | $ratio | $(rss_mb) |" | tee -a "$results"
done
if [ "$views" = on ]; then
  sleep 6 # one flush interval: the last views reach the database
  echo "Views of \`/posts/$post_slug\` counted and stored (this run and earlier ones): $(psql_q "SELECT coalesce(sum(v.views), 0) FROM post_daily_views v JOIN posts p ON p.id = v.post_id WHERE p.slug = '$post_slug'")" | tee -a "$results"
fi
echo
echo "Written to $results"
