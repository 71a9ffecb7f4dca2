#!/usr/bin/env bash
# What each build choice of the lean board build (artifacts/<arch>/fw-minimal) takes off the minimal engine's idle
# baseline, against the contenders and the floor, side by side in one run (x64): each build is published into
# artifacts/bench-baseline/, started on CPU 0 reporting to a pty (as on a board), and its Rss (smaps_rollup) read
# SETTLE seconds after it listens; median of ROUNDS. Sizes are the files' bytes.
#   full            fw: both engines, display support, dynamically linked
#   lean-dynamic    -p:KestrelSupport=false (display support in, glibc shared)
#   lean-static     + -p:StaticExecutable=true (lld; libc bound at link time)
#   lean-nodisplay  + -p:DisplaySupport=false
#   lean-nowatch    + -p:WatchSupport=false (no `watch` command: nothing runs the lean build's)
#   lean (shipped)  + the lean runtime settings (LeanRuntime, firmware/DeviceBench.Firmware/Board.props) —
#                   -p:BuildFlavor=lean, what scripts/build.sh publishes
#   lean-shared     the shipped lean build linked dynamically (-p:StaticExecutable=false): the file without glibc,
#                   whose pages then count whole in Rss but only by their share in Pss
# and for reference, each idle (its own start-up only):
#   floor-dynamic   scripts/floor: a Native AOT Main that blocks in read(0), the firmware's board settings, glibc shared
#   floor-static    the same linked statically: what the lean build's runtime costs before any firmware code
#   go-nethttp, rust-hyper   the contenders (artifacts/x64, built when missing)
# "vs rust" is the ratio to rust-hyper, for Rss, for Pss (rust-hyper shares glibc with every other process) and size.
#   usage: scripts/bench-baseline.sh      env: ROUNDS=3 SETTLE=5
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${ROUNDS:-3} settle=${SETTLE:-5}
source "$root/scripts/lib/bench.sh"
for tool in socat taskset ss; do command -v "$tool" >/dev/null || { echo "bench-baseline: $tool not found: run scripts/setup.sh" >&2; exit 1; }; done
out=$root/artifacts/bench-baseline
lean=(-p:KestrelSupport=false)
publish() { # name flavour flags...
  local name=$1 flavour=$2; shift 2
  echo "bench-baseline: publishing $name" >&2
  dotnet publish "$root/firmware/DeviceBench.Firmware" -c Release -r linux-x64 -o "$out/$name" --nologo -v quiet \
    -p:DebugSymbols=false -p:BuildFlavor="$flavour" "$@" >&2
}
publish full ""
publish lean-dynamic baseline-ld "${lean[@]}"
publish lean-static baseline-ls "${lean[@]}" -p:StaticExecutable=true
publish lean-nodisplay baseline-lnd "${lean[@]}" -p:StaticExecutable=true -p:DisplaySupport=false
publish lean-nowatch baseline-lnw "${lean[@]}" -p:StaticExecutable=true -p:DisplaySupport=false -p:WatchSupport=false
publish lean lean
publish lean-shared baseline-lsh "${lean[@]}" -p:DisplaySupport=false -p:WatchSupport=false -p:LeanRuntime=true -p:StaticExecutable=false
for linking in dynamic static; do
  echo "bench-baseline: publishing floor-$linking" >&2
  dotnet publish "$root/scripts/floor" -c Release -r linux-x64 -o "$out/floor-$linking" --nologo -v quiet \
    -p:DebugSymbols=false -p:BuildFlavor="$linking" -p:StaticExecutable="$([ $linking = static ] && echo true || echo false)" >&2
done
for contender in go-nethttp rust-hyper; do
  [ -x "$root/artifacts/x64/$contender" ] || { bash "$root/scripts/build-contenders.sh" x64 "$root/artifacts/x64" >&2; break; }
done

pty_dir=$(mktemp -d); socat "pty,raw,echo=0,link=$pty_dir/board" "pty,raw,echo=0,link=$pty_dir/host" & BENCH_PIDS+=($!)
sleep 0.5; cat "$pty_dir/host" >/dev/null & BENCH_PIDS+=($!)
steps=(full lean-dynamic lean-static lean-nodisplay lean-nowatch lean)
names=("${steps[@]}" lean-shared floor-dynamic floor-static go-nethttp rust-hyper)
binary() { case $1 in go-nethttp|rust-hyper) echo "$root/artifacts/x64/$1" ;; floor-*) echo "$out/$1/floor" ;; *) echo "$out/$1/devicebench-fw" ;; esac; }
declare -A kb pss size
for name in "${names[@]}"; do
  samples=() pss_samples=()
  size[$name]=$(stat -c %s "$(binary "$name")")
  for _ in $(seq "$rounds"); do
    case $name in
      floor-*) # no port: it runs until its stdin closes
        rm -f "$work/floor.in"; mkfifo "$work/floor.in"
        taskset -c 0 "$(binary "$name")" < "$work/floor.in" & SERVER_PID=$!; BENCH_PIDS+=("$SERVER_PID")
        exec {floor_in}>"$work/floor.in"
        sleep "$settle"
        samples+=("$(rss_kb "$SERVER_PID")"); pss_samples+=("$(pss_kb "$SERVER_PID")")
        exec {floor_in}>&-; wait "$SERVER_PID" || true ;;
      *)
        port=$(free_port)
        case $name in
          go-nethttp|rust-hyper) start_pinned 0 "$port" "$(binary "$name")" --port "$port" --threads 1 ;;
          *) start_pinned 0 "$port" "$(binary "$name")" serve --engine minimal --threads 1 --serial "$pty_dir/board" --serial-required --port "$port" ;;
        esac
        sleep "$settle"
        samples+=("$(rss_kb "$SERVER_PID")"); pss_samples+=("$(pss_kb "$SERVER_PID")")
        stop_server "$SERVER_PID" ;;
    esac
  done
  kb[$name]=$(printf '%s\n' "${samples[@]}" | median)
  pss[$name]=$(printf '%s\n' "${pss_samples[@]}" | median)
done
printf '\n%-15s %12s %9s %8s %8s %8s %12s %8s\n' build "baseline kB" "step kB" "vs rust" "Pss kB" "vs rust" "size bytes" "vs rust"
previous=""
for name in "${names[@]}"; do
  in_steps=no; [[ " ${steps[*]} " == *" $name "* ]] && in_steps=yes
  step=-; [ "$in_steps" = yes ] && [ -n "$previous" ] && step=$(( kb[$name] - kb[$previous] ))
  printf '%-15s %12s %9s %8s %8s %8s %12s %8s\n' "$name" "${kb[$name]}" "$step" "$(ratio "${kb[$name]}" "${kb[rust-hyper]}")" \
    "${pss[$name]}" "$(ratio "${pss[$name]}" "${pss[rust-hyper]}")" "${size[$name]}" "$(ratio "${size[$name]}" "${size[rust-hyper]}")"
  previous=$name
done
echo "minimal engine serving, reporting to a pty every second; Rss ${settle}s after listening (floor: after start), median of $rounds"
echo "csharp-minimal (lean) / rust-hyper: baseline $(ratio "${kb[lean]}" "${kb[rust-hyper]}")x (Pss $(ratio "${pss[lean]}" "${pss[rust-hyper]}")x), size $(ratio "${size[lean]}" "${size[rust-hyper]}")x;" \
  "the floor (floor-static) is $(ratio "${kb[floor-static]}" "${kb[rust-hyper]}")x and $(ratio "${size[floor-static]}" "${size[rust-hyper]}")x"
