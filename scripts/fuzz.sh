#!/usr/bin/env bash
# Runs every libFuzzer target (docs/fuzzing.md) for SECONDS_PER_TARGET seconds (default 15), two at
# a time, and prints executions, coverage (cov:/ft: from libFuzzer's last status line) and
# findings per target. Exits non-zero when any target found an input that breaks a property.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
#   FUZZ_TARGETS="captures csv" scripts/fuzz.sh 300   # some targets only
#   FUZZ_JOBS=1 scripts/fuzz.sh 60                    # one at a time
#
# Artefacts (crashers, timeouts, new corpus inputs) go to a temporary directory, printed at the
# end; a minimised crasher is kept as a regression input by copying it into Fuzz/Corpus/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
jobs=${FUZZ_JOBS:-2}
targets=${FUZZ_TARGETS:-"packs captures snapshots waivers csv hostjson"}
scratch=.build/fuzz
work=$(mktemp -d "${TMPDIR:-/tmp}/hostcheck-fuzz.XXXXXX")

# The sanitizer build is separate from the debug and release builds (its own scratch path).
started=$(date +%s)
for target in $targets; do
  if ! HOSTCHECK_FUZZ=1 swift build -c release --sanitize=fuzzer -Xswiftc -DHOSTCHECK_FUZZ --scratch-path "$scratch" \
      --product "fuzz-$target" >"$work/build-$target.log" 2>&1; then
    grep -E "error" "$work/build-$target.log" | head -n 20
    echo "fuzz build of fuzz-$target failed (log: $work/build-$target.log)"; exit 2
  fi
done
bin=$(HOSTCHECK_FUZZ=1 swift build -c release --scratch-path "$scratch" --show-bin-path)
echo "fuzz build: $(( $(date +%s) - started )) s"

run() {
  local target=$1 dir="$work/$1"
  mkdir -p "$dir/corpus" "$dir/artefacts"
  local dict=()
  [ -f "Fuzz/Dictionaries/$target.dict" ] && dict=("-dict=Fuzz/Dictionaries/$target.dict")
  # New inputs go to the first directory (a temporary one); the repository's corpus is only read.
  SWIFT_BACKTRACE=enable=no "$bin/fuzz-$target" "$dir/corpus" "Fuzz/Corpus/$target" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$dir/artefacts/" >"$dir/log" 2>&1 || true
}

running=0
for target in $targets; do
  run "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

findings=0
printf '\n%-10s %14s %8s %8s %8s %9s\n' target executions exec/s cov ft findings
for target in $targets; do
  dir="$work/$target"
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$dir/log" | grep -oE '[0-9]+$' || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$dir/log" | grep -oE '[0-9]+$' || true)
  last=$(grep -E '^#[0-9]+' "$dir/log" | tail -n 1 || true)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || true)
  found=$(find "$dir/artefacts" -type f | wc -l)
  if [ -z "$execs" ] && [ "$found" -eq 0 ]; then found=1; echo "fuzz-$target did not finish: $dir/log"; fi
  findings=$((findings + found))
  printf '%-10s %14s %8s %8s %8s %9s\n' "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$found"
done
echo
echo "artefacts and logs: $work"
if [ "$findings" -ne 0 ]; then
  find "$work" -path '*/artefacts/*' -type f | while read -r crasher; do
    target=$(basename "$(dirname "$(dirname "$crasher")")")
    echo "finding: $crasher"
    grep -m1 -E 'property violated|Fatal error|ERROR: libFuzzer' "$work/$target/log" || true
    echo "  minimise: $bin/fuzz-$target -minimize_crash=1 -runs=20000 -exact_artifact_path=Fuzz/Corpus/$target/finding-<name> $crasher"
  done
  echo "$findings finding(s)"
  exit 1
fi
echo "no findings"
