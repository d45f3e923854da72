#!/bin/sh
# Installs hostcheck from an unpacked release tarball (scripts/release.sh ships this file in it
# as install.sh; docs/install.md): the binary, man pages and bash/zsh/fish completions, copied
# to PREFIX (default /usr/local; PREFIX=$HOME/.local needs no root). With --uninstall it removes
# the same files again.
#
# Usage: [PREFIX=DIR] sh hostcheck-linux-MACHINE/install.sh [--uninstall]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-/usr/local}
case ${1:-} in
  "" | --uninstall) ;;
  *) echo "usage: [PREFIX=DIR] sh install.sh [--uninstall]" >&2; exit 64 ;;
esac
[ -x "$here/bin/hostcheck" ] || { echo "install.sh: $here/bin/hostcheck missing: run the install.sh of an unpacked release tarball" >&2; exit 66; }

cd "$here"
files=$(find bin share -type f | LC_ALL=C sort)
for f in $files; do
  if [ "${1:-}" = --uninstall ]; then
    rm -f "$prefix/$f"
  else
    mode=644
    case $f in bin/*) mode=755 ;; esac
    mkdir -p "$prefix/$(dirname "$f")"
    # A new file renamed over the old one: a running hostcheck keeps its inode.
    cp "$f" "$prefix/$f.new.$$"
    chmod "$mode" "$prefix/$f.new.$$"
    mv -f "$prefix/$f.new.$$" "$prefix/$f"
  fi
done

if [ "${1:-}" = --uninstall ]; then
  echo "removed hostcheck from $prefix"
  exit 0
fi
echo "installed hostcheck $("$prefix/bin/hostcheck" --version) as $prefix/bin/hostcheck"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not in PATH" ;;
esac
