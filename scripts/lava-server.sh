#!/usr/bin/env bash
# A real LAVA lab on this machine, end to end: brings up Debian's lava-server (PostgreSQL, postinst.py, gunicorn, the
# scheduler) and a lava-worker with one emulated arm64 board (device type qemu), submits `devicebench lava job
# --device-type qemu` with `devicebench bench --board lava+http://…/qemu` (submit, wait, fetch; the job's loadgen lxc
# namespace, which lava-lxc-mocker runs on this worker, loads the board), and fetches the job again with `devicebench lava fetch`.
#   scripts/lava-server.sh [--rounds N]      (as root; after scripts/build.sh arm64 and a dotnet build)
# Works without systemd: every daemon is started here and stopped on exit. The server listens on 127.0.0.1:$LAVA_PORT
# (default 8010); the board's port 8080 is forwarded from 127.0.0.1:18080, where the job's loadgen looks for it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/lava.sh"
port=${LAVA_PORT:-8010}; rounds=1
[ "${1:-}" = "--rounds" ] && rounds=${2:?}
work=$(mktemp -d /tmp/devicebench-lava-server.XXXXXX)
devicebench=(dotnet "$root/host/DeviceBench.Cli/bin/Release/net10.0/devicebench.dll")
url="http://127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap "exit 130" INT TERM
say() { echo "lava-server.sh: $*"; }

if ! dpkg-query -W -f='${Status}' lava-server 2>/dev/null | grep -q "ok installed"; then
  say "installing lava-server and postgresql (Debian bookworm)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lava-server postgresql lava-dispatcher lava-lxc-mocker
fi
# No systemd here: the cluster by hand, then postinst again (it skips the database while PostgreSQL is down).
pg_ctlcluster 15 main start 2>/dev/null || pg_lsclusters | grep -q online
/usr/bin/python3 /usr/share/lava-server/postinst.py > "$work/postinst.log" 2>&1 || { tail -20 "$work/postinst.log"; exit 1; }

manage() { lava-server manage "$@"; }
shell() { lava-server manage shell -c "$1"; }
# Each add is skipped when a previous run made it already (the commands refuse duplicates).
exists() { shell "from $1 import $2; print($2.objects.filter($3='$4').exists())" | grep -q True; }
exists django.contrib.auth.models User username devicebench || manage users add devicebench --superuser --staff --passwd "$(head -c 12 /dev/urandom | base64)" >/dev/null
token=$(shell "from linaro_django_xmlrpc.models import AuthToken; from django.contrib.auth.models import User; u = User.objects.get(username='devicebench'); t = AuthToken.objects.filter(user=u).first() or AuthToken.objects.create(user=u, description='devicebench'); print(t.secret)")
worker=devicebench-worker
exists lava_scheduler_app.models Worker hostname "$worker" || manage workers add "$worker" >/dev/null
worker_token=$(shell "from lava_scheduler_app.models import Worker; print(Worker.objects.get(hostname='$worker').token)")
exists lava_scheduler_app.models DeviceType name qemu || manage device-types add qemu >/dev/null
exists lava_scheduler_app.models Device hostname qemu01 || manage devices add --device-type qemu --worker "$worker" qemu01 >/dev/null
# The device dictionary: the emulated board, the same one scripts/lava-device.sh renders for lava-run.
qemu_device_dictionary > /etc/lava-server/dispatcher-config/devices/qemu01.jinja2

say "starting gunicorn on $url, the scheduler and $worker (logs in $work)"
( cd /var/lib/lava-server/home 2>/dev/null || cd "$work"; exec gunicorn3 lava_server.wsgi --bind "127.0.0.1:$port" --workers 2 --timeout 120 ) > "$work/gunicorn.log" 2>&1 &
pids+=($!)
lava-server manage lava-scheduler --level INFO > "$work/scheduler.log" 2>&1 &
pids+=($!)
for i in $(seq 1 120); do curl -fsS "$url/api/v0.2/system/version/" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "$url/api/v0.2/system/version/" || { say "the server did not answer"; tail -20 "$work/gunicorn.log"; exit 1; }
echo
lava-worker --level INFO --url "$url/" --name "$worker" --token "$worker_token" --worker-dir "$work/worker" > "$work/worker.log" 2>&1 &
pids+=($!)

echo "$token" > "$work/token"
say "bench --board lava+http://127.0.0.1:$port/qemu: submits the job (its loadgen namespace loads the board), waits, fetches"
DEVICEBENCH_LAVA_TOKEN=$token "${devicebench[@]}" bench --board "lava+http://127.0.0.1:$port/qemu" --rounds "$rounds" --results "$work/results" \
  --artifacts "$root/artifacts"
run=$(ls -d "$work"/results/2*-lava_* | head -1)
say "the same job again with lava fetch (token from a file)"
job=$(basename "$run" | sed -E 's/.*_([0-9]+)_qemu01$/\1/')
"${devicebench[@]}" lava fetch --server "$url" --job "$job" --token-file "$work/token" --results "$work/fetched" | tail -2
# lava-lxc-mocker's container is this machine's root: the loadgen namespace's test overlay was applied there.
rm -rf "/lava-$job"
