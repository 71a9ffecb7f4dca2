# Sourced by every benchmark script. They run servers on loopback only, one at a time, pinned to a core:
#   $work          a scratch folder, removed on exit (kept when KEEP names one)
#   BENCH_PIDS     every process started for the run; all are stopped on exit, Ctrl-C included (exit 130)
#   free_port, start_pinned, wait_listening, stop_server   finding a port, starting and stopping a server
#   rss_bytes, rss_kb, pss_kb, wrk_rps, median, mb, ratio         measuring it and printing the figures
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
BENCH_PIDS=()
bench_cleanup() {
  local p
  for p in "${BENCH_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# free_port: a loopback port the kernel considers free now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

listening() { [ -n "$(ss -ltnH "sport = :$1")" ]; }

# wait_listening PID PORT LOG: until PORT accepts (10 s); says why not, with the server's LOG, when it does not.
wait_listening() {
  local pid=$1 port=$2 log=$3
  for _ in $(seq 200); do
    listening "$port" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "bench: the server exited before listening on $port:" >&2; tail -20 "$log" >&2; return 1; }
    sleep 0.05
  done
  echo "bench: nothing listened on $port within 10 s:" >&2; tail -20 "$log" >&2; return 1
}

# start_pinned CORE PORT CMD...: starts CMD on CORE (output in $work/server-PORT.log), waits until PORT accepts;
# sets SERVER_PID.
start_pinned() {
  local core=$1 port=$2; shift 2
  taskset -c "$core" "$@" >"$work/server-$port.log" 2>&1 &
  SERVER_PID=$!; BENCH_PIDS+=("$SERVER_PID")
  wait_listening "$SERVER_PID" "$port" "$work/server-$port.log"
}

stop_server() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# rss_bytes PID: resident set summed over the process and its children (a `watch`ed server). Rss of smaps_rollup, as
# the firmware's sampler reads it: VmRSS lags for multi-threaded processes before Linux 6.2.
rss_bytes() {
  local total=0 kb c
  for c in "$1" $(pgrep -P "$1" || true); do
    kb=$(awk '/^Rss:/ {print $2}' "/proc/$c/smaps_rollup" 2>/dev/null || echo 0); total=$((total + ${kb:-0}))
  done
  echo $((total * 1024))
}
rss_kb() { echo $(( $(rss_bytes "$1") / 1024 )); }
# pss_kb PID: its proportional set (kB): shared pages (a dynamically linked libc) count by their share, not whole.
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

# wrk_rps CORE URL CONNECTIONS SECONDS: requests/s from wrk pinned to CORE.
wrk_rps() { taskset -c "$1" wrk -t1 -c"$3" -d"$4"s "$2" 2>/dev/null | awk '/^Requests\/sec/ {printf "%d", $2}'; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else printf "%d", (a[NR/2]+a[NR/2+1])/2}'; }

mb() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb/1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b==0) print "-"; else printf "%.2f", a/b}'; }
