#!/usr/bin/env bash
# Meridian proxy overhead, side by side with one nginx reverse-proxy hop.
#
# Three targets share one fast upstream (an nginx that answers `return 200` with a static
# chat.completion body):
#   direct     wrk -> upstream nginx
#   nginx-hop  wrk -> nginx proxy (HTTP/1.1 upstream keepalive 256) -> upstream nginx
#   meridian   wrk -> Meridian (key auth on) -> upstream nginx
# The proxy under test runs on CPU $PROXY_CPU, the upstream nginx and the load generator on
# CPU $LOAD_CPU. Targets are alternated within each round; every metric is the median across
# rounds. Also measured: time to first byte of a small SSE stream, direct vs through Meridian.
#
# Usage:   bench/overhead.sh                     (from any directory)
#          QUICK=1 bench/overhead.sh             (smoke test: DURATION=3 ROUNDS=1)
# Env:     MERIDIAN_JAR        jar to run (default: target/meridian.jar, built if missing)
#          MERIDIAN_TRANSPORT  server.transport for Meridian: auto, io_uring, epoll, nio (default auto)
#          MERIDIAN_JAVA_OPTS  JVM options (default: -Xms256m -Xmx256m -XX:+UseParallelGC
#                              -XX:+AlwaysPreTouch)
#          DURATION            seconds per wrk run (default 10; QUICK: 3)
#          ROUNDS              rounds of alternating targets (default 3; QUICK: 1)
#          WARMUP              minimum seconds of wrk warm-up through Meridian (default 10;
#                              QUICK: 5); it then goes on in 2 s steps until two steps agree
#                              within 5% on req/s, up to WARMUP_MAX seconds (default 60)
#          STREAM_N            sequential stream requests per target per round (default 200)
#          WRK_THREADS_128     wrk threads for the 128-connection runs (default 1)
#          BASE_PORT           first port to try (default 18100)
#          PROXY_CPU, LOAD_CPU CPUs for the proxy under test / upstream + load (default 0 / 1)
#          KEEP_TMP=1          keep the temp dir (configs, logs, raw wrk output)
# Output:  a table on stdout; raw per-round numbers in bench/out/overhead-<timestamp>.txt and
#          Meridian's log in bench/out/overhead-<timestamp>.meridian.log.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH_DIR="$ROOT/bench"

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
  DURATION=${DURATION:-3}
  ROUNDS=${ROUNDS:-1}
  WARMUP=${WARMUP:-5}
else
  DURATION=${DURATION:-10}
  ROUNDS=${ROUNDS:-3}
  WARMUP=${WARMUP:-10}
fi
WARMUP_MAX=${WARMUP_MAX:-60}
STREAM_N=${STREAM_N:-200}
WRK_THREADS_128=${WRK_THREADS_128:-1}
BASE_PORT=${BASE_PORT:-18100}
PROXY_CPU=${PROXY_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
KEEP_TMP=${KEEP_TMP:-0}
MERIDIAN_JAVA_OPTS=${MERIDIAN_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC -XX:+AlwaysPreTouch}
MERIDIAN_TRANSPORT=${MERIDIAN_TRANSPORT:-auto}

BENCH_KEY=mk-bench-0123456789
CHAT_BODY='{"model":"gpt-4.1","messages":[{"role":"user","content":"Say hello"}]}'
STREAM_BODY='{"model":"gpt-4.1-stream","messages":[{"role":"user","content":"Say hello"}],"stream":true}'
TARGETS=(direct nginx-hop meridian)

die() {
  echo "overhead.sh: error: $*" >&2
  exit 1
}
log() { echo "== $*" >&2; }

require_int() { # name value min max
  if ! [[ $2 =~ ^[0-9]+$ ]] || ((10#$2 < $3 || 10#$2 > $4)); then
    die "$1 must be an integer in $3..$4 (got '$2')"
  fi
}
require_int DURATION "$DURATION" 1 600
require_int ROUNDS "$ROUNDS" 1 50
require_int WARMUP "$WARMUP" 0 600
require_int WARMUP_MAX "$WARMUP_MAX" 0 600
require_int STREAM_N "$STREAM_N" 1 5000
require_int WRK_THREADS_128 "$WRK_THREADS_128" 1 128
require_int BASE_PORT "$BASE_PORT" 1024 65000
require_int PROXY_CPU "$PROXY_CPU" 0 4095
require_int LOAD_CPU "$LOAD_CPU" 0 4095

# ---------------------------------------------------------------------------------------------
# Tools and jar

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  log "installing wrk and nginx-light"
  SUDO=()
  if [[ $(id -u) != 0 ]]; then SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq wrk nginx-light >/dev/null
fi
for tool in wrk nginx curl taskset java awk; do
  command -v "$tool" >/dev/null || die "$tool not found on PATH"
done
NGINX_BIN=$(command -v nginx)

NCPU=$(nproc)
if ((PROXY_CPU >= NCPU || LOAD_CPU >= NCPU)); then
  die "PROXY_CPU=$PROXY_CPU / LOAD_CPU=$LOAD_CPU but this machine has $NCPU CPU(s); set them explicitly"
fi
if ((PROXY_CPU == LOAD_CPU)); then
  echo "warning: proxy and load share CPU $PROXY_CPU; figures will not be comparable to a 2-CPU run" >&2
fi

if [[ -n ${MERIDIAN_JAR:-} ]]; then
  JAR=$MERIDIAN_JAR
  [[ -f $JAR ]] || die "MERIDIAN_JAR=$JAR does not exist"
else
  JAR="$ROOT/target/meridian.jar"
  if [[ ! -f $JAR ]]; then
    log "building $JAR"
    ./mvnw -q -B -DskipTests package
    [[ -f $JAR ]] || die "build finished but $JAR is missing"
  fi
fi
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
read -r -a JAVA_OPTS <<<"$MERIDIAN_JAVA_OPTS"

# ---------------------------------------------------------------------------------------------
# Temp dir, processes, cleanup

TMP=$(mktemp -d "${TMPDIR:-/tmp}/meridian-overhead.XXXXXX")
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT_DIR="$BENCH_DIR/out"
mkdir -p "$OUT_DIR"
RAW="$OUT_DIR/overhead-$STAMP.txt"
MERIDIAN_LOG_COPY="$OUT_DIR/overhead-$STAMP.meridian.log"
PIDS=()
MERIDIAN_PID=
CHILD= # the wrk or curl running right now, if any

exec 3>&1 4>&2 # the script's own stdout/stderr, for cleanup (a trap runs inside redirections)
cleanup() {
  local status=$? pid i
  trap - EXIT INT TERM
  exec 1>&3 2>&4
  if [[ -n $CHILD ]]; then kill -TERM "$CHILD" 2>/dev/null || true; fi
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [[ -f $TMP/meridian.err ]]; then
    cat "$TMP/meridian.out" "$TMP/meridian.err" >"$MERIDIAN_LOG_COPY" 2>/dev/null || true
  fi
  if [[ $KEEP_TMP == 1 ]] || ((status != 0 && status != 130 && status != 143)); then
    echo "temp dir kept: $TMP" >&2
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_child CMD...: runs a load-generator command as a background child and waits for it.
# (A foreground wrk catches Ctrl+C itself and exits 0, and bash then drops the SIGINT; `wait`
# is interrupted by a trapped signal, so Ctrl+C stops the script at once.)
run_child() {
  local rc=0
  "$@" 3>&- 4>&- &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=
  return "$rc"
}

# start_bg NAME CMD...: runs CMD in the background, output to $TMP/NAME.{out,err}.
start_bg() {
  local name=$1
  shift
  "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" 3>&- 4>&- &
  PIDS+=("$!")
  LAST_PID=$!
}

port_in_use() {
  local p=$1
  if command -v ss >/dev/null; then
    [[ -n $(ss -Hltn "sport = :$p" 2>/dev/null) ]] && return 0
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
}

# pick_port VAR: sets VAR to the next free port at or above the last one picked.
NEXT_PORT=$BASE_PORT
pick_port() {
  while ((NEXT_PORT < 65535)); do
    if ! port_in_use "$NEXT_PORT"; then
      printf -v "$1" '%s' "$NEXT_PORT"
      NEXT_PORT=$((NEXT_PORT + 1))
      return
    fi
    NEXT_PORT=$((NEXT_PORT + 1))
  done
  die "no free port at or above $BASE_PORT"
}

wait_listening() { # name pid port
  local i
  for i in $(seq 300); do
    kill -0 "$2" 2>/dev/null || { tail -n 20 "$TMP/$1".{out,err} >&2 || true; die "$1 exited during startup"; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$3") 2>/dev/null; then return; fi
    sleep 0.1
  done
  die "$1 did not listen on port $3 within 30 s"
}

UPSTREAM_PORT=
PROXY_PORT=
MERIDIAN_PORT=
pick_port UPSTREAM_PORT
pick_port PROXY_PORT
pick_port MERIDIAN_PORT

render() { # template output
  sed -e "s|@TMP@|$TMP|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" "$1" >"$2"
}
render "$BENCH_DIR/upstream.conf.in" "$TMP/upstream.conf"
render "$BENCH_DIR/proxy.conf.in" "$TMP/proxy.conf"
cat >"$TMP/meridian.yaml" <<EOF
server: { host: 127.0.0.1, port: $MERIDIAN_PORT, event-loops: 1, transport: $MERIDIAN_TRANSPORT }
providers:
  upstream: { type: openai, api-key: sk-bench }
endpoints:
  - { id: nginx-upstream, provider: upstream, region: us-east-1, url: http://127.0.0.1:$UPSTREAM_PORT/v1 }
  - { id: nginx-stream, provider: upstream, region: us-east-1, url: http://127.0.0.1:$UPSTREAM_PORT/stream/v1 }
models:
  gpt-4.1: { endpoints: [nginx-upstream] }
  gpt-4.1-stream: { endpoints: [nginx-stream] }
keys:
  - { name: bench, key: $BENCH_KEY }
EOF

for conf in upstream proxy; do
  "$NGINX_BIN" -t -q -p "$TMP/" -e "$TMP/$conf-error.log" -c "$TMP/$conf.conf" \
    >"$TMP/$conf-test.log" 2>&1 || { cat "$TMP/$conf-test.log" >&2; die "nginx rejected $conf.conf"; }
done

log "upstream nginx on 127.0.0.1:$UPSTREAM_PORT (CPU $LOAD_CPU)"
start_bg upstream taskset -c "$LOAD_CPU" "$NGINX_BIN" -p "$TMP/" -e "$TMP/upstream-error.log" \
  -c "$TMP/upstream.conf" -g 'daemon off;'
wait_listening upstream "$LAST_PID" "$UPSTREAM_PORT"

log "nginx proxy hop on 127.0.0.1:$PROXY_PORT (CPU $PROXY_CPU)"
start_bg proxy taskset -c "$PROXY_CPU" "$NGINX_BIN" -p "$TMP/" -e "$TMP/proxy-error.log" \
  -c "$TMP/proxy.conf" -g 'daemon off;'
wait_listening proxy "$LAST_PID" "$PROXY_PORT"

log "Meridian on 127.0.0.1:$MERIDIAN_PORT (CPU $PROXY_CPU, transport $MERIDIAN_TRANSPORT, $MERIDIAN_JAVA_OPTS)"
start_bg meridian taskset -c "$PROXY_CPU" java "${JAVA_OPTS[@]}" -jar "$JAR" serve --config "$TMP/meridian.yaml"
MERIDIAN_PID=$LAST_PID
healthy=0
for _ in $(seq 600); do
  kill -0 "$MERIDIAN_PID" 2>/dev/null || { tail -n 30 "$TMP"/meridian.{out,err} >&2 || true; die "Meridian exited during startup"; }
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$MERIDIAN_PORT/healthz" || true)
  if [[ $code == 200 ]]; then
    healthy=1
    break
  fi
  sleep 0.1
done
((healthy)) || die "Meridian did not answer GET /healthz with 200 within 60 s (see $TMP/meridian.err)"

declare -A URL STREAM_URL
URL[direct]="http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions"
URL[nginx-hop]="http://127.0.0.1:$PROXY_PORT/v1/chat/completions"
URL[meridian]="http://127.0.0.1:$MERIDIAN_PORT/v1/chat/completions"
STREAM_URL[direct]="http://127.0.0.1:$UPSTREAM_PORT/stream/v1/chat/completions"
STREAM_URL[meridian]="http://127.0.0.1:$MERIDIAN_PORT/v1/chat/completions"

post() { # body-file url body: prints the status code
  curl -sS -o "$1" -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $BENCH_KEY" \
    -H 'Content-Type: application/json' --data-binary "$3" "$2"
}

# ---------------------------------------------------------------------------------------------
# Sanity checks: one request per target before any load

for t in "${TARGETS[@]}"; do
  code=$(post "$TMP/check-$t.body" "${URL[$t]}" "$CHAT_BODY") || true
  if [[ $code != 200 ]] || ! grep -Eq '"object" *: *"chat\.completion"' "$TMP/check-$t.body"; then
    echo "--- response body from $t:" >&2
    head -c 2000 "$TMP/check-$t.body" >&2 || true
    echo >&2
    die "$t (${URL[$t]}) answered HTTP $code without a chat.completion body; not benchmarking"
  fi
done
for t in direct meridian; do
  code=$(post "$TMP/check-stream-$t.body" "${STREAM_URL[$t]}" "$STREAM_BODY") || true
  if [[ $code != 200 ]] || ! grep -q 'chat\.completion\.chunk' "$TMP/check-stream-$t.body" \
    || ! grep -q '^data: \[DONE\]' "$TMP/check-stream-$t.body"; then
    echo "--- stream response body from $t:" >&2
    head -c 2000 "$TMP/check-stream-$t.body" >&2 || true
    echo >&2
    die "$t stream (${STREAM_URL[$t]}) answered HTTP $code without an SSE chat.completion.chunk body"
  fi
done
log "all targets answer 200 with a chat.completion body"

# ---------------------------------------------------------------------------------------------
# Load

WRK_LOG="$TMP/wrk.log"
: >"$WRK_LOG"

# run_wrk LABEL CONNS URL BODY: runs wrk on $LOAD_CPU for $DURATION seconds and leaves
# "rps p50_us p99_us requests non2xx socket_errors" in $TMP/wrk-result.
run_wrk() {
  local label=$1 conns=$2 url=$3 body=$4 threads=1 out
  if ((conns >= 128)); then threads=$WRK_THREADS_128; fi
  out="$TMP/wrk-last.txt"
  rm -f "$TMP/wrk-result"
  if ! BENCH_BODY=$body BENCH_AUTH=$BENCH_KEY run_child timeout $((DURATION + 60)) \
    taskset -c "$LOAD_CPU" wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency \
    -s "$BENCH_DIR/post.lua" "$url" >"$out" 2>&1; then
    cat "$out" >&2
    die "wrk failed for $label"
  fi
  { echo "### $label c=$conns $url"; cat "$out"; } >>"$WRK_LOG"
  awk '
    function us(v) {
      if (v ~ /us$/) return v + 0
      if (v ~ /ms$/) return (v + 0) * 1000
      if (v ~ /m$/) return (v + 0) * 60000000
      if (v ~ /s$/) return (v + 0) * 1000000
      return v + 0
    }
    /^ *50%/ { p50 = us($2) }
    /^ *99%/ { p99 = us($2) }
    /requests in/ { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 }
    END {
      if (rps == "" || p50 == "" || p99 == "") exit 1
      printf "%.2f %.1f %.1f %d %d %d\n", rps, p50, p99, n, bad, err
    }' "$out" >"$TMP/wrk-result" || { cat "$out" >&2; die "could not parse wrk output for $label"; }
}

# ttfb TARGET: STREAM_N sequential streaming POSTs on one keep-alive connection; prints
# time_starttransfer of each in microseconds (one per line) to stdout.
ttfb() {
  local t=$1 i args=()
  for ((i = 0; i < STREAM_N; i++)); do args+=(-o /dev/null "${STREAM_URL[$t]}"); done
  run_child timeout 120 taskset -c "$LOAD_CPU" curl -sS --max-time 60 -H "Authorization: Bearer $BENCH_KEY" \
    -H 'Content-Type: application/json' --data-binary "$STREAM_BODY" \
    -w '%{http_code} %{time_starttransfer} %{num_connects}\n' "${args[@]}" >"$TMP/ttfb-$t.txt" \
    || die "curl failed measuring first byte for $t"
  awk -v t="$t" '$1 != 200 { bad++ } { printf "%.1f\n", $2 * 1000000; conns += $3 }
    END { if (bad) { print "first-byte run for " t ": " bad " non-200 responses" > "/dev/stderr"; exit 1 }
      print conns > "/dev/stderr" }' "$TMP/ttfb-$t.txt" 2>"$TMP/ttfb-conns-$t.txt"
}

pct() { # P < numbers: nearest-rank percentile
  sort -g | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
    r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; if (r > NR) r = NR; print v[r] }'
}
median() { # numbers as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

{
  echo "# bench/overhead.sh raw results, $STAMP"
  echo "# jar: $JAR"
  echo "# git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "# java: $(java -version 2>&1 | head -n 1)"
  echo "# nginx: $("$NGINX_BIN" -v 2>&1)"
  echo "# wrk: $(wrk -v 2>&1 | head -n 1)"
  echo "# MERIDIAN_JAVA_OPTS: $MERIDIAN_JAVA_OPTS"
  echo "# DURATION=$DURATION ROUNDS=$ROUNDS WARMUP=$WARMUP STREAM_N=$STREAM_N WRK_THREADS_128=$WRK_THREADS_128"
  echo "# CPUs: $NCPU; proxy under test on CPU $PROXY_CPU, upstream nginx + wrk + curl on CPU $LOAD_CPU"
  echo "# loadavg at start: $(cat /proc/loadavg)"
  echo "# ports: upstream $UPSTREAM_PORT, nginx-hop $PROXY_PORT, meridian $MERIDIAN_PORT"
  echo "# columns: round target conns rps p50_us p99_us requests non2xx socket_errors"
} >"$RAW"

if ((WARMUP > 0)); then
  log "warm-up: ${WARMUP}s through Meridian (chat), then 2 s steps until req/s settles (at most ${WARMUP_MAX}s)"
  saved=$DURATION
  DURATION=$WARMUP
  run_wrk warmup-meridian 32 "${URL[meridian]}" "$CHAT_BODY"
  read -r wrps _ _ _ wbad werr <"$TMP/wrk-result"
  warm=$WARMUP
  DURATION=2
  while ((warm + DURATION <= WARMUP_MAX)); do
    run_wrk warmup-meridian 32 "${URL[meridian]}" "$CHAT_BODY"
    read -r prps _ _ _ pbad perr <"$TMP/wrk-result"
    warm=$((warm + DURATION))
    wbad=$((wbad + pbad))
    werr=$((werr + perr))
    settled=$(awk -v a="$wrps" -v b="$prps" 'BEGIN { print (b > 0 && a / b > 0.95 && a / b < 1.05) ? 1 : 0 }')
    wrps=$prps
    if ((settled)); then break; fi
  done
  log "warm-up through Meridian took ${warm}s (last step ${wrps} req/s); stream path and nginx targets next"
  echo "# warm-up meridian: ${warm}s, last step $wrps req/s" >>"$RAW"
  DURATION=$(((WARMUP + 2) / 3))
  run_wrk warmup-meridian-stream 8 "${STREAM_URL[meridian]}" "$STREAM_BODY"
  read -r _ _ _ _ sbad serr <"$TMP/wrk-result"
  DURATION=1
  run_wrk warmup-direct 32 "${URL[direct]}" "$CHAT_BODY"
  run_wrk warmup-nginx-hop 32 "${URL[nginx-hop]}" "$CHAT_BODY"
  DURATION=$saved
  ttfb meridian >/dev/null
  if ((wbad + werr + sbad + serr > 0)); then
    echo "warning: warm-up through Meridian had $((wbad + sbad)) non-2xx and $((werr + serr)) socket errors" >&2
  fi
  echo "# warm-up meridian: non2xx=$((wbad + sbad)) socket_errors=$((werr + serr))" >>"$RAW"
fi

declare -A SAMPLES   # "metric target" -> space-separated per-round values
declare -A PROBLEMS  # target -> non-2xx + socket error count over all measured runs
for t in "${TARGETS[@]}"; do PROBLEMS[$t]=0; done

add_sample() { SAMPLES["$1 $2"]="${SAMPLES["$1 $2"]:-} $3"; }

for ((round = 1; round <= ROUNDS; round++)); do
  # rotate the target order every round so no target always runs first or last
  order=()
  for ((i = 0; i < ${#TARGETS[@]}; i++)); do
    order+=("${TARGETS[(i + round - 1) % ${#TARGETS[@]}]}")
  done
  log "round $round/$ROUNDS (order: ${order[*]})"
  for conns in 32 128 1; do
    for t in "${order[@]}"; do
      run_wrk "round$round-$t" "$conns" "${URL[$t]}" "$CHAT_BODY"
      read -r rps p50 p99 n bad err <"$TMP/wrk-result"
      echo "$round $t $conns $rps $p50 $p99 $n $bad $err" >>"$RAW"
      note=
      if ((bad + err > 0)); then note="  ($bad non-2xx, $err socket errors)"; fi
      printf '   %-9s c=%-3s %10s req/s  p50 %8s us  p99 %8s us%s\n' "$t" "$conns" "$rps" "$p50" "$p99" "$note" >&2
      PROBLEMS[$t]=$((PROBLEMS[$t] + bad + err))
      if ((conns == 1)); then
        add_sample p50 "$t" "$p50"
        add_sample p99 "$t" "$p99"
      else
        add_sample "rps$conns" "$t" "$rps"
      fi
    done
  done
  stream_order=(direct meridian)
  if ((round % 2 == 0)); then stream_order=(meridian direct); fi
  for t in "${stream_order[@]}"; do
    ttfb "$t" >"$TMP/ttfb-us-$t-$round.txt"
    sp50=$(pct 50 <"$TMP/ttfb-us-$t-$round.txt")
    sp99=$(pct 99 <"$TMP/ttfb-us-$t-$round.txt")
    add_sample ttfb50 "$t" "$sp50"
    add_sample ttfb99 "$t" "$sp99"
    echo "$round stream-ttfb-$t n=$STREAM_N p50_us=$sp50 p99_us=$sp99 tcp_connects=$(cat "$TMP/ttfb-conns-$t.txt")" >>"$RAW"
    printf '   stream first byte %-9s p50 %8s us  p99 %8s us\n' "$t" "$sp50" "$sp99" >&2
  done
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$MERIDIAN_PID/status")
  echo "$round meridian VmHWM_kB=$hwm" >>"$RAW"
done

HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$MERIDIAN_PID/status")
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$MERIDIAN_PID/status")

# Stop Meridian now (not in cleanup) so that its shutdown shows up in the summary.
log "stopping Meridian (SIGTERM)"
stop_start=$(date +%s%N)
kill -TERM "$MERIDIAN_PID" 2>/dev/null || true
for _ in $(seq 100); do
  kill -0 "$MERIDIAN_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$MERIDIAN_PID" 2>/dev/null; then
  kill -KILL "$MERIDIAN_PID" 2>/dev/null || true
  wait "$MERIDIAN_PID" 2>/dev/null || true
  MERIDIAN_STOP="did NOT exit within 10 s of SIGTERM (killed with SIGKILL)"
else
  stop_status=0
  wait "$MERIDIAN_PID" 2>/dev/null || stop_status=$?
  MERIDIAN_STOP="exited with status $stop_status $((($(date +%s%N) - stop_start) / 1000000)) ms after SIGTERM"
fi
remaining=()
for pid in "${PIDS[@]}"; do
  if [[ $pid != "$MERIDIAN_PID" ]]; then remaining+=("$pid"); fi
done
PIDS=("${remaining[@]}")

# ---------------------------------------------------------------------------------------------
# Summary

med() { # metric target
  local vals
  read -r -a vals <<<"${SAMPLES["$1 $2"]}"
  median "${vals[@]}"
}
calc() { awk "BEGIN { $1 }"; }

declare -A M
for t in "${TARGETS[@]}"; do
  for metric in rps32 rps128 p50 p99; do M["$metric $t"]=$(med "$metric" "$t"); done
done
for t in direct meridian; do
  for metric in ttfb50 ttfb99; do M["$metric $t"]=$(med "$metric" "$t"); done
done

ratio() { # numerator denominator
  calc "n = $1; d = $2; if (d <= 0) print \"n/a\"; else printf \"%.2f\", n / d"
}

{
  echo
  echo "Meridian overhead vs one nginx hop — $(date -u '+%Y-%m-%d %H:%M UTC'), $ROUNDS round(s) x ${DURATION}s per run, medians across rounds"
  echo "wrk -t1 (-t$WRK_THREADS_128 at 128 conns) on CPU $LOAD_CPU with the upstream nginx; proxy under test on CPU $PROXY_CPU; POST /v1/chat/completions, $(printf %s "$CHAT_BODY" | wc -c)-byte body"
  echo
  printf '%-12s %10s %10s %10s %10s %10s %10s\n' target rps@32 rps@128 "p50@1(us)" "p99@1(us)" "added p50" "added p99"
  for t in "${TARGETS[@]}"; do
    if [[ $t == direct ]]; then
      a50=-
      a99=-
    else
      a50=$(calc "printf \"%.1f\", ${M["p50 $t"]} - ${M["p50 direct"]}")
      a99=$(calc "printf \"%.1f\", ${M["p99 $t"]} - ${M["p99 direct"]}")
    fi
    printf '%-12s %10.0f %10.0f %10.1f %10.1f %10s %10s\n' "$t" "${M["rps32 $t"]}" "${M["rps128 $t"]}" \
      "${M["p50 $t"]}" "${M["p99 $t"]}" "$a50" "$a99"
  done
  added() { calc "printf \"%.1f\", ${M["$1 $2"]} - ${M["$1 direct"]}"; }
  printf 'ratios meridian/nginx: rps@32 %s  rps@128 %s  added-p50 %s  added-p99 %s\n' \
    "$(ratio "${M["rps32 meridian"]}" "${M["rps32 nginx-hop"]}")" \
    "$(ratio "${M["rps128 meridian"]}" "${M["rps128 nginx-hop"]}")" \
    "$(ratio "$(added p50 meridian)" "$(added p50 nginx-hop)")" \
    "$(ratio "$(added p99 meridian)" "$(added p99 nginx-hop)")"
  ms() { calc "printf \"%.3f\", ($1) / 1000"; }
  printf 'first byte (stream): direct p50 %s ms, meridian p50 %s ms, difference %s ms; p99 direct %s ms, meridian %s ms, difference %s ms\n' \
    "$(ms "${M["ttfb50 direct"]}")" "$(ms "${M["ttfb50 meridian"]}")" \
    "$(ms "${M["ttfb50 meridian"]} - ${M["ttfb50 direct"]}")" \
    "$(ms "${M["ttfb99 direct"]}")" "$(ms "${M["ttfb99 meridian"]}")" \
    "$(ms "${M["ttfb99 meridian"]} - ${M["ttfb99 direct"]}")"
  printf '  (method: curl -w %%{time_starttransfer}, %d sequential POSTs with "stream":true per target per round,\n' "$STREAM_N"
  printf '   one curl process = one keep-alive connection; SSE body: 3 chunks + [DONE]; medians across rounds)\n'
  printf 'meridian peak RSS: %.1f MiB (VmHWM after the load; VmRSS now %.1f MiB) (heap: %s)\n' \
    "$(calc "print $HWM_KB / 1024")" "$(calc "print $RSS_KB / 1024")" "$MERIDIAN_JAVA_OPTS"
  echo "meridian transport: $(grep -oE 'network transport: [a-z_]+' "$TMP/meridian.err" | head -n 1 | cut -d' ' -f3) (server.transport: $MERIDIAN_TRANSPORT)"
  problems=""
  for t in "${TARGETS[@]}"; do
    if ((PROBLEMS[$t] > 0)); then problems+=" $t: ${PROBLEMS[$t]}"; fi
  done
  echo "wrk non-2xx + socket errors during measurement:${problems:- none}"
  echo "meridian shutdown: $MERIDIAN_STOP"
  problem_re=' (WARN|ERROR) |Exception|Error:'
  warn_lines=$(grep -cE "$problem_re" "$TMP/meridian.err" || true)
  echo "meridian log (stderr): $warn_lines WARN/ERROR/exception line(s)"
  if ((warn_lines > 0)); then
    grep -E "$problem_re" "$TMP/meridian.err" | head -n 10 | sed 's/^/  /'
  fi
  for conf in upstream proxy; do
    n=$(grep -cE '\[(warn|error|crit|alert|emerg)\]' "$TMP/$conf-error.log" 2>/dev/null || true)
    if ((${n:-0} > 0)); then
      echo "nginx $conf error log: $n line(s), e.g. $(grep -E '\[(warn|error|crit|alert|emerg)\]' "$TMP/$conf-error.log" | head -n 1)"
    fi
  done
  echo "raw per-round numbers: ${RAW#"$ROOT"/}"
} | tee "$TMP/summary.txt"

{
  echo
  echo "# summary"
  cat "$TMP/summary.txt"
  echo
  echo "# loadavg at end: $(cat /proc/loadavg)"
  echo
  echo "# full wrk output"
  cat "$WRK_LOG"
} >>"$RAW"
