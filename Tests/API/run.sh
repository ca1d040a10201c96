#!/usr/bin/env bash
# The local API against docs/openapi.json: starts two federated nodes (alpha and its peer bravo), walks every
# operation with a scripted scenario whose every response is validated against the document (conformance.py), then
# runs Schemathesis with every check against alpha.
#   Tests/API/run.sh [EXAMPLES]   EXAMPLES: Schemathesis examples per operation and phase (default 30)
# Needs a built lantern (swift build --product lantern) and python3; it makes its virtualenv in .build-ci/venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
examples="${1:-30}"
lantern=.build/debug/lantern
[ -x "$lantern" ] || { echo "Build lantern first: swift build --product lantern" >&2; exit 1; }

Tests/API/venv.sh
venv=.build-ci/venv

work=$(mktemp -d)
stop_nodes() {
  for p in alpha bravo; do [ -f "$work/$p.pid" ] && kill -TERM "$(cat "$work/$p.pid")" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop_nodes EXIT

"$lantern" ca init --dir "$work/ca" >/dev/null
"$lantern" ca issue --dir "$work/ca" --participant alpha --role tech --financial-opt-in --out "$work/certs/alpha" >/dev/null
"$lantern" ca issue --dir "$work/ca" --participant bravo --role tech --out "$work/certs/bravo" >/dev/null
"$lantern" ca registry --dir "$work/ca" --out "$work/registry.json" >/dev/null
# A newer registry, for the scenario to load through the API.
"$lantern" ca issue --dir "$work/ca" --participant charlie --role tech --out "$work/certs/charlie" >/dev/null
"$lantern" ca registry --dir "$work/ca" --out "$work/registry-next.json" >/dev/null

for p in alpha bravo; do
  "$lantern" init --home "$work/$p" --participant "$p" --role tech --api-port 0 --certs "$work/certs/$p" \
    --registry "$work/registry.json" --peer-host 127.0.0.1 --peer-port 0 >/dev/null
done
# A low flag threshold, so the scenario can flag a signal by matching it three times.
python3 - "$work/alpha/config.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config["review_flag_threshold"] = 3
config["sync_interval_seconds"] = 3600
json.dump(config, open(path, "w"), indent=2)
PY
for p in alpha bravo; do
  "$lantern" serve --home "$work/$p" --log-level warning >"$work/$p.log" 2>&1 &
  echo $! >"$work/$p.pid"
done
for p in alpha bravo; do
  for _ in $(seq 1 100); do [ -f "$work/$p/api.json" ] && break; sleep 0.1; done
  [ -f "$work/$p/api.json" ] || { echo "node $p did not start:"; cat "$work/$p.log"; exit 1; }
done

echo "== Every operation's responses against docs/openapi.json (Tests/API/conformance.py)"
"$venv/bin/python" Tests/API/conformance.py --work "$work"

echo "== Schemathesis, every check, $examples examples per operation"
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/alpha/api.json")
cd Tests/API
"../../$venv/bin/schemathesis" run ../../docs/openapi.json --url "$url" -H "Authorization: Bearer $(cat "$work/alpha/cli.token")" \
  --checks all --max-examples "$examples" --seed "${SEED:-7}" --no-color
