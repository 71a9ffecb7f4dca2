#!/usr/bin/env bash
# Builds every deployable thing for one architecture into artifacts/<arch>/:
#   fw/devicebench-fw (both engines), fw-minimal/devicebench-fw (lean, static), rust-hyper, go-nethttp, manifest.tsv.
# Each artifact's build wall time goes into the manifest; with --clean every build starts from nothing (no obj, target
# or compiler cache; packages and crates already on disk), the clean build time the bench's claim table compares.
# usage: scripts/build.sh [--clean] [x64|arm64]...   (default: x64 arm64)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
clean=no
archs=()
for a in "$@"; do if [ "$a" = --clean ]; then clean=yes; else archs+=("$a"); fi; done
[ ${#archs[@]} -gt 0 ] || archs=(x64 arm64)
export BUILD_CLEAN=$clean
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
fw_clean() { [ "$clean" = no ] || rm -rf "$root"/firmware/DeviceBench.Firmware/{obj,bin} "$root"/firmware/DeviceBench.Protocol/{obj,bin}; }

for arch in "${archs[@]}"; do
  case "$arch" in x64|arm64) ;; *) echo "build: unknown architecture '$arch' (x64 or arm64)" >&2; exit 2 ;; esac
  out="$root/artifacts/$arch"
  mkdir -p "$out"
  rm -f "$out/manifest.tsv" # written anew below: a file an older build listed is not deployed
  echo "build: devicebench-fw linux-$arch (Native AOT)"
  fw_clean; t=$(now)
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r "linux-$arch" -o "$out/fw" --nologo -v quiet -p:DebugSymbols=false
  fw_seconds=$(since "$t")
  echo "build: devicebench-fw linux-$arch, lean (minimal engine only, no display, statically linked)"
  # BuildFlavor=lean: no Kestrel, no display support, static (the project file says what each saves); the full
  # build (fw) drives displays.
  fw_clean; t=$(now)
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r "linux-$arch" -o "$out/fw-minimal" --nologo -v quiet -p:DebugSymbols=false \
    -p:BuildFlavor=lean
  lean_seconds=$(since "$t")
  # Iot.Device.Bindings brings System.IO.Ports' native shim along; the firmware writes its serial line through termios.
  rm -f "$out/fw/"*.pdb "$out/fw/"*.dbg "$out/fw-minimal/"*.pdb "$out/fw-minimal/"*.dbg "$out"/fw*/libSystem.IO.Ports.Native.so
  "$root/scripts/manifest.sh" "$out" devicebench-fw "$arch" "dotnet $(dotnet --version) NativeAOT" "$out/fw/devicebench-fw" \
    "full: both engines (minimal, Kestrel), display support" "$fw_seconds" "$clean"
  "$root/scripts/manifest.sh" "$out" devicebench-fw-minimal "$arch" "dotnet $(dotnet --version) NativeAOT" "$out/fw-minimal/devicebench-fw" \
    "lean (BuildFlavor=lean): minimal engine only, no display, statically linked" "$lean_seconds" "$clean"
  bash "$root/scripts/build-contenders.sh" "$arch" "$out"
done
