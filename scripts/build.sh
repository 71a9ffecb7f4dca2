#!/usr/bin/env bash
# Builds every deployable thing for one architecture into artifacts/<arch>/:
#   fw/devicebench-fw (+ libSystem.IO.Ports.Native.so), rust-hyper, go-nethttp, and manifest.tsv.
# usage: scripts/build.sh [x64|arm64]...   (default: x64 arm64)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
archs=("$@"); [ ${#archs[@]} -gt 0 ] || archs=(x64 arm64)

for arch in "${archs[@]}"; do
  case "$arch" in x64|arm64) ;; *) echo "build: unknown architecture '$arch' (x64 or arm64)" >&2; exit 2 ;; esac
  out="$root/artifacts/$arch"
  mkdir -p "$out"
  echo "build: devicebench-fw linux-$arch (Native AOT)"
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r "linux-$arch" -o "$out/fw" --nologo -v quiet -p:DebugSymbols=false
  echo "build: devicebench-fw linux-$arch, lean (minimal engine only)"
  # Separate obj/bin: the lean build restores without the ASP.NET Core framework reference.
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r "linux-$arch" -o "$out/fw-minimal" --nologo -v quiet -p:DebugSymbols=false \
    -p:KestrelSupport=false -p:BuildFlavor=lean
  rm -f "$out/fw/"*.pdb "$out/fw/"*.dbg "$out/fw-minimal/"*.pdb "$out/fw-minimal/"*.dbg
  "$root/scripts/manifest.sh" "$out" devicebench-fw "$arch" "dotnet $(dotnet --version) NativeAOT" "$out/fw/devicebench-fw"
  "$root/scripts/manifest.sh" "$out" devicebench-fw-minimal "$arch" "dotnet $(dotnet --version) NativeAOT, KestrelSupport=false" "$out/fw-minimal/devicebench-fw"
  # System.IO.Ports' native shim ships beside each firmware binary; a deploy copies what the manifest lists.
  for fw in fw fw-minimal; do
    "$root/scripts/manifest.sh" "$out" "$fw.ports-native" "$arch" "System.IO.Ports" "$out/$fw/libSystem.IO.Ports.Native.so"
  done
  bash "$root/scripts/build-contenders.sh" "$arch" "$out"
done
