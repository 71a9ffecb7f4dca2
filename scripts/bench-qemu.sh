#!/usr/bin/env bash
# The whole comparison on the emulated arm64 board: builds the arm64 artifacts when missing, then runs
# `devicebench bench --board qemu:PROFILE`. The host assembles the board's image from Debian's arm64 packages
# (cached under artifacts/qemu/cache/) and boots it once; all four contenders run in the guest, one at a time.
# Memory figures are arm64 Linux's own; throughput and latency under emulation are NOT a real board's.
#   usage: scripts/bench-qemu.sh [PROFILE] [bench options...]   PROFILE: pi-zero-2w | pi3 | pi4 (default) | pi5
#   e.g.   scripts/bench-qemu.sh pi-zero-2w --rounds 1 --max-duration 5s --rate-duration 5s
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile=pi4
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then profile=$1; shift; fi
for tool in qemu-system-aarch64 cpio dpkg-deb apt-get; do
  command -v "$tool" >/dev/null || { echo "bench-qemu: $tool not found: run scripts/setup.sh" >&2; exit 1; }
done
[ -f "$root/artifacts/arm64/manifest.tsv" ] || "$root/scripts/build.sh" arm64
cd "$root"
exec dotnet run --project host/DeviceBench.Cli -c Release -- bench --board "qemu:$profile" --artifacts artifacts "$@"
