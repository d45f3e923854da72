#!/usr/bin/env bash
# Installs the consumer tools that scripts/check-*.py use (for .ci/run; run as root).
#   Debian: prometheus (promtool), chromium, perl (prove, TAP::Parser), python3, python3-pip
#   PyPI:   jsonschema, junitparser, tap.py[yaml] (tappy + PyYAML), markdown-it-py
set -euo pipefail
need_apt=()
command -v promtool >/dev/null || need_apt+=(prometheus)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v prove >/dev/null || need_apt+=(perl)
command -v python3 >/dev/null || need_apt+=(python3 python3-pip)
if ((${#need_apt[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
python3 -m pip install -q --disable-pip-version-check jsonschema junitparser "tap.py[yaml]" markdown-it-py 2>/dev/null \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages jsonschema junitparser "tap.py[yaml]" markdown-it-py
