#!/usr/bin/env bash
# Is `devicebench load` ever the weakest link? Side by side in one run, on this machine's loopback:
#   1. closed loop against go-nethttp (pinned to CPU 0, one thread): wrk -t1 -c64 and `devicebench load -t 1 -c 64`,
#      both pinned to CPU 1, alternately, ROUNDS times; prints requests/s and the ratio devicebench / wrk
#      (target >= 0.9, aim >= 1.0);
#   2. `devicebench load` at 10,000 connections for MEMORY_SECONDS (20 s by default, 60 s with --long) and its
#      peak resident memory (VmHWM; aim <= 64 MB);
#   3. `devicebench load -R 40 -c 1`: how late its sends leave against their plan (send lag P50; target <= 50 us).
#   usage: scripts/bench-load.sh [--long]
#   env:   ROUNDS=3 DURATION=10 CONNECTIONS=64 MEMORY_CONNECTIONS=10000 MEMORY_SECONDS=20 BENCH_SERVER=path
#          (BENCH_SERVER: any server binary taking --port P --threads N; default artifacts/x64/go-nethttp)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/bench.sh
source "$root/scripts/lib/bench.sh"
rounds=${ROUNDS:-3}
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
memory_connections=${MEMORY_CONNECTIONS:-10000}
memory_seconds=${MEMORY_SECONDS:-20}
[ "${1:-}" = "--long" ] && memory_seconds=60
server_cpu=0 client_cpu=1
die() { echo "bench-load: $*" >&2; exit 1; }
for tool in wrk taskset dotnet; do command -v "$tool" >/dev/null || die "$tool not found: run scripts/setup.sh"; done
[ "$(nproc)" -ge 2 ] || die "needs two CPUs: one for the server, one for the load generators"
# 10,000 connections are 10,000 descriptors at each end; the server inherits this limit, devicebench raises its own.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# --- the server: the built contender, else a fresh go build, else a clear failure --------------------------------
server=${BENCH_SERVER:-$root/artifacts/x64/go-nethttp}
if [ ! -x "$server" ]; then
  echo "bench-load: $server not built; building go-nethttp into a temporary folder" >&2
  (cd "$root/firmware/go-nethttp" && CGO_ENABLED=0 GOPROXY=off GOFLAGS=-mod=mod go build -trimpath -o "$work/go-nethttp" .) >&2 ||
    die "no server: build it with scripts/build-contenders.sh x64 artifacts/x64 (needs golang-go, see scripts/setup.sh)"
  server=$work/go-nethttp
fi

# --- devicebench, published Release (framework-dependent: what users run) ---------------------------------------
echo "bench-load: publishing devicebench (Release)" >&2
dotnet publish "$root/host/DeviceBench.Cli" -c Release -o "$work/devicebench" --nologo -v quiet >&2
devicebench=$work/devicebench/devicebench

port=$(free_port)
url=http://127.0.0.1:$port/
start_pinned "$server_cpu" "$port" "$server" --port "$port" --threads 1 || die "the server did not start"
server_pid=$SERVER_PID

# devicebench_rps ARGS...: requests/s from the run's JSON (the first "requestsPerSecond" is the run's own).
devicebench_rps() {
  taskset -c "$client_cpu" "$devicebench" load "$url" "$@" --json "$work/run.json" >/dev/null 2>&1
  grep -m1 '"requestsPerSecond"' "$work/run.json" | tr -dc '0-9.' | awk '{printf "%d", $1}'
}

echo "closed loop against $(basename "$server") on CPU $server_cpu, load generators on CPU $client_cpu," \
  "$connections connections, ${duration} s per run, $rounds rounds (order alternates)"
printf '%-6s %14s %18s %8s\n' round "wrk req/s" "devicebench req/s" ratio
ratios=() wrk_all=() db_all=()
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    w=$(wrk_rps "$client_cpu" "$url" "$connections" "$duration")
    d=$(devicebench_rps -t 1 -c "$connections" -d "${duration}s")
  else
    d=$(devicebench_rps -t 1 -c "$connections" -d "${duration}s")
    w=$(wrk_rps "$client_cpu" "$url" "$connections" "$duration")
  fi
  r=$(ratio "$d" "$w")
  wrk_all+=("$w") db_all+=("$d") ratios+=("$r")
  printf '%-6s %14s %18s %8s\n' "$round" "$w" "$d" "$r"
done
median_ratio=$(printf '%s\n' "${ratios[@]}" | awk '{printf "%d\n", $1 * 1000}' | median | awk '{printf "%.2f", $1 / 1000}')
printf '%-6s %14s %18s %8s\n' median "$(printf '%s\n' "${wrk_all[@]}" | median)" "$(printf '%s\n' "${db_all[@]}" | median)" "$median_ratio"
awk -v r="$median_ratio" 'BEGIN {exit !(r >= 0.9)}' && verdict="meets the 0.9 target" || verdict="BELOW the 0.9 target"
echo "devicebench / wrk = $median_ratio: $verdict"

# --- memory at many connections ------------------------------------------------------------------------------
echo
echo "devicebench load at $memory_connections connections for ${memory_seconds} s (closed loop, -t 1, CPU $client_cpu)"
taskset -c "$client_cpu" "$devicebench" load "$url" -t 1 -c "$memory_connections" -d "${memory_seconds}s" --timeout 10s \
  --json "$work/memory.json" >"$work/memory.txt" 2>&1 &
load_pid=$!
peak_kb=0
# VmHWM is the kernel's own peak; sampled until the process is gone, the last reading is the run's peak.
while kill -0 "$load_pid" 2>/dev/null; do
  kb=$(awk '/^VmHWM/ {print $2}' "/proc/$load_pid/status" 2>/dev/null || true)
  [ -n "$kb" ] && [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
  sleep 0.2
done
wait "$load_pid" || die "devicebench load at $memory_connections connections failed: $(tail -5 "$work/memory.txt")"
opened=$(grep -m1 '"connectionsOpenedAtStart"' "$work/memory.json" | tr -dc '0-9')
rps=$(grep -m1 '"requestsPerSecond"' "$work/memory.json" | tr -dc '0-9.')
errors=$(grep -A8 '"errors": {' "$work/memory.json" | grep -m1 '"total"' | tr -dc '0-9')
printf '%-28s %s\n' "connections opened" "$opened of $memory_connections" "requests/s" "$rps" "errors" "$errors" \
  "peak RSS (VmHWM)" "$(mb "$peak_kb") MB (aim <= 64 MB)"

# --- open-loop timing at a microcontroller's rate --------------------------------------------------------------
# One request every 25 ms on one connection: how late the engine sent each against its plan (its own sendLag figure).
# A millisecond timer would put the median near 500 us; the engine sleeps on a timerfd and polls the last 40 us.
# Only a quiet machine shows the engine's own figure: a CPU-bound neighbour delays every wake-up by its time slice.
echo
echo "devicebench load -R 40 -c 1 for ${duration} s (open loop, CPU $client_cpu): send lag against the plan"
taskset -c "$client_cpu" "$devicebench" load "$url" -t 1 -c 1 -R 40 -d "${duration}s" --json "$work/lag.json" >/dev/null 2>&1 ||
  die "devicebench load -R 40 failed"
lag() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sendLag"][sys.argv[2]])' "$work/lag.json" "$1"; }
printf '%-28s %s
' "send lag P50" "$(lag p50Micros) us (target <= 50 us)" "send lag P99" "$(lag p99Micros) us"
stop_server "$server_pid"
