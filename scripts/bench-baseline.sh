#!/usr/bin/env bash
# What each build choice of the lean board build (artifacts/<arch>/fw-minimal) takes off the minimal engine's idle
# baseline, side by side in one run (x64): each build is published into artifacts/bench-baseline/, started on CPU 0
# reporting to a pty (as on a board), and its Rss (smaps_rollup) read SETTLE seconds after it listens; median of ROUNDS.
#   full            fw: both engines, display support, dynamically linked
#   lean-dynamic    -p:KestrelSupport=false (display support in, glibc shared)
#   lean-static     + -p:StaticExecutable=true (lld; libc bound at link time)
#   lean (shipped)  + -p:DisplaySupport=false — -p:BuildFlavor=lean, what scripts/build.sh publishes
# Go's server is measured the same way for reference.
#   usage: scripts/bench-baseline.sh      env: ROUNDS=3 SETTLE=5
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${ROUNDS:-3} settle=${SETTLE:-5}
source "$root/scripts/lib/bench.sh"
for tool in socat taskset; do command -v "$tool" >/dev/null || { echo "bench-baseline: $tool not found: run scripts/setup.sh" >&2; exit 1; }; done
out=$root/artifacts/bench-baseline
lean=(-p:KestrelSupport=false)
publish() { # name flavour flags...
  local name=$1 flavour=$2; shift 2
  echo "bench-baseline: publishing $name" >&2
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r linux-x64 -o "$out/$name" --nologo -v quiet \
    -p:DebugSymbols=false -p:BuildFlavor="$flavour" "$@" >&2
}
publish full "" 
publish lean-dynamic baseline-ld "${lean[@]}"
publish lean-static baseline-ls "${lean[@]}" -p:StaticExecutable=true
publish lean lean
[ -x "$root/artifacts/x64/go-nethttp" ] || bash "$root/scripts/build-contenders.sh" x64 "$root/artifacts/x64" >&2

pty_dir=$(mktemp -d); socat "pty,raw,echo=0,link=$pty_dir/board" "pty,raw,echo=0,link=$pty_dir/host" & BENCH_PIDS+=($!)
sleep 0.5; cat "$pty_dir/host" >/dev/null & BENCH_PIDS+=($!)
names=(full lean-dynamic lean-static lean go-nethttp)
declare -A kb
for name in "${names[@]}"; do
  samples=()
  for _ in $(seq "$rounds"); do
    port=$(free_port)
    if [ "$name" = go-nethttp ]; then start_pinned 0 "$port" "$root/artifacts/x64/go-nethttp" --port "$port" --threads 1
    else start_pinned 0 "$port" "$out/$name/devicebench-fw" serve --engine minimal --threads 1 --serial "$pty_dir/board" --serial-required --port "$port"; fi
    sleep "$settle"
    samples+=("$(rss_kb "$SERVER_PID")")
    stop_server "$SERVER_PID"
  done
  kb[$name]=$(printf '%s\n' "${samples[@]}" | median)
done
printf '\n%-14s %12s %12s %10s\n' build "baseline kB" "step kB" "vs go"
previous=""
for name in "${names[@]}"; do
  step=-; [ -n "$previous" ] && [ "$name" != go-nethttp ] && step=$(( kb[$name] - kb[$previous] ))
  printf '%-14s %12s %12s %10s\n' "$name" "${kb[$name]}" "$step" "$(ratio "${kb[$name]}" "${kb[go-nethttp]}")"
  previous=$name
done
echo "minimal engine serving, reporting to a pty every second; Rss ${settle}s after listening, median of $rounds"
