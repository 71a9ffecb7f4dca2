#!/usr/bin/env bash
# The main job: set up, build the contenders for this machine, and run the comparison.
# usage: scripts/bench.sh [devicebench bench options...]   e.g. --rounds 1, --board qemu:pi4, --memory 256M
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh >/dev/null
arch=x64; [ "$(uname -m)" = aarch64 ] && arch=arm64
for a in "$@"; do case "$a" in qemu*|--board=qemu*) arch="$arch arm64" ;; esac; done
bash scripts/build.sh $arch
dotnet build host/DeviceBench.Cli -c Release --nologo -v quiet
exec dotnet host/DeviceBench.Cli/bin/Release/net10.0/devicebench.dll bench "$@"
