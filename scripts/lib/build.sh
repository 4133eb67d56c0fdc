#!/usr/bin/env bash
# build.sh <build-dir> <build-type> [cmake options...]: configure and build.
set -euo pipefail
dir=$1 type=$2
shift 2
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
