#!/usr/bin/env bash
# Makes the release files from ONE release binary (scripts/build-release.sh; nothing is built a
# second time): docs/install.md describes them and how they are installed.
#
#   OUTDIR/hostcheck_VERSION_ARCH.deb        Debian package (dpkg-deb; Depends from dpkg-shlibdeps)
#   OUTDIR/hostcheck-linux-MACHINE.tar.gz    the same files as a tree to copy, with install.sh
#   OUTDIR/SHA256SUMS                        sha256sum of both, for `sha256sum -c`
#
# Both carry the binary (stripped of its symbol table, as Debian policy asks), the man pages
# generated from the command definitions by swift-argument-parser's generate-manual tool (run on
# this binary), bash, zsh and fish completions written by the binary itself, README.md and the
# copyright file. Timestamps come from SOURCE_DATE_EPOCH (default: the last commit), so the same
# binary gives the same files.
#
# Usage: scripts/release.sh BIN OUTDIR [VERSION]
#   VERSION defaults to `BIN --version` and must equal it.
#   GENERATE_MANUAL=PATH uses that generate-manual executable instead of building it (debug build
#   of the swift-argument-parser checkout, in .build/generate-manual; about a minute the first time).
set -euo pipefail
umask 022
root=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "release.sh: $*" >&2; exit 1; }

[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: scripts/release.sh BIN OUTDIR [VERSION]"
[ -x "$1" ] || die "$1: not an executable"
bin=$(readlink -f "$1")
out=$2
self=$("$bin" --version)
version=${3:-$self}
[ "$version" = "$self" ] || die "VERSION $version differs from \`$bin --version\` ($self)"
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "version '$version' is not a Debian native version"
for tool in dpkg-deb dpkg-shlibdeps strip gzip tar sha256sum python3; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install dpkg-dev binutils)"
done

arch=$(dpkg --print-architecture)
machine=$(uname -m)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
day=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)
maintainer="hostcheck maintainers <maintainers@users.noreply.r-seed-c5590b08.example>"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The binary users get: hardened (checked before anything is packed), then stripped.
bash "$root/scripts/check-release-binary.sh" "$bin" >&2
cp "$bin" "$work/hostcheck"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$work/hostcheck"
"$work/hostcheck" --version >/dev/null || die "the stripped binary does not run"

# Man pages from the command definitions: hostcheck.1 and one page per subcommand
# (hostcheck.check.1, ...; `man hostcheck.check`), as generate-manual names them
# (packaging/manpages.py runs it on this binary).
if [ -n "${GENERATE_MANUAL:-}" ]; then
  manual=$GENERATE_MANUAL
else
  parser="$root/.build/checkouts/swift-argument-parser"
  [ -f "$parser/Package.swift" ] || (cd "$root" && swift package resolve >&2)
  margs=(--package-path "$parser" --scratch-path "$root/.build/generate-manual" --product generate-manual)
  swift build "${margs[@]}" >&2
  manual="$(swift build "${margs[@]}" --show-bin-path)/generate-manual"
fi
mkdir "$work/man"
python3 "$root/packaging/manpages.py" "$manual" "$work/hostcheck" "$work/man" "$day" \
  "hostcheck maintainers<maintainers@users.noreply.r-seed-c5590b08.example>" >&2
gzip -9n "$work/man"/*.1

# Completions, written by the binary (swift-argument-parser). The bash one is sourced, not run,
# so it loses its #! line.
mkdir "$work/completions"
for shell in bash zsh fish; do
  "$work/hostcheck" --generate-completion-script "$shell" | sed '1{/^#!/d}' >"$work/completions/$shell"
  [ -s "$work/completions/$shell" ] || die "no $shell completion script"
done

# The Debian changelog of a native package (the version has no Debian revision).
{
  echo "hostcheck ($version) unstable; urgency=medium"
  echo
  echo "  * Release $version, made by scripts/release.sh from one release build."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} >"$work/changelog"
gzip -9n "$work/changelog"

# tree PREFIX: the installed files under PREFIX (usr for the package; the tarball's root).
tree() {
  local p=$1 zsh=$2
  install -D -m 755 "$work/hostcheck" "$p/bin/hostcheck"
  install -d "$p/share/man/man1"
  install -m 644 "$work/man"/*.1.gz "$p/share/man/man1/"
  install -D -m 644 "$work/completions/bash" "$p/share/bash-completion/completions/hostcheck"
  install -D -m 644 "$work/completions/zsh" "$p/share/zsh/$zsh/_hostcheck"
  install -D -m 644 "$work/completions/fish" "$p/share/fish/vendor_completions.d/hostcheck.fish"
  install -D -m 644 "$root/packaging/copyright" "$p/share/doc/hostcheck/copyright"
  install -m 644 "$root/README.md" "$p/share/doc/hostcheck/README.md"
}

# The .deb. dpkg-shlibdeps reads debian/control and finds the binary under debian/hostcheck.
src="$work/src"
pkg="$src/debian/hostcheck"
tree "$pkg/usr" vendor-completions
install -m 644 "$work/changelog.gz" "$pkg/usr/share/doc/hostcheck/changelog.gz"
if [ -s "$root/packaging/lintian-overrides" ]; then
  install -D -m 644 "$root/packaging/lintian-overrides" "$pkg/usr/share/lintian/overrides/hostcheck"
fi
printf 'Source: hostcheck\n\nPackage: hostcheck\nArchitecture: any\n' >"$src/debian/control"
depends=$(cd "$src" && dpkg-shlibdeps -O debian/hostcheck/usr/bin/hostcheck 2>"$work/shlibdeps.err") \
  || { cat "$work/shlibdeps.err" >&2; die "dpkg-shlibdeps failed"; }
depends=${depends#shlibs:Depends=}
[ -n "$depends" ] || die "dpkg-shlibdeps computed no dependency"
install -d "$pkg/DEBIAN"
(cd "$pkg" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$pkg/DEBIAN/md5sums"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
  -e "s|@INSTALLED_SIZE@|$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)|" -e "s|@DEPENDS@|$depends|" \
  "$root/packaging/control.in" >"$pkg/DEBIAN/control"
chmod 644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"
find "$pkg" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$out"
deb="hostcheck_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/$deb" >&2

# The tarball: one directory that is a prefix tree, with install.sh to copy it to PREFIX.
name="hostcheck-linux-$machine"
top="$work/$name"
tree "$top" site-functions
install -m 755 "$root/scripts/install-hostcheck.sh" "$top/install.sh"
install -m 644 "$root/README.md" "$top/README.md"
install -m 644 "$root/packaging/copyright" "$top/copyright"
find "$top" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$work" -cf - "$name" | gzip -9n >"$out/$name.tar.gz"

(cd "$out" && sha256sum "$deb" "$name.tar.gz" >SHA256SUMS)
echo "release $version ($arch, Depends: $depends) in $out:" >&2
(cd "$out" && ls -l "$deb" "$name.tar.gz" SHA256SUMS) >&2
