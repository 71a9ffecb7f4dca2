namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// What a board runs under LAVA besides the contenders: one script that runs a contender under the firmware, keeps its
/// protocol lines in the job log and turns them into LAVA test cases, and (emulated board) an inittab that gives LAVA
/// the shell prompt on the console it needs.
/// </summary>
public static class LavaBoardFiles
{
    /// <summary>Where the script sits beside the contenders (in the emulated board's image, or the unpacked tarball).</summary>
    public const string ContenderScript = "lava-contender.sh";

    /// <summary>Printed when a contender is READY: the job's loadgen test action drives it for SECONDS from then on.</summary>
    public const string LoadMarker = "devicebench-load";

    /// <summary>Printed before a contender starts, so its protocol lines can be told apart in the job log.</summary>
    public const string ContenderMarker = "devicebench-contender";

    /// <summary>
    /// The figures each contender reports as test cases (<c>CONTENDER-CASE</c>), from which record and key, and the unit.
    /// <c>max</c> is the largest value over the STAT records; the others are the one record's value.
    /// </summary>
    public static IReadOnlyList<(string Case, string Record, string Key, string Units)> Figures { get; } =
    [
        ("baseline-rss", "READY", "rss_bytes", "bytes"),
        ("baseline-pss", "READY", "pss_bytes", "bytes"),
        ("baseline-anon", "READY", "anon_bytes", "bytes"),
        ("startup", "READY", "startup_ms", "ms"),
        ("loaded-rss", "STAT max", "rss_bytes", "bytes"),
        ("max-rps", "STAT max", "rps", "requests/s"),
        ("peak-rss", "END", "hwm_bytes", "bytes"),
        ("requests", "END", "requests", "requests"),
    ];

    // LAVA types its commands at this shell; busybox init keeps the control httpd of the plain emulated board too.
    internal const string Inittab = """
        ::respawn:/bin/busybox httpd -f -p 7070 -h /www
        ::respawn:-/bin/sh
        ::ctrlaltdel:/bin/busybox reboot

        """;

    /// <summary>
    /// <c>lava-contender.sh start NAME PORT SECONDS COMMAND…</c>, then <c>lava-contender.sh stop NAME</c> in a later test
    /// action (busybox sh and awk, or any POSIX shell). <c>start</c> runs the contender under the firmware in the
    /// background, its lines going to a file, waits for READY, prints the lines so far to the console (the job log keeps
    /// them), records <c>NAME-ready</c> and opens the load window: the contender keeps serving after the test action
    /// ends, while the job's loadgen namespace drives it. <c>stop</c> stops it, prints the rest of its lines and turns
    /// each figure in <see cref="Figures"/> into a test case. The awk reads a record from the last <c>#DB1 </c> on a
    /// line, as the protocol's readers do. A contender that never reports READY within 180 s (Kestrel under TCG
    /// emulation starts in a few) fails its <c>NAME-ready</c> case.
    /// </summary>
    public static string Script { get; } = $$"""
        #!/bin/sh
        action=$1; name=$2; shift 2
        dir=/tmp/devicebench; mkdir -p "$dir"
        lines=$dir/$name.lines; pidfile=$dir/$name.pid; shown=$dir/$name.shown
        # Prints the complete lines not printed yet: a line still being written waits for the next call.
        show() {
          n=$(wc -l < "$lines"); from=$(cat "$shown")
          if [ "$n" -gt "$from" ]; then head -n "$n" "$lines" | tail -n +$((from + 1)); fi
          echo "$n" > "$shown"
        }
        if [ "$action" = start ]; then
          port=$1; seconds=$2; shift 2
          rm -f "$lines" "$pidfile"; : > "$lines"; echo 0 > "$shown"
          echo "{{ContenderMarker}} name=$name"
          # Detached from the test shell (no console, no pipe), so it outlives this test action.
          ( sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@"; echo "devicebench-exit $name $?" ) < /dev/null > "$lines" 2>&1 &
          i=0
          until grep -q '#DB1 READY ' "$lines"; do
            if grep -q '^devicebench-exit ' "$lines" || [ $i -ge 1800 ]; then break; fi
            sleep 0.1; i=$((i+1))
          done
          show
          if grep -q '#DB1 READY ' "$lines"; then
            lava-test-case "$name-ready" --result pass
            echo "{{LoadMarker}} contender=$name port=$port seconds=$seconds"
          else
            lava-test-case "$name-ready" --result fail
          fi
          exit 0
        fi
        [ -s "$pidfile" ] && kill -TERM "$(cat "$pidfile")" 2>/dev/null
        i=0
        until grep -q '^devicebench-exit ' "$lines" || [ $i -ge 300 ]; do sleep 0.1; i=$((i+1)); done
        show
        awk '
        function value(key,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] } return "" }
        { p = 0; while ((i = index(substr($0, p + 1), "#DB1 ")) > 0) p += i + 4; if (p == 0) next; $0 = substr($0, p + 1) }
        {{string.Concat(Figures.Select(f => f.Record == "STAT max"
            ? $"$1 == \"STAT\" {{ v = value(\"{f.Key}\"); if (v != \"\" && (!(\"{f.Case}\" in got) || v + 0 > got[\"{f.Case}\"] + 0)) got[\"{f.Case}\"] = v }}\n"
            : $"$1 == \"{f.Record}\" {{ v = value(\"{f.Key}\"); if (v != \"\") got[\"{f.Case}\"] = v }}\n"))}}
        END { {{string.Concat(Figures.Select(f => $"if (\"{f.Case}\" in got) print \"{f.Case}\", got[\"{f.Case}\"], \"{f.Units}\"; "))}}}
        ' "$lines" | while read -r figure value units; do
          lava-test-case "$name-$figure" --result pass --measurement "$value" --units "$units"
        done

        """;
}
