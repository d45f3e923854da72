#!/usr/bin/env bash
# CI step for the release files (docs/install.md), from the one release binary BIN:
#   packaging/glibc-compat.c (linked into BIN) against glibc's own hypotf and arc4random;
#   scripts/release.sh -> .deb, tarball, SHA256SUMS; lintian on the .deb;
#   dpkg -i, man hostcheck, a check on a capture and a live check, bash completion, dpkg -r and
#   nothing left behind;
#   the README's install one-liner against a loopback HTTP server, and refused for a tampered
#   tarball; docs/examples: GitHub and GitLab files against their schemas, the Jenkinsfile's sh
#   steps run against the loopback release.
# Installs what it needs (lintian, bash-completion, check-jsonschema) when missing; prints its
# duration. Usage: scripts/ci-package.sh BIN
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=$(readlink -f "$1")
started=$(date +%s)
fixtures=$root/Tests/HostCheckCLITests/Fixtures
say() { printf -- '--- %s\n' "$*"; }
fail() { echo "ci-package: FAILED: $*"; exit 1; }

missing=()
command -v lintian >/dev/null || missing+=(lintian)
command -v dpkg-shlibdeps >/dev/null || missing+=(dpkg-dev)
command -v man >/dev/null || missing+=(man-db)
[ -f /usr/share/bash-completion/bash_completion ] || missing+=(bash-completion)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v check-jsonschema >/dev/null || pip install -q check-jsonschema

work=$(mktemp -d)
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
version=$("$bin" --version)
if dpkg-query -W hostcheck >/dev/null 2>&1; then fail "a hostcheck package is already installed"; fi

say "packaging/glibc-compat.c against glibc's own hypotf and arc4random"
cat >"$work/compat-test.c" <<'C'
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
float __wrap_hypotf(float, float);
uint32_t __wrap_arc4random(void);
int main(void) {
  const float v[] = {0.0f, -0.0f, 1e-45f, 1e-30f, 0.5f, 3.0f, 4.0f, -7.25f, 1e19f, 3.4e38f, -3.4e38f, INFINITY, -INFINITY, NAN};
  int n = sizeof v / sizeof v[0], bad = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      float want = hypotf(v[i], v[j]), got = __wrap_hypotf(v[i], v[j]);
      int same = (isnan(want) && isnan(got)) || (want == got) || fabsf(want - got) <= 1e-7f * fabsf(want);
      if (!same) { printf("hypotf(%g, %g): glibc %.9g, compat %.9g\n", v[i], v[j], want, got); bad = 1; }
    }
  uint32_t a = __wrap_arc4random(), b = __wrap_arc4random(), c = __wrap_arc4random();
  if (a == b && b == c) { printf("arc4random: three equal values\n"); bad = 1; }
  printf("hypotf: %d pairs agree with glibc; arc4random: %08x %08x %08x\n", n * n, a, b, c);
  return bad;
}
C
cc=$(dirname "$(readlink -f "$(command -v swift)")")/clang
"$cc" -O2 -Wall -Werror "$work/compat-test.c" packaging/glibc-compat.c -lm -o "$work/compat-test"
"$work/compat-test" || fail "packaging/glibc-compat.c differs from glibc"

say "release files (scripts/release.sh)"
release=$work/www/good
bash scripts/release.sh "$bin" "$release" "$version" 2>"$work/release.log" || { cat "$work/release.log"; fail "release.sh"; }
grep -E '^(manpages|release)' "$work/release.log" || true
(cd "$release" && ls -l && cat SHA256SUMS && sha256sum --check --strict SHA256SUMS)
deb=$release/hostcheck_${version}_$(dpkg --print-architecture).deb
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Architecture|Installed-Size|Depends):'

say "lintian (errors, warnings and information; overrides: packaging/lintian-overrides)"
set +e
lintian --info --display-info --fail-on error,warning,info "$deb" >"$work/lintian.txt" 2>&1
status=$?
set -e
tags=$(grep -v '^running with root privileges' "$work/lintian.txt" || true)
[ -z "$tags" ] || printf '%s\n' "$tags"
[ "$status" -eq 0 ] && [ -z "$tags" ] || fail "lintian (exit $status)"
echo "lintian: no tag (overridden: $(grep -c '^[a-z]' packaging/lintian-overrides))"

say "dpkg -i"
dpkg -i "$deb"
dpkg-query -L hostcheck | sort >"$work/files"
echo "$(wc -l <"$work/files") paths installed; /usr/bin/hostcheck --version: $(/usr/bin/hostcheck --version)"
bash scripts/check-release-binary.sh /usr/bin/hostcheck
ldd /usr/bin/hostcheck

say "man hostcheck"
MANPAGER=cat MANWIDTH=80 man hostcheck >"$work/man.txt" 2>"$work/man.err" || fail "man hostcheck"
head -n 8 "$work/man.txt"
grep -q '^EXIT STATUS' "$work/man.txt" || fail "man hostcheck has no EXIT STATUS section"
[ ! -s "$work/man.err" ] || { cat "$work/man.err"; fail "man hostcheck warned"; }
MANPAGER=cat MANWIDTH=80 man hostcheck-check | grep -q -- '--fleet' || fail "man hostcheck-check does not document --fleet"
whatis hostcheck-check

say "hostcheck check on a capture (Windows netstat -ano + tasklist)"
set +e
hostcheck check --capture "$fixtures/windows/netstat-ano-3691.txt" --capture "$fixtures/windows/tasklist-magaya.csv" >"$work/capture.txt" 2>&1
status=$?
set -e
tail -n 1 "$work/capture.txt"
[ "$status" -eq 0 ] || { cat "$work/capture.txt"; fail "capture check exit $status (expected 0: every rule passes)"; }
echo "capture check exit $status"

say "hostcheck check on this host (live)"
set +e
hostcheck check >"$work/live.txt" 2>&1
status=$?
set -e
tail -n 1 "$work/live.txt"
case $status in 0|1|2) echo "live check exit $status" ;; *) cat "$work/live.txt"; fail "live check exit $status" ;; esac

say "bash completion"
# shellcheck disable=SC2016
completed=$(bash -c 'source /usr/share/bash-completion/bash_completion
  source /usr/share/bash-completion/completions/hostcheck
  spec=$(complete -p hostcheck) && function=${spec##*-F } && function=${function%% *}
  COMP_WORDS=(hostcheck che); COMP_CWORD=1; COMP_LINE="hostcheck che"; COMP_POINT=${#COMP_LINE}
  "$function" hostcheck che hostcheck && printf "%s\n" "${COMPREPLY[@]}"')
echo "hostcheck che<TAB>: $completed"
grep -qx check <<<"$completed" || fail "bash completion does not complete 'che' to 'check'"

say "dpkg -r"
dpkg -r hostcheck
left=$(while read -r path; do [ -d "$path" ] || [ ! -e "$path" ] || echo "$path"; done <"$work/files")
[ -z "$left" ] || fail "left after dpkg -r: $left"
[ "$(dpkg-query -W -f='${db:Status-Status}' hostcheck 2>/dev/null || echo not-installed)" = not-installed ] || fail "dpkg still lists hostcheck"
echo "dpkg -r: none of the $(wc -l <"$work/files") paths is left (directories shared with other packages aside)"

say "README install one-liner against a loopback server"
# The README's block after the marker: the line setting HOSTCHECK_RELEASE_URL, then the one-liner.
oneliner=$(awk '/<!-- install-one-liner/ { found = 1; next } found && /^```sh/ { inside = 1; next }
  inside && /^```/ { exit } inside && !/^export HOSTCHECK_RELEASE_URL=/ { print }' README.md)
[ -n "$oneliner" ] || fail "no install one-liner in README.md"
printf '%s\n' "$oneliner"
mkdir -p "$work/www/tampered"
cp "$release"/* "$work/www/tampered/"
tarball=hostcheck-linux-$(uname -m).tar.gz
printf 'x' >>"$work/www/tampered/$tarball"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/www" >"$work/http.log" 2>&1 &
server=$!
port=
for _ in $(seq 50); do
  port=$(sed -nE 's/.* port ([0-9]+) .*/\1/p' "$work/http.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/http.log"; fail "http.server did not start"; }
(cd "$work" && HOSTCHECK_RELEASE_URL=http://127.0.0.1:$port/good PREFIX=$work/prefix bash -euc "$oneliner")
[ "$("$work/prefix/bin/hostcheck" --version)" = "$version" ] || fail "the one-liner did not install hostcheck $version"
[ -f "$work/prefix/share/man/man1/hostcheck.1.gz" ] || fail "the one-liner installed no man page"
echo "one-liner: installed $("$work/prefix/bin/hostcheck" --version) under PREFIX"
set +e
(cd "$work" && HOSTCHECK_RELEASE_URL=http://127.0.0.1:$port/tampered PREFIX=$work/prefix-tampered bash -euc "$oneliner") >"$work/tampered.log" 2>&1
status=$?
set -e
cat "$work/tampered.log"
[ "$status" -ne 0 ] || fail "the one-liner accepted a tampered tarball"
[ ! -e "$work/prefix-tampered" ] || fail "the one-liner installed files from a tampered tarball"
echo "tampered tarball: refused (exit $status), nothing installed"

say "docs/examples: GitHub and GitLab files against their schemas"
check-jsonschema --builtin-schema vendor.github-workflows docs/examples/github-actions.yml
check-jsonschema --builtin-schema vendor.gitlab-ci docs/examples/gitlab-ci.yml

say "docs/examples/Jenkinsfile: its sh steps, run as Jenkins runs them, against the loopback release"
workspace=$work/jenkins
mkdir -p "$workspace"
cp -r "$root/rules" "$workspace/rules"
cp -r "$fixtures/fleet6" "$workspace/captures"
python3 scripts/jenkinsfile-steps.py docs/examples/Jenkinsfile >"$work/steps.json"
count=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$work/steps.json")
for ((i = 0; i < count; i++)); do
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[int(sys.argv[2])]["script"])' "$work/steps.json" "$i" >"$work/step-$i.sh"
  returns=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[int(sys.argv[2])]["returnStatus"])' "$work/steps.json" "$i")
  set +e
  (cd "$workspace" && env -u PREFIX WORKSPACE="$workspace" HOSTCHECK_RELEASE_URL="http://127.0.0.1:$port/good" sh -xe "$work/step-$i.sh") >"$work/step-$i.log" 2>&1
  status=$?
  set -e
  tail -n 4 "$work/step-$i.log"
  echo "Jenkins step $((i + 1)) of $count: exit $status (returnStatus: $returns)"
  if [ "$returns" = False ] && [ "$status" -ne 0 ]; then fail "Jenkins step $((i + 1)) failed"; fi
  if [ "$returns" = True ]; then case $status in 0|1|2) ;; *) fail "Jenkins step $((i + 1)): hostcheck could not run" ;; esac; fi
done
[ -s "$workspace/out/junit.xml" ] && [ -s "$workspace/out/report.html" ] || fail "the Jenkins steps wrote no out/junit.xml and out/report.html"
echo "Jenkins: out/junit.xml ($(grep -c '<testcase' "$workspace/out/junit.xml") test cases), out/report.html"

awk -v s="$(($(date +%s) - started))" 'BEGIN { printf "package step: %.1f minutes (%d s)\n", s / 60, s }'
