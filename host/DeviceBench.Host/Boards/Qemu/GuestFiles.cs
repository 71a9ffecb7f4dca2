namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// The guest's userland beyond busybox: an init that brings up the network and the control channel, and the
/// control channel itself — busybox httpd running one CGI that executes a posted shell script, plus <c>db-ctl</c>
/// to start, watch and stop contenders detached from that CGI.
/// </summary>
internal static class GuestFiles
{
    public const string ArtifactsPath = "/opt/devicebench";
    public const string SerialDevice = "/dev/ttyAMA0";
    public const string BootLinePath = "etc/devicebench/boot-line";
    public const int ControlPort = 7070;

    /// <summary>
    /// Kernel modules of Debian's arm64 kernel that are not built in, in load order: virtio-net over virtio-mmio (this
    /// board's <c>-device virtio-net-device</c>) or over virtio-pci (LAVA's qemu device type adds <c>-net nic,model=virtio</c>).
    /// </summary>
    public static IReadOnlyList<string> Modules { get; } =
        ["virtio_mmio", "virtio_pci_legacy_dev", "virtio_pci_modern_dev", "virtio_pci", "failover", "net_failover", "virtio_net"];

    public static IReadOnlyList<(string Path, string Text)> All { get; } =
    [
        ("init", Init), ("etc/inittab", Inittab), ("www/cgi-bin/run", RunCgi), ("bin/db-ctl", DbCtl),
    ];

    // QEMU's user-mode network: the guest is 10.0.2.15, the host's loopback is reached through 10.0.2.2. The
    // boot line is a protocol BOOT record written by the host, so a guest reset shows up mid-run like a board's.
    private const string Init = """
        #!/bin/busybox sh
        /bin/busybox --install -s
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t devtmpfs devtmpfs /dev
        mount -t debugfs debugfs /sys/kernel/debug
        mkdir -p /dev/pts /dev/shm
        mount -t devpts devpts /dev/pts
        mount -t tmpfs tmpfs /dev/shm
        mount -t tmpfs tmpfs /run
        mount -t tmpfs tmpfs /tmp
        for m in virtio_mmio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net; do insmod /lib/modules/$m.ko; done
        hostname devicebench-qemu
        ip link set lo up
        ip link set eth0 up
        ip addr add 10.0.2.15/24 dev eth0
        ip route add default via 10.0.2.2
        mkdir -p /run/db
        cat /etc/devicebench/boot-line > /dev/ttyAMA0
        exec /sbin/init

        """;

    private const string Inittab = """
        ::respawn:/bin/busybox httpd -f -p 7070 -h /www
        ::ctrlaltdel:/bin/busybox reboot

        """;

    private const string RunCgi = """
        #!/bin/sh
        printf 'Content-Type: text/plain\r\n\r\n'
        exec sh -c "$(head -c "${CONTENT_LENGTH:-0}")" 2>&1

        """;

    // A contender runs under a supervising shell in its own session (setsid), so the CGI returns at once and the
    // exit code is kept in /run/db/ID/exit for the host to read. `exec` keeps the recorded pid the contender's own.
    private const string DbCtl = """
        #!/bin/sh
        # db-ctl start ID (command line on stdin) | stop ID GRACE_MS | status ID | log ID
        dir=/run/db/$2
        case "$1" in
        start)
          mkdir -p "$dir" && cat > "$dir/cmd"
          setsid /bin/db-ctl supervise "$2" </dev/null >/dev/null 2>&1 &
          i=0; while [ ! -s "$dir/pid" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
          cat "$dir/pid" ;;
        supervise)
          ulimit -n 65536
          sh -c "exec $(cat "$dir/cmd")" >"$dir/log" 2>&1 &
          echo $! > "$dir/pid.new" && mv "$dir/pid.new" "$dir/pid"
          wait $!
          echo $? > "$dir/exit.new" && mv "$dir/exit.new" "$dir/exit" ;;
        status)
          if [ -s "$dir/exit" ]; then echo "exited $(cat "$dir/exit")"; elif [ -s "$dir/pid" ]; then echo running; else echo unknown; fi ;;
        log)
          tail -c 4000 "$dir/log" 2>/dev/null ;;
        stop)
          [ -s "$dir/pid" ] || { echo unknown; exit 0; }
          pid=$(cat "$dir/pid")
          [ -s "$dir/exit" ] || kill -TERM "$pid" 2>/dev/null
          i=0; while [ ! -s "$dir/exit" ] && [ $i -lt $(( ${3:-5000} / 50 )) ]; do sleep 0.05; i=$((i+1)); done
          [ -s "$dir/exit" ] || kill -KILL "$pid" 2>/dev/null
          i=0; while [ ! -s "$dir/exit" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
          if [ -s "$dir/exit" ]; then echo "exited $(cat "$dir/exit")"; else echo unknown; fi ;;
        esac

        """;
}
