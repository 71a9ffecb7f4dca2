#!/usr/bin/env bash
# Installs everything DeviceBench needs on a fresh Debian 12 (bookworm) machine.
# Idempotent: packages already present are skipped by apt. Uses sudo when not root.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# arm64 multiarch: Rust's arm64 std and the emulated board's userland come from Debian's arm64 archive.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then $SUDO dpkg --add-architecture arm64; fi

packages=(
  # Native AOT (x64 and arm64 cross) and the contenders' toolchains
  clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
  golang-go cargo rustc librust-hyper-dev librust-tokio-dev libstd-rust-dev:arm64
  # arm64 glibc at /lib/aarch64-linux-gnu: qemu-aarch64 runs the arm64 builds against it (ld.so and libc from one package;
  # mixing the cross package's ld.so with this libc hangs pthread_create under qemu-user)
  libc6:arm64
  # running and measuring: arm64 user-mode emulation, pty pairs, the reference load generator, ss (listening ports),
  # strace (system calls per request in scripts/bench-minimal.sh)
  qemu-user socat wrk file procps util-linux iproute2 strace
  # the emulated arm64 board (kernel, busybox, libgpiod come from Debian's arm64 archive at run time)
  qemu-system-arm cpio
  # the SSH board's tests run a real OpenSSH server on loopback; the HTML report is checked in headless Chromium
  openssh-server openssh-client chromium
  # the plots draw their text with DejaVu Sans (SkiaSharp without fontconfig needs a font file on disk)
  fonts-dejavu-core
  # the .hlog files are checked with HdrHistogram's own reference reader (HistogramLogProcessor), which needs a JRE
  libhdrhistogram-java openjdk-17-jre-headless
  # LAVA board farms: the dispatcher (lava-run) runs the emulated board's job in CI; a worker's tftp server config and
  # mkimage are what it checks before it accepts a Raspberry Pi's tftp/u-boot job (scripts/lava-device.sh renders devices)
  lava-dispatcher lava-common tftpd-hpa u-boot-tools lava-lxc-mocker
)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
echo "setup: ok"
