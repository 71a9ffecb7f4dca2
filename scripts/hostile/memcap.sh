#!/usr/bin/env bash
# Every contender under a hard memory cap (a cgroup of its own, v2 or v1), driven at 256 connections: does it keep
# serving, or does the kernel's OOM killer end it? Per contender and cap it prints:
#   cap        the cgroup's limit (memory.max / memory.limit_in_bytes), swap capped to the same
#   charged    the most memory the kernel charged to the group (memory.peak / memory.max_usage_in_bytes)
#   RSS peak   the process's VmHWM (only while it is alive to ask)
#   req/s      wrk -t1 -c256 for DURATION seconds on the other core
#   errors     wrk's socket errors and non-2xx responses
#   alive      whether the server was still running afterwards
#   OOM kills  memory.events oom_kill (v2) or memory.oom_control oom_kill (v1)
# The server runs on CPU 0 with one worker, wrk on CPU 1. The C# engines' own test is tests/.../Hostile/MemoryCapTests.cs.
#   usage: scripts/hostile/memcap.sh [CAP_MIB...]     default caps: 6 16       env: DURATION=5 CONNECTIONS=256
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/scripts/lib/bench.sh"
duration=${DURATION:-5}
connections=${CONNECTIONS:-256}
caps=("$@"); [ ${#caps[@]} -gt 0 ] || caps=(6 16)
die() { echo "memcap: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root to create cgroups"
for tool in wrk taskset python3; do command -v "$tool" >/dev/null || die "$tool not found: run scripts/setup.sh"; done
art=$root/artifacts/x64
[ -x "$art/fw/devicebench-fw" ] || die "$art/fw/devicebench-fw is missing: run scripts/build.sh x64"

# The cgroup flavour, as the host's CgroupLimits picks it: v2 first, then v1's memory hierarchy.
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ] && grep -qw memory $cg/cgroup.controllers; then
  mode=v2; echo +memory > $cg/cgroup.subtree_control 2>/dev/null || true
elif [ -f $cg/memory/memory.limit_in_bytes ]; then mode=v1
else die "no memory cgroup controller under $cg"; fi

group=""
make_group() { # NAME BYTES: sets $group
  if [ $mode = v2 ]; then group=$cg/devicebench-memcap-$$-$1; mkdir -p "$group"; echo "$2" > "$group/memory.max"
    [ -f "$group/memory.swap.max" ] && echo 0 > "$group/memory.swap.max"
  else group=$cg/memory/devicebench-memcap-$$-$1; mkdir -p "$group"; echo "$2" > "$group/memory.limit_in_bytes"
    [ -f "$group/memory.memsw.limit_in_bytes" ] && echo "$2" > "$group/memory.memsw.limit_in_bytes"; fi; }
charged_kb() { local f=$group/memory.peak; [ $mode = v1 ] && f=$group/memory.max_usage_in_bytes
  [ -f "$f" ] && echo $(( $(cat "$f") / 1024 )) || echo 0; }
oom_kills() { local f=$group/memory.events; [ $mode = v1 ] && f=$group/memory.oom_control
  awk '$1 == "oom_kill" {print $2; found=1} END {if (!found) print 0}' "$f"; }
trap 'bench_cleanup; [ -n "$group" ] && rmdir "$group" 2>/dev/null; true' EXIT

contender_cmd() { # NAME PORT
  case $1 in
    csharp-minimal) echo "$art/fw-minimal/devicebench-fw serve --engine minimal --port $2 --threads 1 --address 127.0.0.1" ;;
    csharp-kestrel) echo "$art/fw/devicebench-fw serve --engine kestrel --port $2 --threads 1 --address 127.0.0.1" ;;
    *) echo "$art/$1 --port $2 --threads 1" ;;
  esac; }

echo "memcap: cgroup $mode, ${connections} connections, ${duration} s of wrk per run, server on CPU 0, wrk on CPU 1"
printf '%-15s %6s %10s %10s %9s %8s %6s %9s\n' contender cap charged "RSS peak" req/s errors alive "OOM kills"
for cap in "${caps[@]}"; do
  for name in csharp-minimal csharp-kestrel rust-hyper go-nethttp; do
    case $name in csharp-*) ;; *) [ -x "$art/$name" ] || { echo "memcap: $name not built, skipped" >&2; continue; } ;; esac
    port=$(free_port)
    make_group "$name" $((cap << 20))
    # The server joins its group before it execs, so nothing it allocates escapes the cap. Disowned: bash still reaps
    # it, but an OOM kill is reported in the table rather than as a "Killed" line from the shell.
    sh -c 'echo $$ > "$0/cgroup.procs" 2>/dev/null || echo $$ > "$0/tasks"; exec "$@"' "$group" taskset -c 0 $(contender_cmd "$name" "$port") >/dev/null 2>&1 &
    pid=$!; disown "$pid"
    BENCH_PIDS+=("$pid")
    for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
    out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" "http://127.0.0.1:$port/" 2>&1 || true)
    rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out")
    errors=$(awk '/Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {s += $NF} END {print s + 0}' <<<"$out")
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    alive=no; kill -0 "$pid" 2>/dev/null && alive=yes
    printf '%-15s %5sM %10s %10s %9s %8s %6s %9s\n' "$name" "$cap" "$(mb "$(charged_kb)") MB" "$([ -n "$hwm" ] && echo "$(mb "$hwm") MB" || echo -)" \
      "${rps:-0}" "$errors" "$alive" "$(oom_kills)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rmdir "$group" 2>/dev/null || true; group=""
  done
done
