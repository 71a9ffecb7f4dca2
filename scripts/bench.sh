#!/usr/bin/env bash
# The main job: set up, build the contenders for this machine, and run the comparison.
# usage: scripts/bench.sh [--scenario seed] [devicebench bench options...]   e.g. --rounds 1, --board qemu:pi4, --memory 256M
#   --scenario seed: what the seed post's claim table needs (devicebench claims): clean builds timed (build.sh --clean),
#   the connection ladder to 10,000 (--connections-ladder 1 100 1000 10000) and the knee at p99=2ms (--slo p99=2ms),
#   then the claim table of the run. Options given after it add to or override those.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scenario= results=results build_flags=() args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) [ $# -ge 2 ] || { echo "bench.sh: --scenario needs a name (seed)" >&2; exit 2; }; scenario=$2; shift 2; continue ;;
    --scenario=*) scenario=${1#*=}; shift; continue ;;
    --results) [ $# -lt 2 ] || results=$2 ;;
    --results=*) results=${1#*=} ;;
  esac
  args+=("$1"); shift
done
case "$scenario" in
  "") ;;
  seed) build_flags=(--clean); args=(--slo p99=2ms --connections-ladder 1 100 1000 10000 "${args[@]}") ;;
  *) echo "bench.sh: unknown scenario '$scenario' (known: seed)" >&2; exit 2 ;;
esac
bash scripts/setup.sh >/dev/null
arch=x64; [ "$(uname -m)" = aarch64 ] && arch=arm64
for a in "${args[@]}"; do case "$a" in qemu*|--board=qemu*) arch="$arch arm64" ;; esac; done
bash scripts/build.sh "${build_flags[@]}" $arch
dotnet build host/DeviceBench.Cli -c Release --nologo -v quiet
cli=host/DeviceBench.Cli/bin/Release/net10.0/devicebench.dll
[ -n "$scenario" ] || exec dotnet "$cli" bench "${args[@]}"
status=0
dotnet "$cli" bench "${args[@]}" || status=$?
run=$(ls -td "$results"/*/ 2>/dev/null | head -n1)
[ -z "$run" ] || [ ! -f "$run/run.json" ] || dotnet "$cli" claims "$run" || true
exit "$status"
