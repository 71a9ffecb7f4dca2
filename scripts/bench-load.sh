#!/usr/bin/env bash
# Is `devicebench load` ever the weakest link? Side by side in one run, on this machine's loopback:
#   1. closed loop, 64 connections, against a server pinned to CPU 0 (rust-hyper, one thread: ~140-160k requests/s on a
#      free core, barely faster than the generators), each generator pinned to CPU 1, one after another, the order
#      reversed every round, ROUNDS times:
#        wrk -t1 -c64, devicebench load -t 1 -c 64, and two floors built here with cc -O2 (scripts/floor/load-*.c):
#        floor-epoll (one thread, edge-triggered epoll, one send and one recv per request, nothing else) and
#        floor-uring (raw io_uring: one receive in flight per connection, sends and receives queued and submitted
#        with one io_uring_enter per batch of completions, registered sockets, DEFER_TASKRUN). They are the least CPU
#        an epoll or an io_uring generator can spend per request with this request/response model: what 1.2x over
#        wrk can come from. Against a slower server (go-nethttp, ~57k) the ratio measured the server, not the
#        generators. Per generator and round:
#        - requests/s, from each tool's own report;
#        - requests per generator CPU-second: the requests it counted over the user+system CPU time of its whole
#          process (wait4's rusage; for devicebench, a framework-dependent .NET process, that includes ~0.45 s of
#          runtime start-up, JIT, the summary and the JSON);
#        - the server's busy share: its CPU over the generator's measured seconds (/proc/PID/stat). Near 100 % the
#          server's core set the pace and req/s measures the server; well below, the machine's other work held the
#          server back (this 2-core VM is shared), and req/s measures the neighbours. Requests per CPU-second is what
#          the generator costs either way, so it is the figure that decides.
#      Medians over the rounds, and the median of the per-round ratios to wrk (target devicebench / wrk >= 1.2, aim 1.4).
#      Measured 2026-12-01, ROUNDS=5 DURATION=8, two runs (other jobs on both cores: server busy 34-99 %), medians:
#                        req/s   req/CPU-s   ratio to wrk (req/s, per CPU-s)       second run
#        wrk            35,570      68,822                                         55,755   73,039
#        devicebench    63,500      90,745   1.38, 1.33                            66,392   95,889   1.33, 1.31
#        floor-epoll    66,423     112,589   1.49, 1.83                            69,598  112,053   1.25, 1.63
#        floor-uring    57,866     108,471   1.44, 1.43                            72,973  113,248   1.29, 1.52
#      A third run with no other job on the machine (server busy 88 % under wrk, 98-99 % under the others):
#        wrk 78,754 / 79,022; devicebench 98,659 / 94,819 (1.24, 1.19); floor-epoll 97,200 / 101,263 (1.23, 1.28);
#        floor-uring 81,163 / 96,810 (1.02, 1.22)
#      Floors alone, 4 more rounds of 5 s: epoll 87-108k req/CPU-s, io_uring 78-109k, io_uring receiving through the
#      ring but sending with send() 94-110k, wrk 73-79k. io_uring does not beat epoll here: both pay the same TCP
#      work per request (sendto alone is ~57 % of a generator's CPU), and a batch saves only syscall entries.
#   2. `devicebench load` at 10,000 connections for MEMORY_SECONDS (20 s by default, 60 s with --long) and its
#      peak resident memory (VmHWM; aim <= 64 MB);
#   3. the open loop at 500 requests/s on 8 connections: how late each send left against its plan (the engine's
#      sendLag: P50, P99, P99.9, max), with no neighbour added and beside a CPU-bound one on the generator's core, each
#      with the worker threads on SCHED_FIFO (what the engine does where the process may) and without it (the same
#      binary started without CAP_SYS_NICE, as an unprivileged user runs it).
#   usage: scripts/bench-load.sh [--long]
#   env:   ROUNDS=5 DURATION=10 CONNECTIONS=64 MEMORY_CONNECTIONS=10000 MEMORY_SECONDS=20 LAG_SECONDS=10
#          BENCH_SERVER=path (any server binary taking --port P --threads N; default artifacts/x64/rust-hyper)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/bench.sh
source "$root/scripts/lib/bench.sh"
rounds=${ROUNDS:-5}
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
memory_connections=${MEMORY_CONNECTIONS:-10000}
memory_seconds=${MEMORY_SECONDS:-20}
lag_seconds=${LAG_SECONDS:-10}
[ "${1:-}" = "--long" ] && memory_seconds=60
server_cpu=0 client_cpu=1
die() { echo "bench-load: $*" >&2; exit 1; }
for tool in wrk taskset dotnet python3; do command -v "$tool" >/dev/null || die "$tool not found: run scripts/setup.sh"; done
[ "$(nproc)" -ge 2 ] || die "needs two CPUs: one for the server, one for the load generators"
# 10,000 connections are 10,000 descriptors at each end; the server inherits this limit, devicebench raises its own.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# --- the server: faster than both generators on its core --------------------------------------------------------
server=${BENCH_SERVER:-$root/artifacts/x64/rust-hyper}
if [ ! -x "$server" ]; then
  echo "bench-load: $server not built; building the contenders into a temporary folder" >&2
  "$root/scripts/build-contenders.sh" x64 "$work/contenders" >&2 ||
    die "no server: build it with scripts/build-contenders.sh x64 artifacts/x64 (see scripts/setup.sh)"
  server=$work/contenders/rust-hyper
fi

# --- devicebench, published Release (framework-dependent: what users run) ---------------------------------------
echo "bench-load: publishing devicebench (Release)" >&2
dotnet publish "$root/host/DeviceBench.Cli" -c Release -o "$work/devicebench" --nologo -v quiet >&2
devicebench=$work/devicebench/devicebench

port=$(free_port)
url=http://127.0.0.1:$port/
start_pinned "$server_cpu" "$port" "$server" --port "$port" --threads 1 || die "the server did not start"
server_pid=$SERVER_PID

# cpu_run CPU_FILE CMD...: runs CMD, writes the user+system CPU seconds of its whole process (all threads) to CPU_FILE.
cpu_run() {
  python3 - "$@" <<'PY'
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{usage.ru_utime + usage.ru_stime:.3f}\n")
sys.exit(os.waitstatus_to_exitcode(status))
PY
}

# --- the floors: the least an epoll or io_uring generator can spend per request (scripts/floor/load-*.c) ----------
cc=$(command -v cc || command -v clang || command -v gcc) || die "no C compiler for the floors (cc, clang or gcc)"
for floor in epoll uring; do
  "$cc" -O2 -o "$work/floor-$floor" "$root/scripts/floor/load-$floor.c" || die "could not build the $floor floor"
done

# server_ticks: the server's user+system CPU so far, in clock ticks (/proc/PID/stat fields 14 and 15).
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
clk_tck=$(getconf CLK_TCK)
# Each prints "REQUESTS REQUESTS_PER_S CPU_SECONDS MEASURED_SECONDS"; run_closed adds the server core's busy share.
run_wrk() {
  cpu_run "$work/cpu" taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"${duration}s" "$url" >"$work/wrk.txt" 2>&1 ||
    die "wrk failed: $(tail -3 "$work/wrk.txt")"
  awk -v cpu="$(cat "$work/cpu")" '/requests in/ {n = $1; s = $4 + 0} /^Requests\/sec/ {r = int($2)}
    END {print n, r, cpu, s}' "$work/wrk.txt"
}
run_devicebench() {
  cpu_run "$work/cpu" taskset -c "$client_cpu" "$devicebench" load "$url" -t 1 -c "$connections" -d "${duration}s" \
    --json "$work/run.json" >"$work/run.txt" 2>&1 || die "devicebench load failed: $(tail -3 "$work/run.txt")"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
print(r["requests"], int(r["requestsPerSecond"]), sys.argv[2], r["measuredSeconds"])' "$work/run.json" "$(cat "$work/cpu")"
}
run_floor() { # epoll|uring
  cpu_run "$work/cpu" taskset -c "$client_cpu" "$work/floor-$1" 127.0.0.1 "$port" "$connections" "$duration" \
    >"$work/floor.txt" 2>&1 || die "the $1 floor failed: $(tail -3 "$work/floor.txt")"
  read -r n s <"$work/floor.txt"
  awk -v n="$n" -v s="$s" -v cpu="$(cat "$work/cpu")" 'BEGIN {printf "%d %d %s %s\n", n, n / s, cpu, s}'
}
# run_closed NAME: "REQUESTS REQUESTS_PER_S PER_CPU_SECOND SERVER_BUSY_PERCENT". The server's CPU over the measured
# seconds: near 100 % means its core set the pace (req/s then measures the server; per CPU-second still the generator).
run_closed() {
  local before after line n r cpu s
  before=$(server_ticks)
  case $1 in wrk) line=$(run_wrk) ;; devicebench) line=$(run_devicebench) ;; floor-*) line=$(run_floor "${1#floor-}") ;; esac
  after=$(server_ticks)
  read -r n r cpu s <<<"$line"
  echo "$n $r $(per_cpu "$n" "$cpu") $(awk -v t=$((after - before)) -v hz="$clk_tck" -v s="$s" 'BEGIN {printf "%d", 100 * t / hz / s}')"
}
per_cpu() { awk -v n="$1" -v s="$2" 'BEGIN {if (s <= 0) print 0; else printf "%d", n / s}'; }
median_ratio() { awk '{printf "%d\n", $1 * 1000}' | median | awk '{printf "%.2f", $1 / 1000}'; }

generators=(wrk devicebench floor-epoll floor-uring)
echo "closed loop against $(basename "$server") on CPU $server_cpu, load generators on CPU $client_cpu," \
  "$connections connections, ${duration} s per run, $rounds rounds (order reverses every round)"
echo "each cell: requests/s, requests per generator CPU-second, the server core's busy share (its CPU / measured s)"
printf '%-6s' round; printf ' | %-26s' "${generators[@]}"; echo
declare -A rps eff busy
for round in $(seq "$rounds"); do
  order=("${generators[@]}")
  [ $((round % 2)) -eq 0 ] && order=(floor-uring floor-epoll devicebench wrk)
  for g in "${order[@]}"; do
    line=$(run_closed "$g")
    read -r _ "rps[$g,$round]" "eff[$g,$round]" "busy[$g,$round]" <<<"$line"
  done
  printf '%-6s' "$round"
  for g in "${generators[@]}"; do printf ' | %9s %9s %5s%%' "${rps[$g,$round]}" "${eff[$g,$round]}" "${busy[$g,$round]}"; done
  echo
done
column_of() { local g=$1 r; local -n figures=$2; for r in $(seq "$rounds"); do echo "${figures[$g,$r]}"; done; }
printf '%-6s' median
for g in "${generators[@]}"; do
  printf ' | %9s %9s %5s%%' "$(column_of "$g" rps | median)" "$(column_of "$g" eff | median)" "$(column_of "$g" busy | median)"
done
echo
verdict() { awk -v r="$1" 'BEGIN {exit !(r >= 1.2)}' && echo "meets 1.2" || echo "below 1.2"; }
echo "against wrk (median of the rounds' ratios):"
for g in devicebench floor-epoll floor-uring; do
  rr=$(for r in $(seq "$rounds"); do ratio "${rps[$g,$r]}" "${rps[wrk,$r]}"; echo; done | median_ratio)
  er=$(for r in $(seq "$rounds"); do ratio "${eff[$g,$r]}" "${eff[wrk,$r]}"; echo; done | median_ratio)
  printf '  %-12s requests/s %s (%s)   requests per CPU-second %s (%s)\n' "$g" "$rr" "$(verdict "$rr")" "$er" "$(verdict "$er")"
done

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

# --- open-loop send lag ----------------------------------------------------------------------------------------
# 500 requests/s on 8 connections: each send should leave at its planned microsecond. The engine sleeps on a timerfd
# (timer slack 1 ns) until 40 us before a send and polls the rest; what it cannot control is how soon the kernel runs
# it once the timer fires. A normal thread waits for a CPU-bound neighbour's time slice; a SCHED_FIFO one does not.
# "normal" is the same binary without CAP_SYS_NICE (setpriv), i.e. what an unprivileged user gets. "timed" counts the
# sends whose lag was measured: those the engine was free to make on time (the rest waited for a busy connection).
echo
echo "open loop, 500 requests/s on 8 connections for ${lag_seconds} s (CPU $client_cpu): send lag against the plan, us"
nice_caps=(setpriv --bounding-set -sys_nice --inh-caps -sys_nice --)
command -v setpriv >/dev/null || nice_caps=()
printf '%-34s %8s %8s %8s %8s %10s\n' "core, scheduling" P50 P99 P99.9 max "timed"
lag_row() { # LABEL PREFIX...
  local label=$1; shift
  "$@" taskset -c "$client_cpu" "$devicebench" load "$url" -t 1 -c 8 -R 500 -d "${lag_seconds}s" --json "$work/lag.json" \
    >"$work/lag.txt" 2>&1 || die "devicebench load -R 500 failed: $(tail -3 "$work/lag.txt")"
  grep -q SCHED_FIFO "$work/lag.txt" && label="$label, SCHED_FIFO" || label="$label, normal"
  python3 -c 'import json,sys; l=json.load(open(sys.argv[1]))["sendLag"]
print("%-34s %8d %8d %8d %8d %10d" % (sys.argv[2], l["p50Micros"], l["p99Micros"], l["p999Micros"], l["maxMicros"], l["count"]))' \
    "$work/lag.json" "$label"
}
lag_row "no neighbour added" env
[ ${#nice_caps[@]} -gt 0 ] && lag_row "no neighbour added" "${nice_caps[@]}"
taskset -c "$client_cpu" sh -c 'while :; do :; done' &
hog_pid=$!; BENCH_PIDS+=("$hog_pid")
lag_row "CPU-bound neighbour" env
[ ${#nice_caps[@]} -gt 0 ] && lag_row "CPU-bound neighbour" "${nice_caps[@]}"
kill "$hog_pid" 2>/dev/null || true
wait "$hog_pid" 2>/dev/null || true
echo "(a row says normal under both when this process may not use SCHED_FIFO: no root, CAP_SYS_NICE or RLIMIT_RTPRIO)"
stop_server "$server_pid"
