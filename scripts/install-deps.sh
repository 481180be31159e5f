#!/usr/bin/env bash
# Installs everything caseflow needs from Debian 12's package archive (no other network is
# needed). Safe to run again; skips apt when every package is already installed.
set -euo pipefail
packages=(
  cmake ninja-build g++ make pkg-config git
  libyaml-cpp-dev libboost-dev libboost-graph-dev libeigen3-dev libfmt-dev libcli11-dev
  libsqlite3-dev sqlite3 libopenmpi-dev openmpi-bin catch2 libbenchmark-dev
  clang libclang-rt-14-dev graphviz
  python3-pandas python3-matplotlib python3-nbformat python3-ipykernel jupyter-nbconvert python3-simpy time
  libxlsxwriter-dev python3-openpyxl python3-yaml
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
