#!/usr/bin/env bash
# Hostile clients against every contender, side by side in one run on this machine's loopback.
# Each server runs on CPU 0 with one worker thread; `devicebench attack` runs on CPU 1 and, per contender (~75 s each):
#   idle    IDLE_CONNECTIONS keep-alive connections, one request each, held: RSS growth per connection, and the
#           normal client's P99 alone (the baseline) and beside them
#   slow    SLOW_CONNECTIONS slowloris clients, one header byte every BYTE_INTERVAL, for SLOW_SECONDS (longer than the
#           minimal engine's 10 s header-read timeout, so its cut-offs show)
#   reset   RESET_WORKERS workers aborting RESET_RATE connections/s with RST, mid-request and mid-response
# The normal client is `devicebench load`'s open loop (RATE req/s, 4 connections, coordinated-omission corrected P99),
# measured alone and then beside the attack, back to back, so each ratio compares like with like on a busy machine.
# Every attack meets a freshly started server (its RSS before, peak while attacked, and growth are its own); after each:
# is the process alive, and does a fresh connection get a 200?
#   usage: scripts/hostile/attacks.sh   env: DURATION=8 SLOW_SECONDS=12 IDLE_CONNECTIONS=10000 SLOW_CONNECTIONS=300
#          BYTE_INTERVAL=200ms RESET_WORKERS=32 RESET_RATE=1000 RATE=1000 BUILD_FLAVOR=attack CONTENDERS="csharp-minimal ..."
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=${DURATION:-8}
slow_seconds=${SLOW_SECONDS:-12}
idle_connections=${IDLE_CONNECTIONS:-10000}
slow_connections=${SLOW_CONNECTIONS:-300}
byte_interval=${BYTE_INTERVAL:-200ms}
reset_workers=${RESET_WORKERS:-32}
reset_rate=${RESET_RATE:-1000}
rate=${RATE:-1000}
flavor=${BUILD_FLAVOR:-attack}
contenders=${CONTENDERS:-csharp-minimal csharp-kestrel rust-hyper go-nethttp}
server_cpu=0 client_cpu=1
die() { echo "attacks: $*" >&2; exit 1; }
for tool in taskset ss dotnet; do command -v "$tool" >/dev/null || die "$tool not found: run scripts/setup.sh"; done
[ "$(nproc)" -ge 2 ] || die "needs two CPUs: one for the server, one for the attack and the normal client"
# 10,000 connections need 10,000 descriptors on both ends; the servers inherit this limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((idle_connections + 500)) ] || die "open-file limit $(ulimit -n) is below $idle_connections connections"

# The CLI in its own build flavour (own obj/ and bin/), so a build running elsewhere in the tree is not disturbed.
echo "attacks: building devicebench (BuildFlavor=$flavor)" >&2
dotnet build "$root/host/DeviceBench.Cli" -c Release -p:BuildFlavor="$flavor" --nologo -v quiet >&2
cli=(dotnet "$root/host/DeviceBench.Cli/bin/$flavor/Release/net10.0/devicebench.dll")

fw=$root/artifacts/x64/fw/devicebench-fw
fw_minimal=$root/artifacts/x64/fw-minimal/devicebench-fw
[ -x "$fw_minimal" ] || fw_minimal=$fw
command_of() { # contender -> its command line without --port/--threads
  case $1 in
    csharp-minimal) echo "$fw_minimal serve --engine minimal" ;;
    csharp-kestrel) echo "$fw serve --engine kestrel" ;;
    *) echo "$root/artifacts/x64/$1" ;;
  esac
}

# shellcheck source=../lib/bench.sh
source "$root/scripts/lib/bench.sh"

bytes_mb() { case $1 in ''|-) echo - ;; *) awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }' ;; esac; }
us() { case $1 in ''|-) echo - ;; *) echo "$1 us" ;; esac; }
port=""
start() { # name
  port=$(free_port)
  # shellcheck disable=SC2046 # the command line is words by design
  start_pinned "$server_cpu" "$port" $(command_of "$1") --port "$port" --threads 1 || die "$1 did not start listening on $port"
  server_pid=$SERVER_PID
  sleep 1 # settle: start-up threads and timers have run once
}
stop() { stop_server "$server_pid"; server_pid=""; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1"; } # file key -> value from the CLI's result line
attack() { # name kind args... -> $work/NAME-KIND.txt
  local out=$work/$1-$2.txt rc=0
  taskset -c "$client_cpu" "${cli[@]}" attack --target "127.0.0.1:$port" --kind "$2" --pid "$server_pid" --rate "$rate" "${@:3}" \
    > "$out" 2> "$work/$1-$2.err" || rc=$?
  grep -q '^result ' "$out" || { cat "$work/$1-$2.err" >&2; echo "result kind=$2 serving_after=no alive=no" > "$out"; }
  sed 's/^/    /' "$out" | grep -v '^    result ' >&2
  kill -0 "$server_pid" 2>/dev/null || echo "attacks: $1 died during $2 (attack exit $rc)" >&2
}

ratio() { # numerator denominator -> "1.23x" or "-"
  case "$1$2" in *-*|'') echo - ;; *) awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }' ;; esac
}
growth() { case "$1$2" in *-*|'') echo - ;; *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f MB", (a - b) / 1048576 }' ;; esac; }
format='%-14s %11s %11s %7s %7s %10s %10s %10s %6s %8s  %s\n'
row() { # name kind label note
  local f=$work/$1-$2.txt
  local base_p99 attack_p99 before peak
  base_p99=$(field "$f" baseline_p99_us) attack_p99=$(field "$f" attack_p99_us)
  before=$(field "$f" rss_before_bytes) peak=$(field "$f" rss_peak_bytes)
  # shellcheck disable=SC2059 # one format for the header and the rows
  printf "$format" "$3" "$(us "$base_p99")" "$(us "$attack_p99")" "$(ratio "$attack_p99" "$base_p99")" \
    "$(field "$f" attack_errors)" "$(bytes_mb "$before")" "$(bytes_mb "$peak")" "$(growth "$peak" "$before")" \
    "$(field "$f" alive)" "$(field "$f" serving_after)" "$4"
}
report() { # name baseline-rss
  local idle=$work/$1-idle.txt slow=$work/$1-slow.txt reset=$work/$1-reset.txt
  echo
  echo "== $1: baseline RSS $(bytes_mb "$2"); $(field "$idle" held)/$idle_connections idle connections held," \
    "$(field "$idle" bytes_per_idle_conn) B per idle connection"
  # shellcheck disable=SC2059
  printf "$format" attack "P99 alone" "P99 attack" ratio errors "RSS before" "RSS peak" growth alive serving notes
  row "$1" idle "idle $idle_connections" "connect failures $(field "$idle" connect_failures), closed by server $(field "$idle" closed_by_server)"
  row "$1" slow "slow $slow_connections" "opened $(field "$slow" opened), completed $(field "$slow" completed), cut off $(field "$slow" closed_by_server)"
  row "$1" reset "reset $reset_rate/s" "RST mid-request $(field "$reset" resets_mid_request), mid-response $(field "$reset" resets_mid_response)"
}

echo "attacks: servers on CPU $server_cpu (1 thread), attacks and normal client on CPU $client_cpu;" \
  "normal client $rate req/s; ${duration}s per phase, slow ${slow_seconds}s" >&2
names=()
declare -A base
for name in $contenders; do
  if [ "${name#csharp-}" = "$name" ] && [ ! -x "$root/artifacts/x64/$name" ]; then
    echo "attacks: skipping $name: artifacts/x64/$name not built (scripts/build-contenders.sh x64 artifacts/x64)" >&2; continue
  fi
  echo "attacks: $name" >&2
  start "$name"
  base[$name]=$(rss_bytes "$server_pid")
  attack "$name" idle --connections "$idle_connections" --duration "${duration}s"
  stop; start "$name" # each attack meets a fresh server, so its memory figures are its own
  attack "$name" slow --connections "$slow_connections" --duration "${slow_seconds}s" --byte-interval "$byte_interval"
  stop; start "$name"
  attack "$name" reset --connections "$reset_workers" --duration "${duration}s" --reset-rate "$reset_rate"
  stop
  names+=("$name")
done

for name in "${names[@]}"; do report "$name" "${base[$name]}"; done
