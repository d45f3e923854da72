#!/usr/bin/env bash
# CI for the Swift extension seam and the SwiftPM plugins (docs/swift-extensions.md):
#  1. `swift package plugin --list` names the hostcheck command plugin, and
#     `swift package hostcheck lint` passes on this repository's rules/ (reusing the debug build
#     of `swift test`);
#  2. Examples/site-hostcheck (depends on hostcheck by path, adds a Swift reporter, embeds its
#     pack with HostCheckPackEmbed) builds in debug and runs: its pack and report format are there;
#  3. Tests/PluginFixtures/broken-packs, whose pack is broken: `swift package hostcheck lint`
#     exits non-zero with located errors, and `swift build` fails in HostCheckPackEmbed with the
#     same located errors in the build log.
# A separate package cannot share this package's build directory, so step 2 compiles hostcheck's
# modules once more (debug); step 3 shares the example's build directory (same dependency, same
# paths), so it only links and runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
fail() { echo "ci-swift-extensions: $*"; exit 1; }
quiet() { grep -vE '^(\[[0-9]+/[0-9]+\]|Compiling|Building|Write |Emitting|Planning|Wrapping|Linking|Applying)' || true; }

echo "-- swift package plugin --list"
plugins=$(swift package plugin --list 2>&1)
echo "$plugins" | grep hostcheck
echo "$plugins" | grep -q "‘hostcheck’ (plugin ‘HostCheckCommand’ in package ‘hostcheck’)" || fail "the hostcheck command plugin is not listed"

echo "-- swift package hostcheck lint (this repository's rules/)"
swift package hostcheck lint 2>&1 | quiet | tail -n 3

example=Examples/site-hostcheck
scratch="$root/$example/.build"
echo "-- $example: swift build (debug)"
started=$(date +%s)
if ! swift build --package-path "$example" --scratch-path "$scratch" >/tmp/hostcheck-example-build.log 2>&1; then
  quiet </tmp/hostcheck-example-build.log | tail -n 60; fail "$example does not build"
fi
awk -v s="$(( $(date +%s) - started ))" 'BEGIN { printf "example build: %.1f minutes (%d s)\n", s / 60, s }'
site="$(swift build --package-path "$example" --scratch-path "$scratch" --show-bin-path)/site-hostcheck"

echo "-- $example: run (from its directory, which has no ./rules: the embedded packs are used)"
cd "$example"
"$site" list reporters | grep site-summary || fail "site-hostcheck has no site-summary reporter"
"$site" list rules | grep site-baseline/ || fail "site-hostcheck has no site-baseline pack"
set +e
report=$("$site" check --capture samples/netstat-ano.txt --host site-web01 --format site-summary 2>&1)
status=$?
set -e
echo "$report"
[ "$status" -eq 1 ] || fail "site-hostcheck check exited $status, expected 1 (RDP on 0.0.0.0 fails the site's rule)"
echo "$report" | grep -q "failed: .*site-baseline/rdp-not-on-the-network" || fail "the site's rule did not fail in the site's report"
cd "$root"

fixture=Tests/PluginFixtures/broken-packs
echo "-- $fixture: swift package hostcheck lint (a broken pack: located errors, non-zero exit)"
set +e
lint=$(swift package --package-path "$fixture" --scratch-path "$scratch" hostcheck lint 2>&1)
status=$?
set -e
echo "$lint" | quiet
[ "$status" -ne 0 ] || fail "swift package hostcheck lint exited 0 on a broken pack"
echo "$lint" | grep -q "^rules/broken.yaml:9:5: error: unknown key 'slect'" || fail "no located error from swift package hostcheck lint"

echo "-- $fixture: swift build (HostCheckPackEmbed fails the build with located errors)"
set +e
build=$(swift build --package-path "$fixture" --scratch-path "$scratch" 2>&1)
status=$?
set -e
echo "$build" | quiet | grep -E "error|warning" | head -n 10
[ "$status" -ne 0 ] || fail "a broken pack did not fail the build"
echo "$build" | grep -q "rules/broken.yaml:9:5: error: unknown key 'slect'" || fail "the build log has no located error for the broken pack"
echo "swift extensions: example built and run, broken pack refused by both plugins"
