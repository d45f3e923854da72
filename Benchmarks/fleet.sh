#!/usr/bin/env bash
# One command: time `hostcheck check rules --fleet DIR --format json:FILE` against
# `grep -rc LISTENING DIR` and reading the files, at 1k, 10k and 100k generated Windows bundles
# (Benchmarks/README.md, "Fleet"). Builds the release binary unless HOSTCHECK names one; the
# fleets are written once into FLEET_DIR (default /tmp/hostcheck-fleets, 4.2 KB a host) and kept.
# Extra arguments go to fleet_bench.py (--levels 1000,10000 --rounds 9 --jobs 2 ...).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null 2>&1 || true
fi
bin="${HOSTCHECK:-$(bash scripts/build-release.sh)}"
exec python3 Benchmarks/fleet_bench.py --hostcheck "$bin" --rules "$PWD/rules" \
    --fleets "${FLEET_DIR:-/tmp/hostcheck-fleets}" "$@"
