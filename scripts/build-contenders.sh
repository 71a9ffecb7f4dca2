#!/usr/bin/env bash
# Builds the non-.NET contenders (rust-hyper, go-nethttp) for one architecture into OUTDIR and
# records them in OUTDIR/manifest.tsv. Uses only Debian's toolchains and crates (scripts/setup.sh),
# never the network: a rustup or newer Go on PATH is deliberately ignored so CI and dev match.
# Each build's wall time goes into the manifest; BUILD_CLEAN=yes builds from nothing (no target dir, a fresh GOCACHE).
#   usage: scripts/build-contenders.sh x64|arm64 OUTDIR
set -euo pipefail

usage() { echo "usage: $0 x64|arm64 OUTDIR" >&2; exit 2; }
die() { echo "build-contenders: $*" >&2; exit 1; }
[ $# -eq 2 ] || usage
arch=$1
case "$arch" in
  x64)   rust_target=x86_64-unknown-linux-gnu;  goarch=amd64; cross_gcc=x86_64-linux-gnu-gcc ;;
  arm64) rust_target=aarch64-unknown-linux-gnu; goarch=arm64; cross_gcc=aarch64-linux-gnu-gcc ;;
  *) usage ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$2"
outdir=$(cd "$2" && pwd)

CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc GO=/usr/bin/go
for tool in "$CARGO" "$RUSTC" "$GO"; do
  [ -x "$tool" ] || die "$tool not found: run scripts/setup.sh"
done
rust_dir=$root/firmware/rust-hyper
lock_version() { awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' "$rust_dir/Cargo.lock"; }
for crate in hyper tokio; do
  [ -d "/usr/share/cargo/registry/$crate-$(lock_version $crate)" ] ||
    die "Cargo.lock wants $crate $(lock_version $crate), not in /usr/share/cargo/registry: run scripts/setup.sh" \
        "(or, if Debian updated librust-$crate-dev, refresh the lock: cd $rust_dir && /usr/bin/cargo update --offline)"
done
host_target=$("$RUSTC" -vV | sed -n 's/^host: //p')
if [ "$rust_target" != "$host_target" ]; then
  [ -d "/usr/lib/rustlib/$rust_target/lib" ] || die "no Rust std for $rust_target: run scripts/setup.sh"
  command -v "$cross_gcc" >/dev/null || die "$cross_gcc not found: run scripts/setup.sh"
  export "CARGO_TARGET_$(echo "$rust_target" | tr 'a-z-' 'A-Z_')_LINKER=$cross_gcc"
fi

clean=${BUILD_CLEAN:-no}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- rust-hyper -----------------------------------------------------------------------------------
echo "build-contenders: rust-hyper for $arch ($rust_target)"
[ "$clean" = no ] || rm -rf "$rust_dir/target/$rust_target" "$rust_dir/target/release"
t=$(now)
# A private CARGO_HOME keeps a user's ~/.cargo config (mirrors, wrappers, flags) out of the build.
(cd "$rust_dir" && env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS -u CARGO_BUILD_TARGET \
  CARGO_HOME="$root/artifacts/cargo-home" RUSTC="$RUSTC" \
  "$CARGO" build --release --frozen --target "$rust_target" --target-dir "$rust_dir/target")
rust_seconds=$(since "$t")
install -m 755 "$rust_dir/target/$rust_target/release/rust-hyper" "$outdir/rust-hyper"
rust_toolchain="$("$RUSTC" --version | cut -d' ' -f1-2) hyper $(lock_version hyper) tokio $(lock_version tokio)"

# --- go-nethttp -----------------------------------------------------------------------------------
echo "build-contenders: go-nethttp for $arch (GOARCH=$goarch)"
gocache=
if [ "$clean" = yes ]; then gocache=$(mktemp -d); trap 'rm -rf "$gocache"' EXIT; fi
t=$(now)
# Static (CGO off) so the binary runs on any board libc; -s -w drops symbols as the others do.
# -buildvcs=false: the git state would change the sha256 on every commit, and go fails outright
# where git refuses the checkout (safe.directory) or .git is absent.
(cd "$root/firmware/go-nethttp" && env GOOS=linux GOARCH="$goarch" CGO_ENABLED=0 \
  GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOWORK=off ${gocache:+GOCACHE=$gocache} \
  "$GO" build -trimpath -buildvcs=false -ldflags='-s -w' -o "$outdir/go-nethttp" .)
go_seconds=$(since "$t")
go_toolchain=$("$GO" env GOVERSION)

# --- manifest: replace our own lines, keep everyone else's -----------------------------------------
"$root/scripts/manifest.sh" "$outdir" rust-hyper "$arch" "$rust_toolchain" "$outdir/rust-hyper" \
  "release: LTO, codegen-units=1, panic=abort, stripped" "$rust_seconds" "$clean"
"$root/scripts/manifest.sh" "$outdir" go-nethttp "$arch" "$go_toolchain" "$outdir/go-nethttp" \
  "static (CGO off), -trimpath, stripped (-ldflags '-s -w')" "$go_seconds" "$clean"
echo "build-contenders: wrote $outdir/{rust-hyper,go-nethttp} and $outdir/manifest.tsv"
