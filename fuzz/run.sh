#!/usr/bin/env bash
# Builds the scenario-loader fuzz target with clang (libFuzzer + ASan + UBSan, build-fuzz/) and
# runs it for SECONDS (default 60) on one core, seeded with every scenario in the repository.
# New interesting inputs go to build-fuzz/corpus (not committed); a crash leaves
# build-fuzz/crash-* and a non-zero exit status. Turn each finding into a file in
# tests/data/bad/ with its expected message (EXPECTED.tsv) and fix the loader.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target scenario_loader_fuzz
corpus=build-fuzz/corpus
mkdir -p "$corpus"
seeds=()
for dir in config tests/data/io tests/data/bad tests/data/model experiments; do
  [ -d "$dir" ] && seeds+=("$dir")
done
# -max_len: scenario files are small; 64 KiB keeps each execution fast while allowing long
# lists. -timeout: one input taking more than 10 s is a finding (a hang).
exec ./build-fuzz/fuzz/scenario_loader_fuzz "$corpus" "${seeds[@]}" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -dict=fuzz/scenario.dict -artifact_prefix=build-fuzz/ -print_final_stats=1
