#!/usr/bin/env bash
# Builds the hostcheck that users install, and prints its path on standard output (the build's
# own output goes to standard error), so `bin=$(bash scripts/build-release.sh)` works.
#
# The binary carries the Swift runtime (--static-swift-stdlib: no libswift*.so, so it runs on
# any glibc Linux without the toolchain) and is hardened: position-independent (PIE, the Swift
# driver's default on Linux) with full RELRO (-z relro -z now: relocations are all done at
# start, then made read-only).
# `readelf -h -l -d BIN` shows Type DYN, a GNU_RELRO segment, FLAGS BIND_NOW and FLAGS_1 NOW PIE;
# scripts/check-release-binary.sh checks exactly that.
#
# Usage: scripts/build-release.sh [more `swift build` arguments, e.g. --scratch-path DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
args=(
  -c release --product hostcheck
  --static-swift-stdlib
  -Xlinker -z -Xlinker relro
  -Xlinker -z -Xlinker now
  "$@"
)
swift build "${args[@]}" >&2
echo "$(swift build "${args[@]}" --show-bin-path)/hostcheck"
