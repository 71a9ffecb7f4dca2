# Sourced by the scripts that run one server at a time on loopback: a work folder ($work; kept when KEEP names one),
# the running server ($server_pid) stopped on exit, and the helpers to find a port and to measure the server.
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# smaps_rollup Rss, as the firmware's sampler reads it (VmRSS lags for multi-threaded processes before Linux 6.2).
rss_bytes() { awk '/^Rss:/ { print $2 * 1024 }' "/proc/$1/smaps_rollup"; }
listening() { [ -n "$(ss -ltnH "sport = :$1")" ]; }
