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
# `public` is the documented seam: every public declaration has a `///` doc comment directly
# above it (blank lines and attribute-only lines such as `@inlinable` may come between).
# Conformance members whose meaning the protocol gives (==, <, hash, description,
# debugDescription, init(from:)) are exempt.
undocumented=$(python3 - <<'PY'
import pathlib, re
skip = re.compile(r'public (static func (==|<)|func hash\(|var description|var debugDescription|init\(from)')
attribute_only = re.compile(r'(@\w+(\([^()]*\))?\s*)+')
for path in sorted(pathlib.Path('Sources').rglob('*.swift')):
    lines = path.read_text(encoding='utf-8').split('\n')
    for i, line in enumerate(lines):
        if not re.match(r'\s*public ', line) or skip.search(line):
            continue
        j = i - 1
        while j >= 0 and (lines[j].strip() == '' or attribute_only.fullmatch(lines[j].strip())):
            j -= 1
        if j < 0 or not lines[j].strip().startswith('///'):
            print(f"{path}:{i + 1}: {line.strip()}")
PY
)
if [ -n "$undocumented" ]; then
  echo "lint: public declaration without a /// doc comment:"; echo "$undocumented"; fail=1
fi
if [ "$fail" -ne 0 ]; then exit 1; fi
echo "lint: sources clean ($(find Sources -name '*.swift' | wc -l) Swift files)"
