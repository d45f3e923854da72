#!/usr/bin/env bash
# Checks that a hostcheck binary is what scripts/build-release.sh promises: position-independent
# with full RELRO, carrying the Swift and C++ runtimes (no libswift*.so, no libstdc++.so), and
# asking for no glibc symbol version newer than the floor the README and docs/install.md state.
# Prints the facts; exits 1 if one is missing.
# Usage: scripts/check-release-binary.sh PATH/TO/hostcheck
set -euo pipefail
bin=$1
floor=2.34   # GLIBC_2.34: __libc_start_main and the pthread functions that moved into libc
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
needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" { printf "%s ", $2 }')
echo "NEEDED     ${needed% }"
if grep -q 'libstdc++' <<<"$needed"; then echo "C++ runtime: dynamic (libstdc++.so is NEEDED)"; fail=1; fi
symbols=$(objdump -T "$bin")
glibc=$(grep -o 'GLIBC_[0-9.]*' <<<"$symbols" | sort -uV | tail -n 1 || true)
glibcxx=$(grep -o 'GLIBCXX_[0-9.]*' <<<"$symbols" | sort -uV | tail -n 1 || true)
echo "glibc floor ${glibc:-none} (at most GLIBC_$floor allowed)${glibcxx:+, $glibcxx}"
if [ -n "$glibcxx" ]; then echo "C++ runtime: needs $glibcxx from the system's libstdc++"; fail=1; fi
if [ -n "$glibc" ] && [ "$(printf '%s\n' "GLIBC_$floor" "$glibc" | sort -V | tail -n 1)" != "GLIBC_$floor" ]; then
  grep -E "\($glibc\)" <<<"$symbols" | awk '{ print "  needs " $NF " " $(NF-1) }' | sort -u
  fail=1
fi
if [ "$fail" -ne 0 ]; then echo "$bin: not a PIE with full RELRO, the Swift and C++ runtimes linked in and glibc <= $floor"; exit 1; fi
