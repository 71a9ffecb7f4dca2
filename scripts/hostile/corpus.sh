#!/usr/bin/env bash
# The hostile-request corpus (host/DeviceBench.Host/Hostile/Corpus/hostile-requests.txt) against every contender, side by side in one run:
# csharp-minimal, csharp-kestrel (artifacts/x64/fw*), rust-hyper and go-nethttp (artifacts/x64/), each started on a free
# loopback port with one worker and driven by `devicebench hostile`. Prints one table, case x contender (the status
# answered, "closed"/"open", "silent" for a close without a word, SMUGGLED, DEAD), then per contender: cases, crashes,
# smuggled, as expected (the corpus's expectations are the C# engines'; the contenders' are reported, not judged).
#   usage: scripts/hostile/corpus.sh [--corpus FILE]    env: ARCH=x64 FW=... FW_MINIMAL=... KEEP=DIR (keep the JSON)
# Exit 1 when a C# engine crashed or answered a smuggled request, or a contender could not be started.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
arch=${ARCH:-x64}
art=$root/artifacts/$arch
fw=${FW:-$art/fw/devicebench-fw}
fw_minimal=${FW_MINIMAL:-$art/fw-minimal/devicebench-fw}
corpus_args=("$@")
die() { echo "hostile/corpus: $*" >&2; exit 1; }
for tool in dotnet python3 ss; do command -v "$tool" >/dev/null || die "$tool not found: run scripts/setup.sh"; done
for bin in "$fw" "$fw_minimal" "$art/rust-hyper" "$art/go-nethttp"; do [ -x "$bin" ] || die "$bin missing: run scripts/build.sh $arch"; done

# shellcheck source=../lib/bench.sh
source "$root/scripts/lib/bench.sh"

# A build flavour of its own, so this never shares obj/ or bin/ with a build or test running in the same tree.
echo "hostile/corpus: building devicebench" >&2
dotnet build "$root/host/DeviceBench.Cli" -c Release -p:BuildFlavor=hostile-script --nologo -v quiet >&2
cli=$root/host/DeviceBench.Cli/bin/hostile-script/Release/net10.0/devicebench.dll


contenders=(csharp-minimal csharp-kestrel rust-hyper go-nethttp)
# Runs in a background subshell: exec, so that the PID the script stops is the server's, not a shell's that would leave
# the server running when it is killed.
start() {
  local port=$2
  case $1 in
    csharp-minimal) exec "$fw_minimal" serve --engine minimal --port "$port" --threads 1 --address 127.0.0.1 ;;
    csharp-kestrel) exec "$fw" serve --engine kestrel --port "$port" --threads 1 --address 127.0.0.1 ;;
    rust-hyper) exec "$art/rust-hyper" --port "$port" --threads 1 ;;
    go-nethttp) exec "$art/go-nethttp" --port "$port" --threads 1 ;;
  esac
}

status=0
for name in "${contenders[@]}"; do
  port=$(free_port)
  start "$name" "$port" >"$work/$name.log" 2>&1 &
  server_pid=$!; BENCH_PIDS+=("$server_pid")
  wait_listening "$server_pid" "$port" "$work/$name.log" || { echo "hostile/corpus: $name did not start" >&2; status=1; continue; }
  echo "hostile/corpus: $name on port $port" >&2
  dotnet "$cli" hostile --target "127.0.0.1:$port" --json "$work/$name.json" "${corpus_args[@]}" >"$work/$name.txt" 2>&1 || true
  kill -0 "$server_pid" 2>/dev/null || echo "hostile/corpus: $name is no longer running" >&2
  stop_server "$server_pid"
done

python3 - "$work" "${contenders[@]}" <<'PY' || status=1
import json, os, sys
work, names = sys.argv[1], sys.argv[2:]
runs = {n: json.load(open(os.path.join(work, n + ".json"))) for n in names if os.path.exists(os.path.join(work, n + ".json"))}
if not runs: sys.exit("no contender produced results")
def cell(o):
    st = o["statuses"]
    if len(st) > 1: text = "SMUGGLED " + "+".join(map(str, st))
    elif st: text = f"{st[0]} {'closed' if o['closedByServer'] else 'open'}"
    else: text = "silent" if o["closedByServer"] else "timeout"
    mark = "" if o["asExpected"] else " *"
    return text + ("" if o["serverAlive"] else " DEAD") + mark
first = next(iter(runs.values()))["outcomes"]
header = ["case", "expect"] + list(runs)
rows = [[o["name"], o["expected"]] + [cell(runs[n]["outcomes"][i]) for n in runs] for i, o in enumerate(first)]
widths = [max(len(r[c]) for r in rows + [header]) for c in range(len(header))]
line = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()
print(line(header)); print(line(["-" * w for w in widths]))
for r in rows: print(line(r))
print("\n(* = not what the corpus expects of the C# engines: status, or not closed)\n")
print(f"{'contender':<15} {'cases':>5} {'crashes':>8} {'smuggled':>9} {'as expected':>12}")
unsafe = False
for n, run in runs.items():
    o = run["outcomes"]
    crashes = sum(not x["serverAlive"] for x in o); smuggled = sum(len(x["statuses"]) > 1 for x in o)
    print(f"{n:<15} {len(o):>5} {crashes:>8} {smuggled:>9} {sum(x['asExpected'] for x in o):>12}")
    unsafe |= n.startswith("csharp-") and (crashes or smuggled)
sys.exit(1 if unsafe else 0)
PY
exit $status
