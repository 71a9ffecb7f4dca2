#!/usr/bin/env bash
# Adds or replaces one artifact's line in OUTDIR/manifest.tsv (read by the bench to know what it deploys).
# usage: scripts/manifest.sh OUTDIR NAME ARCH TOOLCHAIN FILE [BUILD_SECONDS CLEAN(yes|no)]
set -euo pipefail
out=$1 name=$2 arch=$3 toolchain=$4 file=$5 seconds=${6:-} clean=${7:-}
manifest="$out/manifest.tsv"
header=$'name\tarch\ttoolchain\tsize_bytes\tsha256\tfile\tbuild_seconds\tclean'
[ -s "$manifest" ] || echo "$header" > "$manifest"
line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$name" "$arch" "$toolchain" "$(stat -c %s "$file")" "$(sha256sum "$file" | cut -d' ' -f1)" "${file#"$out"/}" "$seconds" "$clean")
# A manifest from before build times were recorded gets today's header; its other lines keep their six columns.
{ echo "$header"; tail -n +2 "$manifest" | awk -F'\t' -v n="$name" '$1 != n'; echo "$line"; } > "$manifest.tmp"
mv "$manifest.tmp" "$manifest"
