#!/usr/bin/env bash
# Publication dates reasoned from the text: the pages of a dev corpus with their printed
# stamp line (the second line after the title) removed, analyzed and scored.
# usage: .ci/undated.sh BANTIN SHARED OUT_DIR   (prints corpus_score.py's report per set)
set -euo pipefail
bantin=$1 shared=$2 out=$3
for set in phenikaa vmds; do
  dir="$out/undated-$set"
  mkdir -p "$dir"
  for f in "$shared/dev/$set/pages"/*; do
    # line 1 title, line 2 blank, line 3 the stamp
    sed '3d' "$f" > "$dir/$(basename "$f")"
  done
  "$bantin" analyze "$dir" -o "$out/undated-$set.jsonl" -q
  echo "-- $set"
  python3 "$shared/eval/corpus_score.py" "$out/undated-$set.jsonl" "$shared/dev/$set/gold.json" | grep -i date
  python3 "$shared/eval/corpus_score.py" "$out/undated-$set.jsonl" "$shared/dev/$set/gold.json" --json > "$out/undated-$set.json"
done
