#!/usr/bin/env bash
# Project lint: constructs the engineering standards forbid in Sources/ and Tests/.
# Crash points on input, escape hatches from strict concurrency, XCTest, and Foundation.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
check() {
  local what=$1 pattern=$2 dirs=$3
  local hits
  hits=$(grep -rnE --include='*.swift' "$pattern" $dirs | grep -vE '^\S+:[0-9]+:\s*///?' || true)
  if [ -n "$hits" ]; then
    echo "lint: $what:"; echo "$hits"; fail=1
  fi
}
check "try! (crashes on error)" 'try!' "Sources"
check "fatalError" 'fatalError\(' "Sources"
check "forced cast as!" '[^a-zA-Z]as! ' "Sources"
check "@unchecked Sendable" '@unchecked Sendable' "Sources Tests"
check "nonisolated(unsafe)" 'nonisolated\(unsafe\)' "Sources Tests"
check "XCTest (use Swift Testing)" '^import XCTest' "Tests"
check "Bundle.module (a moved binary must not need resources)" 'Bundle\.module' "Sources"
# Foundation (with ICU) adds 3 ms to every start; FoundationEssentials is enough. `import
# Foundation` may only be the #else of `#if canImport(FoundationEssentials)` (for macOS).
foundation=$(find Sources -name '*.swift' -exec awk 'prev !~ /^#else/ && /^(@_exported |public )?import Foundation$/ { print FILENAME ":" FNR ": " $0 } { prev = $0 }' {} + || true)
if [ -n "$foundation" ]; then
  echo "lint: import Foundation (use FoundationEssentials, or the C library):"; echo "$foundation"; fail=1
fi
if [ "$fail" -ne 0 ]; then exit 1; fi
echo "lint: sources clean ($(find Sources -name '*.swift' | wc -l) Swift files)"
