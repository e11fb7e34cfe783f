#!/usr/bin/env bash
# Regenerates crates/bantin/data/pyvi/{words.txt,LICENSE} from the pyvi package on PyPI (MIT).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --no-deps pyvi==0.1.1 -d "$tmp" -q
(cd "$tmp" && python3 -m zipfile -e pyvi-0.1.1-py2.py3-none-any.whl x)
cp "$tmp/x/pyvi/models/words.txt" crates/bantin/data/pyvi/words.txt
cp "$tmp/x/pyvi-0.1.1.dist-info/LICENSE.txt" crates/bantin/data/pyvi/LICENSE
echo "words: $(wc -l < crates/bantin/data/pyvi/words.txt)"
