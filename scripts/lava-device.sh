#!/usr/bin/env bash
# Renders a LAVA device dictionary into the device YAML that `lava-run --device` reads, from the device-type
# templates Debian ships in lava-server. Without lava-server installed, the templates are taken from its .deb
# (apt-get download, once, into artifacts/lava/; no server, database or apache is installed).
#   scripts/lava-device.sh DEVICE_TYPE OUTPUT.yaml [HOST_PORT]
# qemu: the emulated arm64 board (cortex-a72, 2 vCPUs, 1 GiB) with 127.0.0.1:HOST_PORT forwarded to the board's
# port 8080; a Raspberry Pi type: a dictionary with placeholder connection and power commands, enough for
# `lava-run --validate` (a lab's own dictionary has its real ones).
set -euo pipefail
type=${1:?device type}; output=${2:?output file}; port=${3:-18080}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/lib/lava.sh"
templates=/usr/share/lava-server/device-types
if [ ! -f "$templates/base.jinja2" ]; then
  cache="$root/artifacts/lava"
  templates="$cache/device-types"
  if [ ! -f "$templates/base.jinja2" ]; then
    mkdir -p "$cache"
    ( cd "$cache" && ls lava-server_*_all.deb >/dev/null 2>&1 || apt-get download -q lava-server >/dev/null 2>&1 ) || {
      echo "lava-device: cannot download Debian's lava-server package (run apt-get update)" >&2; exit 1; }
    staging=$(mktemp -d "$cache/extract.XXXXXX")
    dpkg-deb --fsys-tarfile "$(ls "$cache"/lava-server_*_all.deb | tail -1)" | tar -x -C "$staging" ./usr/share/lava-server/device-types
    rm -rf "$templates" && mv "$staging/usr/share/lava-server/device-types" "$templates" && rm -rf "$staging"
  fi
fi
dict=$(mktemp -d)
trap 'rm -rf "$dict"' EXIT
if [ "$type" = qemu ]; then
  qemu_device_dictionary "$port" > "$dict/device.jinja2"
else
  cat > "$dict/device.jinja2" <<DICT
{% extends '$type.jinja2' %}
{% set connection_command = 'socat - TCP:127.0.0.1:7001' %}
{% set hard_reset_command = 'true' %}
{% set power_off_command = 'true' %}
{% set power_on_command = 'true' %}
DICT
fi
# Debian's python3: LAVA's modules (jinja2 among them) are installed for it, not for another python3 on PATH.
/usr/bin/python3 - "$templates" "$dict" > "$output" <<'PY'
import sys, jinja2
templates, dictionary = sys.argv[1:3]
# lava-server renders device dictionaries with these settings (lava_scheduler_app)
env = jinja2.Environment(loader=jinja2.FileSystemLoader([dictionary, templates]), trim_blocks=True, autoescape=False)
print(env.get_template("device.jinja2").render())
PY
