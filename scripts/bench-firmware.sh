#!/usr/bin/env bash
# What the firmware costs, measured side by side in one run on this machine:
# every server pinned to core 0 with one worker, wrk -t1 on core 1, 64 connections, loopback only.
#   - baseline RSS (after READY, before any request) and req/s for both C# engines, Go and Rust;
#   - the report sinks' cost: serial (a real pty at a 1 s interval) on vs off;
#   - display support's cost: baseline RSS of the default build vs a build without it;
#   - what compiling Kestrel in costs the minimal engine: the full build vs the lean one.
# usage: scripts/bench-firmware.sh [--seconds 10] [--rounds 3] [--no-build]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/bench.sh"
seconds=10 rounds=3 build=1
while [ $# -gt 0 ]; do case "$1" in
  --seconds) seconds=$2; shift 2 ;; --rounds) rounds=$2; shift 2 ;; --no-build) build=0; shift ;;
  *) echo "usage: $0 [--seconds N] [--rounds N] [--no-build]" >&2; exit 2 ;; esac; done
[ "$(nproc)" -ge 2 ] || { echo "bench: needs 2 cores (server on one, wrk on the other)" >&2; exit 1; }
a="$root/artifacts/x64"
if [ "$build" = 1 ]; then
  bash "$root/scripts/setup.sh" >/dev/null
  bash "$root/scripts/build.sh" x64
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r linux-x64 -o "$a/fw-nodisplay" --nologo -v quiet \
    -p:DisplaySupport=false -p:DebugSymbols=false -p:BuildFlavor=nodisplay
fi
fw="$a/fw/devicebench-fw"
pty_dir=$(mktemp -d); socat "pty,raw,echo=0,link=$pty_dir/board" "pty,raw,echo=0,link=$pty_dir/host" & BENCH_PIDS+=($!)
sleep 0.5; cat "$pty_dir/host" >/dev/null & BENCH_PIDS+=($!)

declare -A cmd=(
  [go-nethttp]="$a/go-nethttp --threads 1 --port"
  [rust-hyper]="$a/rust-hyper --threads 1 --port"
  [kestrel]="$fw serve --engine kestrel --threads 1 --serial none --port"
  [kestrel+serial]="$fw serve --engine kestrel --threads 1 --serial $pty_dir/board --serial-required --port"
  [minimal]="$a/fw-minimal/devicebench-fw serve --engine minimal --threads 1 --serial none --port"
  [minimal+serial]="$a/fw-minimal/devicebench-fw serve --engine minimal --threads 1 --serial $pty_dir/board --serial-required --port"
  [minimal-fullbuild]="$fw serve --engine minimal --threads 1 --serial none --port"
  [kestrel-nodisplay]="$a/fw-nodisplay/devicebench-fw serve --engine kestrel --threads 1 --serial none --port"
  [minimal-nodisplay]="$a/fw-nodisplay/devicebench-fw serve --engine minimal --threads 1 --serial none --port"
)
order=(go-nethttp rust-hyper kestrel kestrel+serial minimal minimal+serial minimal-fullbuild kestrel-nodisplay minimal-nodisplay)
declare -A base rps after
for round in $(seq "$rounds"); do
  for name in "${order[@]}"; do
    read -r -a c <<< "${cmd[$name]}"
    [ -x "${c[0]}" ] || { echo "bench: ${c[0]} missing — run scripts/build.sh x64" >&2; exit 1; }
    port=$(free_port)
    start_pinned 0 "$port" "${c[@]}" "$port"
    sleep 1
    base[$name]+="$(rss_kb "$SERVER_PID") "
    rps[$name]+="$(wrk_rps 1 "http://127.0.0.1:$port/" 64 "$seconds") "
    after[$name]+="$(rss_kb "$SERVER_PID") "
    stop_server "$SERVER_PID"
    echo "round $round: $name done" >&2
  done
done

m() { echo "$1" | tr ' ' '\n' | grep . | median; }
printf '\n%-18s %12s %12s %14s\n' contender "baseline MB" "req/s" "after load MB"
for name in "${order[@]}"; do
  printf '%-18s %12s %12s %14s\n' "$name" "$(mb "$(m "${base[$name]}")")" "$(m "${rps[$name]}")" "$(mb "$(m "${after[$name]}")")"
done
go=$(m "${rps[go-nethttp]}")
echo
echo "medians of $rounds rounds, ${seconds}s each, 64 connections, server on core 0, wrk on core 1"
echo "kestrel baseline: $(mb "$(m "${base[kestrel]}")") MB (target <= 14 MB)"
echo "kestrel / go throughput: $(ratio "$(m "${rps[kestrel]}")" "$go") (target >= 0.8)"
echo "minimal / go throughput: $(ratio "$(m "${rps[minimal]}")" "$go")   minimal / rust: $(ratio "$(m "${rps[minimal]}")" "$(m "${rps[rust-hyper]}")")"
echo "serial sink on / off throughput: kestrel $(ratio "$(m "${rps[kestrel+serial]}")" "$(m "${rps[kestrel]}")"), minimal $(ratio "$(m "${rps[minimal+serial]}")" "$(m "${rps[minimal]}")") (target >= 0.98)"
echo "display support baseline cost (full build with vs without): kestrel $(( $(m "${base[kestrel]}") - $(m "${base[kestrel-nodisplay]}") )) kB, minimal $(( $(m "${base[minimal-fullbuild]}") - $(m "${base[minimal-nodisplay]}") )) kB"
echo "Kestrel compiled in, minimal serving (full build vs lean): $(( $(m "${base[minimal-fullbuild]}") - $(m "${base[minimal]}") )) kB of baseline"
if ls /dev/gpiochip* >/dev/null 2>&1; then echo "GPIO: a gpiochip exists; run with --gpio-marker on the board to measure the marker pin's cost"
else echo "GPIO sink: no gpiochip on this machine — its cost is not measured here (the emulated board has one)"; fi
