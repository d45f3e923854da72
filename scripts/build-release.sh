#!/usr/bin/env bash
# Builds the hostcheck that users install, and prints its path on standard output (the build's
# own output goes to standard error), so `bin=$(bash scripts/build-release.sh)` works.
#
# The binary carries the Swift runtime (--static-swift-stdlib: no libswift*.so, so it runs
# without the toolchain) and the C++ runtime (libstdc++.a: no GLIBCXX version is needed), and
# asks for nothing newer than GLIBC_2.34 (packaging/glibc-compat.c; docs/install.md, "Which Linux
# runs it"). It needs libc, libm, libgcc_s and libyaml at run time.
# It is hardened: position-independent (PIE, the Swift driver's default on Linux) with full RELRO
# (-z relro -z now: relocations are all done at start, then made read-only).
# `readelf -h -l -d BIN` shows Type DYN, a GNU_RELRO segment, FLAGS BIND_NOW and FLAGS_1 NOW PIE;
# scripts/check-release-binary.sh checks exactly that, the shared libraries and the glibc floor.
#
# Usage: scripts/build-release.sh [more `swift build` arguments, e.g. --scratch-path DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

# libstdc++ statically: the Swift runtime's link line names -lstdc++, and the linker takes the
# first directory that has the library, so a directory holding only libstdc++.a, searched before
# the compiler's own (-L given to swiftc comes first; -Xlinker -L would come last), wins.
# The C compiler is the Swift toolchain's clang, which sits next to swift.
cc=$(dirname "$(readlink -f "$(command -v swift)")")/clang
[ -x "$cc" ] || cc=$(command -v clang || command -v cc)
link=$(pwd)/.build/release-link
mkdir -p "$link"
archive=$("$cc" -print-file-name=libstdc++.a)
[ -f "$archive" ] || { echo "build-release.sh: libstdc++.a not found (install libstdc++-dev for your compiler)" >&2; exit 1; }
ln -sfn "$archive" "$link/libstdc++.a"
"$cc" -O2 -fPIC -Wall -Werror -c packaging/glibc-compat.c -o "$link/glibc-compat.o"

args=(
  -c release --product hostcheck
  --static-swift-stdlib
  -Xswiftc "-L$link"
  -Xlinker "$link/glibc-compat.o"
  -Xlinker --wrap=hypotf
  -Xlinker --wrap=arc4random
  -Xlinker -z -Xlinker relro
  -Xlinker -z -Xlinker now
  "$@"
)
swift build "${args[@]}" >&2
echo "$(swift build "${args[@]}" --show-bin-path)/hostcheck"
