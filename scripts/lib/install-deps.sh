#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Downstream.
# Quick when everything is present: apt-get runs only for missing packages.
set -euo pipefail
packages=(g++ cmake ninja-build ccache pkg-config curl openssl
          libpoco-dev libsoci-dev libboost-test-dev libssl-dev libpq-dev libsqlite3-dev postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then echo "run as root to install packages (apt-get)" >&2; exit 1; fi
  apt-get update -qq
  # --no-upgrade: never upgrade what is already there (STACK-NOTES §0).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}" >/dev/null
fi
