#!/usr/bin/env bash
# Load test of `bantin serve`: a store of generated articles (100,000 by default, built by
# the store bench when missing), mixed requests from wrk (Debian's package) for a minute on
# loopback. Fails when any request errs or the rate is under 1,000 requests/s.
# usage: bench/load.sh [STORE_DIR] [SECONDS]     (ARTICLES=20000 for a smaller store;
#        UNCACHED=1 so that no search is answered from the server's cache)
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-target/load-store}
secs=${2:-60}
articles=${ARTICLES:-100000}
if [ ! -f "$store/bantin.sqlite" ]; then
  echo "== building a store of $articles generated articles in $store"
  BANTIN_BENCH_ARTICLES=$articles BANTIN_BENCH_STORE="$(realpath -m "$store")" \
    cargo bench -q -p bantin-store --bench store
fi
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" != 0 ] && sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -q
n=$(target/release/bantin stats --store "$store" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/release/bantin serve --store "$store" --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null && break; sleep 0.1; done
echo "== wrk: $secs s of mixed requests (uncached searches: ${UNCACHED:-0}) on a store of $n articles ($(nproc) cores, server and wrk on the same machine)"
out=$(LOAD_ARTICLES=$n UNCACHED=${UNCACHED:-0} wrk -t2 -c32 -d"${secs}s" --latency -s bench/load.lua "http://127.0.0.1:$port")
echo "$out"
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
total = int(re.search(r"(\d+) requests in", out).group(1))
non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
sock = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
print(f"load: {total} requests, {rps:.0f} requests/s, {non2xx} non-2xx, {sock} socket errors")
sys.exit(0 if rps >= 1000 and non2xx == 0 and sock == 0 else 1)
PY
