#!/usr/bin/env bash
# Throughput scaling 1 -> N server threads on the emulated 4-core board (issue #18): one `devicebench bench --board
# qemu:PROFILE --threads N` per thread count, through scripts/bench-qemu.sh, each a fresh boot with short phases. Per
# contender and N it reads from the run folders (run.json):
#   max req/s      the closed-loop maximum (64 connections), median over ROUNDS sessions, its min-max and errors
#                  (2 s timeouts: a few dozen per phase for every contender, on connections the emulated board's
#                  user-mode network left unanswered for a while)
#   N/1            that figure over the same contender's one-thread figure
#   minimal/X      csharp-minimal's max req/s over rust-hyper's and go-nethttp's at the same N: the median of the
#                  per-round ratios, since a round's sessions run minutes apart at most
#   req/qemu-CPU-s the same requests per second of host CPU QEMU used, and its minimal/X: less moved by neighbours
#   guest CPU      the contender's own CPU in the guest (its STAT lines during the max phase; 100 % = one vCPU)
# and, sampled from /proc while the max phases ran (median over the sessions at that N), what this host's cores did:
#   qemu           QEMU's CPU time / wall time: the host cores the emulated board actually got
#   bench          the devicebench process (the load generator, mostly)
#   others         every other process on the host (other jobs on a shared machine)
#
# What the figures are NOT: a Pi 4's scaling. QEMU's TCG emulates the board's 4 cores with 4 vCPU threads on this
# host's cores, and the load generator runs on the same host, so on a 2-core host both compete for 2 cores: scaling
# past ~2 threads measures the host, and the "qemu" row says how many cores the board really had. The ratios between
# contenders at the same N, measured on the same emulated board, are what mean something (and even they are an
# emulator's: TCG's cost per instruction is not a Cortex-A72's).
#
# Measured 2026-12-01 on a 2-core x64 host shared with up to 3 other benchmark jobs, three times (`ROUNDS=3
# scripts/bench-scaling.sh`, then with THREADS="4 2 1" and "2 1 4"): max req/s, medians of 3 rounds, pass 1 / 2 / 3
#                    1 thread              2 threads             4 threads
#   csharp-minimal   2,045 / 2,630 /   788   1,037 /   907 / 3,265   1,570 / 2,103 / 3,140
#   rust-hyper       1,242 / 1,373 /   722   1,120 / 3,729 / 1,828   1,842 / 2,384 / 1,672
#   go-nethttp         484 /   424 /   698     428 / 1,333 / 1,156     725 /   952 /   879
#   minimal / rust   1.65x / 1.92x / 1.09x   1.26x / 0.32x / 1.16x   0.80x / 0.80x / 1.88x   (median of per-round ratios)
#   minimal / go     3.77x / 6.20x / 2.39x   2.68x / 0.73x / 2.82x   3.31x / 2.21x / 3.57x
#   qemu host cores  1.11-1.37               1.04-1.58               1.20-1.67
#   other jobs       0.16-0.81               0.17-0.89               0.12-0.70
# One contender's rounds spread up to 4x (csharp-minimal at 2 threads in pass 3: 1,249-5,128) and N/1 swings from
# 0.34x to 4.14x between passes, so the scaling itself is not measured here: it follows how many cores the other jobs
# left QEMU. What held in all three passes: the minimal engine ahead of hyper at one thread (1.09-1.92x) and of Go at
# one and four (2.2-6.2x). Against hyper at four threads it was 0.80x twice, with other jobs on 0.4-0.7 cores, and
# 1.88x once, with them on 0.1-0.2 and QEMU on 1.65 cores: a real multi-core board is what would settle it.
#
# A fourth pass with no other job on the machine (`ROUNDS=3 scripts/bench-scaling.sh`, after the lean build's round-2
# changes), QEMU on 1.44-1.83 host cores, others on 0.00-0.03:
#                    1 thread  2 threads  4 threads
#   csharp-minimal     3,112      5,178      4,559      N/1 1.66x, 1.47x
#   rust-hyper         2,901      4,166      3,948      N/1 1.44x, 1.36x
#   go-nethttp         1,099      1,803      2,057      N/1 1.64x, 1.87x
#   minimal / rust     1.01x      1.23x      1.19x      (per QEMU host CPU-second: 1.09x, 1.27x, 1.20x)
#   minimal / go       2.80x      2.87x      2.23x
#
#   usage: scripts/bench-scaling.sh [PROFILE]        PROFILE: pi-zero-2w | pi3 | pi4 (default) | pi5
#   env:   THREADS="1 2 4" (their order is the runs' order) ROUNDS=3 MAX_DURATION=5 WARMUP=3 (~10 min on 2 cores)
#          CONTENDERS="csharp-minimal rust-hyper go-nethttp" (csharp-kestrel may be added) RESULTS=results/scaling-TIME
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile=${1:-pi4}
threads_list=${THREADS:-1 2 4}
rounds=${ROUNDS:-3}
max_duration=${MAX_DURATION:-5}
warmup=${WARMUP:-3}
contenders=${CONTENDERS:-csharp-minimal rust-hyper go-nethttp}
results=${RESULTS:-$root/results/scaling-$(date -u +%Y%m%d-%H%M%S)}
die() { echo "bench-scaling: $*" >&2; exit 1; }
for n in $threads_list; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "THREADS: '$n' is not a thread count"; done
command -v python3 >/dev/null || die "python3 not found: run scripts/setup.sh"

# shellcheck source=lib/bench.sh
source "$root/scripts/lib/bench.sh"

# sample BENCH_PID OUT: every 0.2 s until BENCH_PID ends, a line "time qemu_ticks bench_ticks host_busy_ticks" for
# its descendants QEMU (qemu-system-aarch64) and devicebench, and the whole host (/proc/stat).
cat > "$work/sample.py" <<'EOF'
import os, sys, time
root, out = int(sys.argv[1]), open(sys.argv[2], "w")
def stat(pid):
    with open(f"/proc/{pid}/stat") as f: s = f.read()
    comm, rest = s[s.index("(") + 1:s.rindex(")")], s[s.rindex(")") + 2:].split()
    return comm, int(rest[1]), int(rest[11]) + int(rest[12])  # comm, ppid, utime + stime
def find():
    parents, comms = {}, {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try: comms[int(d)], parents[int(d)], _ = stat(d)
            except (OSError, ValueError): pass
    def under(p):
        while p > 1:
            if p == root: return True
            p = parents.get(p, 0)
        return False
    pick = lambda name: next((p for p, c in comms.items() if c.startswith(name) and under(p)), None)
    return pick("qemu-system-aar"), pick("devicebench")
def host_busy():
    with open("/proc/stat") as f: v = [int(x) for x in f.readline().split()[1:]]
    return sum(v) - v[3] - v[4]  # all but idle and iowait
qemu = bench = None
while os.path.exists(f"/proc/{root}"):
    if qemu is None or bench is None:
        qemu, bench = find()
    else:
        try: print(f"{time.time():.3f} {stat(qemu)[2]} {stat(bench)[2]} {host_busy()}", file=out, flush=True)
        except OSError: qemu = bench = None
    time.sleep(0.2)
EOF

# report RUN_DIR_PER_N...: the tables, from each run.json and its samples.
cat > "$work/report.py" <<'EOF'
import datetime, json, os, statistics, sys
hz = os.sysconf("SC_CLK_TCK")
runs = {}  # threads -> (run record, samples)
for arg in sys.argv[1:]:
    n, folder, samples = arg.split(":", 2)
    with open(os.path.join(folder, "run.json")) as f: run = json.load(f)
    with open(samples) as f: rows = [[float(x) for x in line.split()] for line in f if line.strip()]
    runs[int(n)] = (run, rows)
counts = sorted(runs)
contenders = runs[counts[0]][0]["settings"]["contenders"]
def when(text): return datetime.datetime.fromisoformat(text).timestamp()
def cores(rows, start, end, column):  # CPU-seconds per wall second between the samples nearest inside [start, end]
    inside = [r for r in rows if start <= r[0] <= end]
    if len(inside) < 2 or inside[-1][0] <= inside[0][0]: return None
    return (inside[-1][column] - inside[0][column]) / hz / (inside[-1][0] - inside[0][0])
def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
fig = {}  # (contender, n) -> dict
for n in counts:
    run, rows = runs[n]
    for c in contenders:
        rps, errors, guest, qemu, bench, others, per_qemu, rounds = [], [], [], [], [], [], [], {}
        for s in run["sessions"]:
            if s["contender"] != c or s["round"] < 1 or s["status"] != "ok": continue
            phase = next((p for p in s["phases"] if p["name"] == "max"), None)
            if phase is None: continue
            load = phase["load"]
            rps.append(load["requestsPerSecond"]); errors.append(load["errors"]["total"])
            guest.append(median([st["stat"]["cpuPct10"] / 10 for st in s["stats"] if st["phase"] == "max" and "cpuPct10" in st["stat"]]))
            start = when(load["startedUtc"]) + load["settings"]["warmupSeconds"]; end = start + load["measuredSeconds"]
            q, b, h = (cores(rows, start, end, i) for i in (1, 2, 3))
            qemu.append(q); bench.append(b); others.append(None if None in (q, b, h) else max(0.0, h - q - b))
            per_qemu.append(load["requestsPerSecond"] / q if q else None)
            rounds[s["round"]] = (rps[-1], per_qemu[-1])
        fig[c, n] = dict(rps=median(rps), low=min(rps, default=None), high=max(rps, default=None), sessions=len(rps), errors=sum(errors), guest=median(guest), qemu=median(qemu),
                         bench=median(bench), others=median(others), per_qemu=median(per_qemu), rounds=rounds)
def cell(v, form): return "-" if v is None else form.format(v)
def ratio(a, b): return None if a is None or not b else a / b
def versus(c, n, figure):  # csharp-minimal over c: the median of the per-round ratios (a round's sessions ran minutes apart at most)
    mine, theirs = fig["csharp-minimal", n]["rounds"], fig[c, n]["rounds"]
    return median([ratio(mine[r][figure], theirs[r][figure]) for r in mine.keys() & theirs.keys()])
def row(name, cells): print(f"{name:<16}" + "".join(f"{c:>16}" for c in cells))
def table(title, each):  # each(contender, n) -> text; None: the contender has no row
    row(title, [f"{n} thread" + ("s" if n > 1 else "") for n in counts])
    for c in contenders:
        if each(c, counts[0]) is not None: row(c, [each(c, n) for n in counts])
    print()
print(f"\nemulated board {runs[counts[0]][0]['board']} on a host with {os.cpu_count()} cores; medians over each N's measured rounds\n")
table("max req/s", lambda c, n: cell(fig[c, n]["rps"], "{:,.0f}"))
table("min-max", lambda c, n: "-" if fig[c, n]["low"] is None else f"{fig[c, n]['low']:,.0f}-{fig[c, n]['high']:,.0f}")
# Timeouts (2 s) of requests on connections the emulated board's user-mode network left unanswered; every contender has them.
table("errors", lambda c, n: f"{fig[c, n]['errors']:,}")
table(f"N/{counts[0]} scaling", lambda c, n: cell(ratio(fig[c, n]["rps"], fig[c, counts[0]]["rps"]), "{:.2f}x"))
if "csharp-minimal" in contenders:
    table("csharp-minimal /", lambda c, n: None if c == "csharp-minimal" else cell(versus(c, n, 0), "{:.2f}x"))
table("req/qemu-CPU-s", lambda c, n: cell(fig[c, n]["per_qemu"], "{:,.0f}"))
if "csharp-minimal" in contenders:
    table("csharp-minimal /", lambda c, n: None if c == "csharp-minimal" else cell(versus(c, n, 1), "{:.2f}x"))
table("guest CPU", lambda c, n: cell(fig[c, n]["guest"], "{:.0f} %"))
print(f"host cores used during the max phases (this host has {os.cpu_count()}): qemu / bench (the load generator) / every other process")
table("", lambda c, n: "/".join(cell(fig[c, n][k], "{:.2f}") for k in ("qemu", "bench", "others")))
missing = [f"{c} at {n}" for c in contenders for n in counts if fig[c, n]["sessions"] == 0]
if missing: print("\nno measured session: " + ", ".join(missing))
if len(missing) == len(contenders) * len(counts): sys.exit("bench-scaling: no session measured anything (run.json in each run folder says why)")
EOF

declare -a reports=()
mkdir -p "$results"
echo "bench-scaling: qemu:$profile, threads $threads_list; contenders $contenders; $rounds round(s), ${warmup}s warm-up + ${max_duration}s max phase;" \
  "runs in $results" >&2
echo "bench-scaling: the emulated board's vCPUs and the load generator share this host's $(nproc) cores: scaling past ~$(nproc) threads measures the host" >&2
contender_options=(); for c in $contenders; do contender_options+=(--contender "$c"); done
for n in $threads_list; do
  out=$results/threads-$n
  mkdir -p "$out"
  # The open-loop phase is bench's, not this script's: one low fixed rate, as short as bench allows.
  "$root/scripts/bench-qemu.sh" "$profile" --threads "$n" "${contender_options[@]}" --rounds "$rounds" --warmup "${warmup}s" \
    --max-duration "${max_duration}s" --rates 50 --rate-duration 1s --settle 2s --cooldown 1s --results "$out" > "$out/bench.log" 2>&1 &
  bench=$!; BENCH_PIDS+=("$bench")
  python3 "$work/sample.py" "$bench" "$out/samples.txt" & BENCH_PIDS+=("$!")
  rc=0; wait "$bench" || rc=$?
  wait
  # 0: complete; 1: some session failed (its figures are left out; run.json says why); anything else: no run.
  [ "$rc" -le 1 ] || { tail -5 "$out/bench.log" >&2; die "bench with --threads $n exited $rc (log: $out/bench.log)"; }
  [ "$rc" -eq 0 ] || echo "bench-scaling: --threads $n: $(grep -m1 'run partial\|run failed' "$out/bench.log" || echo "run not complete")" >&2
  folder=$(dirname "$(find "$out" -mindepth 2 -maxdepth 2 -name run.json | head -1)")
  reports+=("$n:$folder:$out/samples.txt")
  echo "bench-scaling: --threads $n done: $folder" >&2
done
python3 "$work/report.py" "${reports[@]}"
