#!/usr/bin/env bash
# One command: build hostcheck in release mode, install jc (PyPI) when missing, generate a
# large Windows `netstat -anob` capture in a temporary directory and time
# `hostcheck facts --capture FILE --format json` against `jc --netstat < FILE`.
# Run from anywhere; extra arguments go to capture_throughput.py (--size-mb 80 --rounds 7 ...).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import jc' 2>/dev/null; then
    "$PYTHON" -m pip install --quiet jc
fi
bash scripts/build-release.sh >/dev/null
exec "$PYTHON" Benchmarks/capture_throughput.py "$@"
