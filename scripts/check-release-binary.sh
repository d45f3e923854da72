#!/usr/bin/env bash
# Checks that a hostcheck binary is what scripts/build-release.sh promises: position-independent
# with full RELRO, and carrying the Swift runtime. Prints the facts; exits 1 if one is missing.
# Usage: scripts/check-release-binary.sh PATH/TO/hostcheck
set -euo pipefail
bin=$1
elf=$(readelf -h -l -d "$bin")
fail=0
fact() {  # fact NAME PATTERN: print the readelf line that shows it, or say it is missing
  local name=$1 pattern=$2 line
  line=$(grep -m1 -E "$pattern" <<<"$elf" | sed -E 's/^ +//; s/ +/ /g' || true)
  if [ -n "$line" ]; then
    printf '%-10s %s\n' "$name" "$line"
  else
    printf '%-10s MISSING\n' "$name"; fail=1
  fi
}
fact DYN       'Type: +DYN '
fact GNU_RELRO '^ +GNU_RELRO '
fact BIND_NOW  '\(FLAGS\) +.*BIND_NOW'
fact PIE       '\(FLAGS_1\) +Flags:.* NOW.* PIE'
swiftlibs=$(ldd "$bin" | grep -oE '^\s*libswift[^ ]*\.so[^ ]*' | tr -d '[:blank:]' | sort -u | tr '\n' ' ' || true)
if [ -n "$swiftlibs" ]; then
  echo "Swift runtime: dynamic (${swiftlibs% })"; fail=1
else
  echo "Swift runtime: linked in (ldd lists no libswift*.so)"
fi
if [ "$fail" -ne 0 ]; then echo "$bin: not a PIE with full RELRO and the Swift runtime linked in"; exit 1; fi
