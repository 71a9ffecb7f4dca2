#!/usr/bin/env bash
# The minimal engine against its contenders, side by side in one run, on this machine's loopback:
# csharp-minimal (the lean static board build) and csharp-kestrel (devicebench-fw serve), go-nethttp and rust-hyper (artifacts/x64, when built).
# Each server runs on CPU 0 with one worker thread; wrk runs on CPU 1. Per contender it measures:
#   baseline RSS   Rss (smaps_rollup) 1 s after it listens, before any request
#   req/s          wrk -t1 -c64 for DURATION seconds after a short warm-up; the best of ROUNDS runs taken in turn
#                  across contenders (on a shared machine interference only ever lowers a server's figure)
#   req/cpu-s      the same runs' requests per second of the server's own CPU time (utime+stime): equal to req/s
#                  for a saturated server on a quiet machine, and far less moved than req/s by other processes
#   RSS after run  Rss right after that run
#   RSS @256c      Rss after LOAD256_SECONDS at 256 connections, and its ratio to the baseline
#   B/idle conn    RSS growth / IDLE_CONNECTIONS keep-alive connections that each made one request and then idle
#   syscalls/req   system calls of all the server's threads (strace -c -f) / requests over a 3 s wrk -c64 run: a count,
#                  which other processes on the machine cannot move (strace slows the server; the ratio stands)
# and prints a table with throughput and baseline ratios against Go and Rust, then (SCALING=1, the default) a scaling
# table: every contender with --threads 1 and --threads 2, neither pinned, with wrk -t2 -c64 sharing both cores —
# on a 2-core machine the load generator competes with the second loop, so 2/1 shows how a server spreads, not what a
# board with a core per loop would do.
#   usage: scripts/bench-minimal.sh
#   env: DURATION=10 ROUNDS=3 LOAD256_SECONDS=30 IDLE_CONNECTIONS=10000 WARMUP=2 SCALING=1 CONTENDERS="csharp-minimal ..."
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${DURATION:-10}
load256_seconds=${LOAD256_SECONDS:-30}
idle_connections=${IDLE_CONNECTIONS:-10000}
warmup=${WARMUP:-2}
rounds=${ROUNDS:-3}
scaling=${SCALING:-1}
server_cpu=0 client_cpu=1
# As root, servers and wrk run at raised priority: other work on a shared machine then disturbs every contender less.
prio=(); [ "$(id -u)" -eq 0 ] && prio=(nice -n -10)
die() { echo "bench-minimal: $*" >&2; exit 1; }
for tool in wrk taskset python3 ss strace; do command -v "$tool" >/dev/null || die "$tool not found: run scripts/setup.sh"; done
[ "$(nproc)" -ge 2 ] || die "needs two CPUs: one for the server, one for wrk"
# 10,000 connections need 10,000 descriptors on both ends; the servers inherit this limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((idle_connections + 100)) ] || die "open-file limit $(ulimit -n) is below $idle_connections connections"

# --- the firmware binaries: the built artifacts when newer than every source, else a fresh publish -----------------
# csharp-minimal runs the lean board build (fw-minimal: minimal engine only, static), as the bench's contender does;
# csharp-kestrel the full build (fw).
newer_source() { find "$root/firmware/DeviceBench.Firmware" "$root/firmware/DeviceBench.Protocol" \
  \( -name bin -o -name obj \) -prune -o -type f -newer "$1" -print -quit; }
firmware() { # folder (fw|fw-minimal) publish-flags... -> path of a current binary
  local folder=$1 bin=$root/artifacts/x64/$1/devicebench-fw; shift
  if [ ! -x "$bin" ] || [ -n "$(newer_source "$bin")" ]; then
    # A private output folder: artifacts/x64 may be running in someone's test right now.
    bin=$root/artifacts/bench-minimal/$folder/devicebench-fw
    echo "bench-minimal: publishing devicebench-fw ($folder, Native AOT) to ${bin#$root/}" >&2
    dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r linux-x64 -o "$(dirname "$bin")" --nologo -v quiet -p:DebugSymbols=false "$@" >&2
  fi
  echo "$bin"
}
contenders=${CONTENDERS:-csharp-minimal csharp-kestrel go-nethttp rust-hyper}
fw=""; [[ " $contenders " == *" csharp-kestrel "* ]] && fw=$(firmware fw)
fw_minimal=""; [[ " $contenders " == *" csharp-minimal "* ]] && fw_minimal=$(firmware fw-minimal -p:BuildFlavor=lean)

# shellcheck source=lib/bench.sh
source "$root/scripts/lib/bench.sh"

# Opens N connections to 127.0.0.1:PORT, makes one request on each, says "ready" and holds them until stdin closes.
cat > "$work/idle.py" <<'EOF'
import socket, sys
port, count = int(sys.argv[1]), int(sys.argv[2])
request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
held = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request)
    data = b""
    while b"Hello, World!" not in data:
        chunk = s.recv(4096)
        if not chunk:
            sys.exit("server closed an idle connection after %d" % len(held))
        data += chunk
    held.append(s)
print("ready", flush=True)
sys.stdin.read()
EOF

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
clock_ticks=$(getconf CLK_TCK)
measured_rps() { # connections seconds port [wrk threads] [wrk cpus] -> req/s; leaves requests per server CPU-second in $work/cpu_rps
  local ticks; ticks=$(cpu_ticks "$server_pid")
  "${prio[@]}" taskset -c "${5:-$client_cpu}" wrk -t"${4:-1}" -c"$1" -d"$2"s "http://127.0.0.1:$3/" > "$work/wrk.txt"
  if grep -qE "Non-2xx|Socket errors" "$work/wrk.txt"; then grep -E "Non-2xx|Socket errors" "$work/wrk.txt" | sed 's/^/    /' >&2; fi
  awk -v t=$(( $(cpu_ticks "$server_pid") - ticks )) -v hz="$clock_ticks" \
    '/ requests in / { if (t > 0) printf "%d", $1 / (t / hz); else print 0 }' "$work/wrk.txt" > "$work/cpu_rps"
  awk '/^Requests\/sec:/ { printf "%d", $2 }' "$work/wrk.txt"
}

# System calls per request: strace -c counts every thread's calls while wrk runs; "total" is its last line.
syscalls_per_request() { # port -> e.g. 2.02
  strace -c -f -p "$server_pid" -o "$work/strace.txt" 2>/dev/null & local tracer=$!
  sleep 0.5 # attached to every thread
  taskset -c "$client_cpu" wrk -t1 -c64 -d3s "http://127.0.0.1:$1/" > "$work/wrk-strace.txt"
  kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
  awk -v r="$(awk '/ requests in / { print $1 }' "$work/wrk-strace.txt")" \
    '$NF == "total" { if (r > 0) printf "%.2f", $4 / r; else print "-" }' "$work/strace.txt"
}

declare -A rps cpu_rps base after256 after_run idle_b syscalls command
names=()
port=""
start() { # name command... (env: THREADS=1, CPUS=$server_cpu)
  local name=$1; shift
  port=$(free_port)
  start_pinned "${CPUS:-$server_cpu}" "$port" "${prio[@]}" "$@" --port "$port" --threads "${THREADS:-1}" || die "$name did not start listening on $port"
  server_pid=$SERVER_PID
  sleep 1 # settle: start-up threads and timers have run once
}
stop() { stop_server "$server_pid"; server_pid=""; }
best_rps() { # name: one warmed-up run, kept if it beats the best so far
  [ "$warmup" -gt 0 ] && measured_rps 64 "$warmup" "$port" > /dev/null
  local r; r=$(measured_rps 64 "$duration" "$port"); r=${r:-0}
  local c; c=$(cat "$work/cpu_rps"); c=${c:-0}
  [ "$r" -gt "${rps[$1]:-0}" ] && rps[$1]=$r
  [ "$c" -gt "${cpu_rps[$1]:-0}" ] && cpu_rps[$1]=$c
  return 0
}
measure() { # name command...
  local name=$1; shift
  command[$name]="$*"
  start "$name" "$@"
  base[$name]=$(rss_bytes "$server_pid")
  best_rps "$name"
  after_run[$name]=$(rss_bytes "$server_pid")
  syscalls[$name]=$(syscalls_per_request "$port")
  measured_rps 256 "$load256_seconds" "$port" > /dev/null
  after256[$name]=$(rss_bytes "$server_pid")
  sleep 1
  local before; before=$(rss_bytes "$server_pid")
  coproc IDLE { python3 "$work/idle.py" "$port" "$idle_connections"; }
  local line=""
  read -r line <&"${IDLE[0]}" || true
  if [ "$line" = ready ]; then
    sleep 1
    idle_b[$name]=$(( ($(rss_bytes "$server_pid") - before) / idle_connections ))
  else
    idle_b[$name]=-1
  fi
  local idle_pid=$IDLE_PID idle_in=${IDLE[1]}
  exec {idle_in}>&- # the client closes its connections and exits
  wait "$idle_pid" 2>/dev/null || true
  stop
  names+=("$name")
  printf 'bench-minimal: %-15s round 1: %s req/s, baseline %s B, %s B per idle connection\n' \
    "$name" "${rps[$name]}" "${base[$name]}" "${idle_b[$name]}" >&2
}

echo "bench-minimal: servers on CPU $server_cpu (1 thread), wrk -t1 on CPU $client_cpu;" \
  "-c64 ${duration}s best of $rounds, -c256 ${load256_seconds}s, $idle_connections idle" >&2
for contender in $contenders; do
  case $contender in
    csharp-minimal) measure csharp-minimal "$fw_minimal" serve --engine minimal ;;
    csharp-kestrel) measure csharp-kestrel "$fw" serve --engine kestrel ;;
    go-nethttp|rust-hyper)
      if [ -x "$root/artifacts/x64/$contender" ]; then measure "$contender" "$root/artifacts/x64/$contender"
      else echo "bench-minimal: skipping $contender: artifacts/x64/$contender not built (scripts/build-contenders.sh x64 artifacts/x64)" >&2; fi ;;
    *) die "unknown contender $contender (csharp-minimal csharp-kestrel go-nethttp rust-hyper)" ;;
  esac
done

for round in $(seq 2 "$rounds"); do
  for name in "${names[@]}"; do
    # shellcheck disable=SC2086 # the stored command line is words by design
    start "$name" ${command[$name]}
    best_rps "$name"
    stop
  done
  echo "bench-minimal: after round $round, best: $(for n in "${names[@]}"; do printf '%s %s  ' "$n" "${rps[$n]}"; done)" >&2
done

bytes_mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
ratio() { # numerator denominator -> "1.23x" or "-"
  if [ -n "${2:-}" ] && [ "${2:-0}" -gt 0 ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; else echo "-"; fi
}
echo
printf '%-15s %10s %10s %10s %13s %10s %21s %12s | %8s %8s %8s %8s %8s %8s\n' contender baseline "best req/s" "req/cpu-s" \
  "syscalls/req" "after run" "after 256c (x base)" "B/idle conn" "rps/go" "rps/rust" "cpu/go" "cpu/rust" "rss/go" "rss/rust"
for name in "${names[@]}"; do
  printf '%-15s %10s %10s %10s %13s %10s %21s %12s | %8s %8s %8s %8s %8s %8s\n' "$name" "$(bytes_mb "${base[$name]}")" "${rps[$name]}" "${cpu_rps[$name]}" \
    "${syscalls[$name]}" "$(bytes_mb "${after_run[$name]}")" "$(bytes_mb "${after256[$name]}") ($(ratio "${after256[$name]}" "${base[$name]}"))" "${idle_b[$name]}" \
    "$(ratio "${rps[$name]}" "${rps[go-nethttp]:-}")" "$(ratio "${rps[$name]}" "${rps[rust-hyper]:-}")" \
    "$(ratio "${cpu_rps[$name]}" "${cpu_rps[go-nethttp]:-}")" "$(ratio "${cpu_rps[$name]}" "${cpu_rps[rust-hyper]:-}")" \
    "$(ratio "${base[$name]}" "${base[go-nethttp]:-}")" "$(ratio "${base[$name]}" "${base[rust-hyper]:-}")"
done

[ "$scaling" = 1 ] || exit 0
# --- scaling 1 -> 2 loops: both cores shared by the server and wrk -t2, rounds taken in turn, best of ROUNDS ---------
declare -A srps scpu
echo >&2
echo "bench-minimal: scaling: servers unpinned with --threads 1 and 2, wrk -t2 -c64 unpinned; ${duration}s best of $rounds" >&2
for round in $(seq "$rounds"); do
  for name in "${names[@]}"; do
    for threads in 1 2; do
      # shellcheck disable=SC2086 # the stored command line is words by design
      THREADS=$threads CPUS=0-1 start "$name" ${command[$name]}
      [ "$warmup" -gt 0 ] && measured_rps 64 "$warmup" "$port" 2 0-1 > /dev/null
      r=$(measured_rps 64 "$duration" "$port" 2 0-1); r=${r:-0}; c=$(cat "$work/cpu_rps"); c=${c:-0}
      [ "$r" -gt "${srps[$name/$threads]:-0}" ] && srps[$name/$threads]=$r
      [ "$c" -gt "${scpu[$name/$threads]:-0}" ] && scpu[$name/$threads]=$c
      stop
    done
  done
done
echo
printf '%-15s %12s %12s %8s %12s %12s %8s | %10s %10s\n' contender "req/s 1t" "req/s 2t" "2t/1t" "req/cpu-s 1t" "req/cpu-s 2t" "2t/1t" \
  "2t rps/rust" "2t cpu/rust"
for name in "${names[@]}"; do
  printf '%-15s %12s %12s %8s %12s %12s %8s | %10s %10s\n' "$name" "${srps[$name/1]}" "${srps[$name/2]}" "$(ratio "${srps[$name/2]}" "${srps[$name/1]}")" \
    "${scpu[$name/1]}" "${scpu[$name/2]}" "$(ratio "${scpu[$name/2]}" "${scpu[$name/1]}")" \
    "$(ratio "${srps[$name/2]}" "${srps[rust-hyper/2]:-}")" "$(ratio "${scpu[$name/2]}" "${scpu[rust-hyper/2]:-}")"
done
