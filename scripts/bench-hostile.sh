#!/usr/bin/env bash
# Hostile input against all four contenders in one go (malformed requests, hostile clients, memory caps), each part printing its own table:
#   scripts/hostile/corpus.sh   the malformed/hostile request corpus: answers, crashes, smuggled requests (~1.5 min)
#   scripts/hostile/attacks.sh  slow clients, 10,000 idle connections, resets: bytes per idle connection and a normal
#                               client's P99 beside each attack (~6 min)
#   scripts/hostile/memcap.sh   every contender under a hard cgroup memory cap at 256 connections (as root; ~1 min)
# Each part takes its own env knobs (see its header). Exits non-zero if any part failed.
#   usage: scripts/bench-hostile.sh [corpus|attacks|memcap]...   (default: all three)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
parts=("$@"); [ ${#parts[@]} -gt 0 ] || parts=(corpus attacks memcap)
status=0
for part in "${parts[@]}"; do
  case "$part" in corpus|attacks|memcap) ;; *) echo "bench-hostile: unknown part '$part' (corpus, attacks, memcap)" >&2; exit 2 ;; esac
  echo "=== $part"
  bash "$here/hostile/$part.sh" || { echo "bench-hostile: $part failed (exit $?)" >&2; status=1; }
done
exit "$status"
