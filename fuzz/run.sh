#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer + ASan + UBSan, build-fuzz/) and runs each for
# SECONDS (default 60) on one core: the scenario loader, seeded with every scenario in the
# repository, then `report`'s readers, seeded with each file of a small results folder.
# New interesting inputs go to build-fuzz/corpus and build-fuzz/report-corpus (not committed);
# a crash leaves build-fuzz/crash-* and a non-zero exit status. Turn each finding into a file in
# tests/data/bad/ (or a report test) with its expected message and fix the reader.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target scenario_loader_fuzz report_readers_fuzz
corpus=build-fuzz/corpus
mkdir -p "$corpus"
seeds=()
for dir in config tests/data/io tests/data/bad tests/data/model experiments; do
  [ -d "$dir" ] && seeds+=("$dir")
done
# -max_len: scenario files are small; 64 KiB keeps each execution fast while allowing long
# lists. -timeout: one input taking more than 10 s is a finding (a hang).
./build-fuzz/fuzz/scenario_loader_fuzz "$corpus" "${seeds[@]}" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -dict=fuzz/scenario.dict -artifact_prefix=build-fuzz/ -print_final_stats=1

# Seeds for the report target: the first byte picks the file the rest replaces (the order of
# kFiles in report_readers_fuzz.cpp).
report_seeds=build-fuzz/report-seeds
report_corpus=build-fuzz/report-corpus
mkdir -p "$report_seeds" "$report_corpus"
i=0
for name in manifest.json budget.csv arms.csv occupancy.csv flows.csv replications.csv queues.csv assumptions.csv impact.csv; do
  { printf "\\x$(printf %02x "$i")"; head -c 60000 "tests/data/report/results-small/$name"; } > "$report_seeds/$name"
  i=$((i + 1))
done
exec ./build-fuzz/fuzz/report_readers_fuzz "$report_corpus" "$report_seeds" \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=build-fuzz/report- -print_final_stats=1
