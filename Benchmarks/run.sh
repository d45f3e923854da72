#!/usr/bin/env bash
# One command: build hostcheck in release mode and compare its live probe with ss, netstat,
# lsof and psutil at 1k, 10k and 50k loopback sockets. Run from anywhere; extra arguments go
# to bench_live.py (--levels 1000,10000 --rounds 15 ...). The release build is the binary users
# install (scripts/build-release.sh). Needs root for full owner data.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import psutil' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq python3-psutil >/dev/null 2>&1 || echo "python3-psutil not installed; psutil left out"
fi
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null 2>&1 || true
fi
bash scripts/build-release.sh >/dev/null
exec /usr/bin/python3 Benchmarks/bench_live.py "$@"
