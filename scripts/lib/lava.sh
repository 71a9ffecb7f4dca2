# The emulated arm64 board as a LAVA device dictionary (device type qemu: cortex-a72, 2 vCPUs, 1 GiB), its port 8080
# forwarded from 127.0.0.1:PORT (default 18080: where `devicebench lava job`'s loadgen looks for it unless given
# --board-address, LavaJobSettings.EmulatedHostPort). One place for scripts/lava-device.sh (lava-run) and
# scripts/lava-server.sh (a worker).
#   qemu_device_dictionary [PORT]
qemu_device_dictionary() {
  cat <<DICT
{% extends 'qemu.jinja2' %}
{% set arch = 'arm64' %}
{% set cpu = 'cortex-a72' %}
{% set machine = 'virt' %}
{% set memory = 1024 %}
{% set extra_options = ['-smp 2'] %}
{% set netdevice = 'user,hostfwd=tcp:127.0.0.1:${1:-18080}-:8080' %}
DICT
}
