#!/usr/bin/env bash
# Adds or replaces one artifact's line in OUTDIR/manifest.tsv (read by the bench to know what it deploys).
# usage: scripts/manifest.sh OUTDIR NAME ARCH TOOLCHAIN FILE
set -euo pipefail
out=$1 name=$2 arch=$3 toolchain=$4 file=$5
manifest="$out/manifest.tsv"
header=$'name\tarch\ttoolchain\tsize_bytes\tsha256\tfile'
[ -s "$manifest" ] || echo "$header" > "$manifest"
line=$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$name" "$arch" "$toolchain" "$(stat -c %s "$file")" "$(sha256sum "$file" | cut -d' ' -f1)" "${file#"$out"/}")
{ head -n1 "$manifest"; tail -n +2 "$manifest" | awk -F'\t' -v n="$name" '$1 != n'; echo "$line"; } > "$manifest.tmp"
mv "$manifest.tmp" "$manifest"
