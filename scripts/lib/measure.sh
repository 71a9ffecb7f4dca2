# Shared by the benchmark scripts: start a server pinned to a core, read its memory, drive it with wrk.
# Loopback only. Source it; every server started is stopped by the EXIT trap.
BENCH_PIDS=()
bench_cleanup() { for p in "${BENCH_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap bench_cleanup EXIT

# free_port: a port the kernel considers free now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }

# start_pinned CORE PORT CMD...: starts CMD on CORE, waits until PORT accepts; sets SERVER_PID.
start_pinned() {
  local core=$1 port=$2; shift 2
  taskset -c "$core" "$@" >/dev/null 2>&1 &
  SERVER_PID=$!; BENCH_PIDS+=("$SERVER_PID")
  for _ in $(seq 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: $* exited before listening" >&2; return 1; }
    sleep 0.05
  done
  echo "bench: $* did not listen on $port" >&2; return 1
}

stop_server() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# rss_kb PID: resident set in kB, summed over the process and its children (a `watch`ed server). Rss of smaps_rollup,
# as the firmware's sampler reads it: VmRSS lags for multi-threaded processes before Linux 6.2.
rss_kb() { local pid=$1 total=0 kb c
  for c in "$pid" $(pgrep -P "$pid" || true); do kb=$(awk '/^Rss:/ {print $2}' "/proc/$c/smaps_rollup" 2>/dev/null || echo 0); total=$((total + ${kb:-0})); done
  echo "$total"; }

# wrk_rps CORE URL CONNECTIONS SECONDS: requests/s from wrk pinned to CORE.
wrk_rps() { taskset -c "$1" wrk -t1 -c"$3" -d"$4"s "$2" 2>/dev/null | awk '/^Requests\/sec/ {printf "%d", $2}'; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else printf "%d", (a[NR/2]+a[NR/2+1])/2}'; }

mb() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb/1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b==0) print "-"; else printf "%.2f", a/b}'; }
