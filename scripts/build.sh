#!/usr/bin/env bash
# Builds every deployable thing for one architecture into artifacts/<arch>/:
#   fw/devicebench-fw (both engines), fw-minimal/devicebench-fw (lean, static), rust-hyper, go-nethttp, manifest.tsv.
# usage: scripts/build.sh [x64|arm64]...   (default: x64 arm64)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
archs=("$@"); [ ${#archs[@]} -gt 0 ] || archs=(x64 arm64)

for arch in "${archs[@]}"; do
  case "$arch" in x64|arm64) ;; *) echo "build: unknown architecture '$arch' (x64 or arm64)" >&2; exit 2 ;; esac
  out="$root/artifacts/$arch"
  mkdir -p "$out"
  rm -f "$out/manifest.tsv" # written anew below: a file an older build listed is not deployed
  echo "build: devicebench-fw linux-$arch (Native AOT)"
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r "linux-$arch" -o "$out/fw" --nologo -v quiet -p:DebugSymbols=false
  echo "build: devicebench-fw linux-$arch, lean (minimal engine only, no display, statically linked)"
  # BuildFlavor=lean: no Kestrel, no display support, static (the project file says what each saves); the full
  # build (fw) drives displays.
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r "linux-$arch" -o "$out/fw-minimal" --nologo -v quiet -p:DebugSymbols=false \
    -p:BuildFlavor=lean
  # Iot.Device.Bindings brings System.IO.Ports' native shim along; the firmware writes its serial line through termios.
  rm -f "$out/fw/"*.pdb "$out/fw/"*.dbg "$out/fw-minimal/"*.pdb "$out/fw-minimal/"*.dbg "$out"/fw*/libSystem.IO.Ports.Native.so
  "$root/scripts/manifest.sh" "$out" devicebench-fw "$arch" "dotnet $(dotnet --version) NativeAOT" "$out/fw/devicebench-fw" \
    "full: both engines (minimal, Kestrel), display support"
  "$root/scripts/manifest.sh" "$out" devicebench-fw-minimal "$arch" "dotnet $(dotnet --version) NativeAOT" "$out/fw-minimal/devicebench-fw" \
    "lean (BuildFlavor=lean): minimal engine only, no display, statically linked"
  bash "$root/scripts/build-contenders.sh" "$arch" "$out"
done
