#!/usr/bin/env bash
# Everything a fresh Debian machine with Node >= 20, g++, make and python3 needs before `pnpm start` or
# `pnpm test` (the README's two quick-start commands run this first):
#   - OpenBLAS/LAPACK (libopenblas-dev, found with pkg-config): dense math; the LAPACK ops need it;
#   - dataset-fashion-mnist: the data the main job trains on;
#   - pnpm, then the workspace's packages (which builds the C++ addon).
# Debian packages come from apt-get, as root or through sudo; anything already present is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev pkg-config)
dpkg -s dataset-fashion-mnist >/dev/null 2>&1 || missing+=(dataset-fashion-mnist)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "setup: these Debian packages are missing: ${missing[*]}" >&2
    echo "setup: install them as root (apt-get install ${missing[*]}) and run this again" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]} with apt-get"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v pnpm >/dev/null 2>&1 || npm install -g pnpm@10
pnpm install
