#!/usr/bin/env bash
# Post view counting on against off, side by side: two blog-web processes on the same data, one counting views
# (blog.web.views.enabled=true, the default) and one not, loaded by wrk AT THE SAME TIME with a browser's
# User-Agent on the same post page. Whatever else the machine is doing slows both alike, so the ratio of their
# request rates stays readable on a busy machine where back-to-back runs of bench/run.sh differ by half. It also
# reports the CPU time each process spent per request it answered (user + system, from /proc), which does not
# depend on how the scheduler shared the cores between them.
#
#   bench/views.sh [--rounds N (3)] [--duration SECONDS (10)] [--warmup SECONDS (30)] [--connections N per process (16)]
#                  [--no-build]
#
# Needs the data set of bench/run.sh (blog_bench_10000; run that once first) and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 duration=10 warmup=30 connections=16 build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

db_name=blog_bench_10000
db_url=${BLOG_BENCH_DB_URL:-postgresql://localhost:5432/$db_name}
java_opts=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC -XX:MaxDirectMemorySize=64m}
on_port=${BENCH_VIEWS_ON_PORT:-18094} off_port=${BENCH_VIEWS_OFF_PORT:-18095}
agent="User-Agent: Mozilla/5.0 (X11; Linux x86_64) bench/views.sh"
out=bench/out
mkdir -p "$out"

if $build || [ ! -f blog-web/target/blog-web.jar ]; then
  ./mvnw -q -B -DskipTests package -pl blog-web -am
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

start() { # port enabled log
  BLOG_DB_URL="$db_url" BLOG_DEMO_CONTENT=false BLOG_WEB_PORT=$1 BLOG_BASE_URL="http://localhost:$1" \
    BLOG_WEB_VIEWS_ENABLED=$2 java $java_opts -jar blog-web/target/blog-web.jar >"$3" 2>&1 &
  pids+=($!)
}
started() { # log: one at a time, so that two start-ups do not crowd a busy machine's database connections
  for _ in $(seq 1 180); do grep -q "Started BlogWebApplication" "$1" && return 0; sleep 1; done
  echo "blog-web did not start:"; tail -20 "$1"; exit 1
}
start "$off_port" false "$out/views-off.log"
off_pid=$!
started "$out/views-off.log"
start "$on_port" true "$out/views-on.log"
on_pid=$!
started "$out/views-on.log"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

slug=$(psql -qtAX -h localhost -U postgres -d "$db_name" -c "SELECT slug FROM posts WHERE status <> 'DRAFT' ORDER BY published_at DESC OFFSET 3 LIMIT 1")
stored() { psql -qtAX -h localhost -U postgres -d "$db_name" -c "SELECT coalesce(sum(v.views), 0) FROM post_daily_views v JOIN posts p ON p.id = v.post_id WHERE p.slug = '$slug'"; }
both() { # seconds -> "on_rps on_requests off_rps off_requests"
  wrk -t1 -c"$connections" -d"$1s" -H "$agent" "http://localhost:$on_port/posts/$slug" >"$out/wrk-on.txt" &
  local a=$!
  wrk -t1 -c"$connections" -d"$1s" -H "$agent" "http://localhost:$off_port/posts/$slug" >"$out/wrk-off.txt" &
  local b=$!
  wait $a $b
  echo "$(awk '/^Requests\/sec/ {print $2}' "$out/wrk-on.txt") $(awk '/requests in/ {print $1}' "$out/wrk-on.txt")" \
    "$(awk '/^Requests\/sec/ {print $2}' "$out/wrk-off.txt") $(awk '/requests in/ {print $1}' "$out/wrk-off.txt")"
}

before=$(stored)
both "$warmup" >/dev/null # warm-up of both JITs, counted like any other load
echo "| round | views on req/s | views off req/s | on/off | load average |"
echo "|---:|---:|---:|---:|---|"
sum_on=0 sum_off=0 sent=0 n_on=0 n_off=0
sent=$(awk '/requests in/ {print $1}' "$out/wrk-on.txt")
cpu_on=$(cpu_ticks $on_pid) cpu_off=$(cpu_ticks $off_pid)
for round in $(seq 1 "$rounds"); do
  read -r on on_n off off_n < <(both "$duration")
  sent=$((sent + on_n)) n_on=$((n_on + on_n)) n_off=$((n_off + off_n))
  sum_on=$(awk -v a="$sum_on" -v b="$on" 'BEGIN { print a + b }')
  sum_off=$(awk -v a="$sum_off" -v b="$off" 'BEGIN { print a + b }')
  echo "| $round | $on | $off | $(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.1f%%", 100 * a / b }') | $(cut -d' ' -f1-3 /proc/loadavg) |"
done
echo "| all | $(awk -v s="$sum_on" -v n="$rounds" 'BEGIN { printf "%.0f", s / n }') | $(awk -v s="$sum_off" -v n="$rounds" 'BEGIN { printf "%.0f", s / n }') | $(awk -v a="$sum_on" -v b="$sum_off" 'BEGIN { printf "%.1f%%", 100 * a / b }') | |"
cpu_on=$(( $(cpu_ticks $on_pid) - cpu_on )) cpu_off=$(( $(cpu_ticks $off_pid) - cpu_off ))
hz=$(getconf CLK_TCK)
us_on=$(awk -v t="$cpu_on" -v hz="$hz" -v n="$n_on" 'BEGIN { printf "%.1f", 1e6 * t / hz / n }')
us_off=$(awk -v t="$cpu_off" -v hz="$hz" -v n="$n_off" 'BEGIN { printf "%.1f", 1e6 * t / hz / n }')
echo
echo "CPU time per request answered (measured rounds): views on $us_on µs, views off $us_off µs" \
  "($(awk -v a="$us_on" -v b="$us_off" 'BEGIN { printf "%+.1f%%", 100 * (a - b) / b }'))."
sleep 7 # a flush interval and a little: the last views reach the database
echo "Requests wrk completed against the counting process: $sent; views it stored meanwhile: $(( $(stored) - before ))" \
  "(wrk stops with requests in flight, which the server still answers and counts)."
