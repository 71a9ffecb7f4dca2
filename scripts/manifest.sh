#!/usr/bin/env bash
# Adds or replaces one artifact's line in OUTDIR/manifest.tsv (read by the bench to know what it deploys, and copied
# into run.json as each contender's card: toolchain, size, sha256, build flavour, the build's wall time and whether it
# was clean).
# usage: scripts/manifest.sh OUTDIR NAME ARCH TOOLCHAIN FILE FLAVOUR [BUILD_SECONDS CLEAN(yes|no)]
set -euo pipefail
out=$1 name=$2 arch=$3 toolchain=$4 file=$5 flavour=${6:-} seconds=${7:-} clean=${8:-}
manifest="$out/manifest.tsv"
header=$'name\tarch\ttoolchain\tsize_bytes\tsha256\tfile\tflavour\tbuild_seconds\tclean'
line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$name" "$arch" "$toolchain" "$(stat -c %s "$file")" "$(sha256sum "$file" | cut -d' ' -f1)" "${file#"$out"/}" "$flavour" "$seconds" "$clean")
# The header is always this script's (an older manifest's lines simply lack the last columns); other lines are kept.
{ echo "$header"; [ -s "$manifest" ] && tail -n +2 "$manifest" | awk -F'\t' -v n="$name" '$1 != n'; echo "$line"; } > "$manifest.tmp"
mv "$manifest.tmp" "$manifest"
