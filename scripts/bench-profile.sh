#!/usr/bin/env bash
# Kestrel and the others as a careful user runs them on a small board: the same bench twice, `--profile default`
# (every runtime as it ships) then `--profile constrained` (each runtime's documented memory limit for one budget:
# DOTNET_GCHeapHardLimit + DOTNET_GCConserveMemory, GOMEMLIMIT + GOGC, nothing for Rust), then `devicebench compare`
# of the two: baseline and peak RSS, req/s and p99 of every contender side by side, constrained over default.
# usage: scripts/bench-profile.sh [--no-build] [devicebench bench options...]
#   default options: --rounds 1 --rates 1000 --warmup 5s --max-duration 15s --rate-duration 5s (64 connections);
#   options given replace them, e.g. --board qemu:pi4 --rounds 1 --rates 200, or --memory 64M (cgroup cap and budget).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=1
if [ "${1:-}" = --no-build ]; then build=0; shift; fi
options=("$@"); [ ${#options[@]} -gt 0 ] || options=(--rounds 1 --rates 1000 --warmup 5s --max-duration 15s --rate-duration 5s)
arch=x64; [ "$(uname -m)" = aarch64 ] && arch=arm64
for a in "${options[@]}"; do case "$a" in qemu*|--board=qemu*) arch="$arch arm64" ;; esac; done
if [ "$build" = 1 ]; then
  bash scripts/setup.sh >/dev/null
  bash scripts/build.sh $arch
  dotnet build host/DeviceBench.Cli -c Release --nologo -v quiet
fi
devicebench=(dotnet host/DeviceBench.Cli/bin/Release/net10.0/devicebench.dll)
results=$(mktemp -d "${TMPDIR:-/tmp}/bench-profile.XXXXXX")
for profile in default constrained; do
  echo "bench-profile: --profile $profile ${options[*]}"
  "${devicebench[@]}" bench --profile "$profile" --results "$results/$profile" "${options[@]}" >"$results/$profile.log" 2>&1 \
    || { echo "bench-profile: the $profile run did not complete (exit $?): $results/$profile.log" >&2; tail -3 "$results/$profile.log" >&2; exit 1; }
done
echo
# A = default, B = constrained: B/A below 1.00x is memory the constrained profile saved.
"${devicebench[@]}" compare "$results"/default/* "$results"/constrained/*
echo "runs and reports: $results"
