#!/usr/bin/env bash
# A local federation on loopback: program CA, tech participants alpha, bravo and charlie, financial institution
# finco, each node on its own address. Shares to all, to a 1:1 allowlist (alpha -> bravo) and to the financial
# pool, removes one signal, and shows what every node holds.
#   Deploy/federation-demo.sh          run it, then stop the nodes
#   Deploy/federation-demo.sh --keep   leave the nodes running (the script says how to stop them)
set -euo pipefail
cd "$(dirname "$0")/.."

keep=false
[ "${1:-}" = "--keep" ] && keep=true

echo "== Building lantern"
swift build --product lantern 2>&1 | tail -n 1
lantern() { .build/debug/lantern "$@"; }

demo=.demo-federation
if ls "$demo"/*.pid >/dev/null 2>&1; then
  for pid in "$demo"/*.pid; do kill -TERM "$(cat "$pid")" 2>/dev/null || true; done
  sleep 1
fi
rm -rf "$demo"
mkdir -p "$demo"

echo "== The program administrator creates the CA and issues a certificate to each participant"
lantern ca init --dir "$demo/ca" >/dev/null
declare -A address=([alpha]=127.0.0.11 [bravo]=127.0.0.12 [charlie]=127.0.0.13 [finco]=127.0.0.14)
declare -A role=([alpha]=tech [bravo]=tech [charlie]=tech [finco]=financial)
# alpha shares with the financial pool, so the program records its opt-in to the pool.
declare -A pool=([alpha]=--financial-opt-in)
for p in alpha bravo charlie finco; do
  lantern ca issue --dir "$demo/ca" --participant "$p" --role "${role[$p]}" ${pool[$p]:-} --out "$demo/certs/$p" | head -n 1
done
lantern ca registry --dir "$demo/ca" --out "$demo/registry.json"

echo "== Each participant starts its node"
for p in alpha bravo charlie finco; do
  lantern init --home "$demo/$p" --participant "$p" --role "${role[$p]}" --api-port 0 --certs "$demo/certs/$p" \
    --registry "$demo/registry.json" --peer-host "${address[$p]}" --peer-port 0 >/dev/null
  # Started directly, not through the lantern function, so $! is the node's own pid and stopping it works.
  .build/debug/lantern serve --home "$demo/$p" --log-level warning >"$demo/$p.log" 2>&1 &
  echo $! >"$demo/$p.pid"
done
for p in alpha bravo charlie finco; do
  for _ in $(seq 1 100); do [ -f "$demo/$p/api.json" ] && break; sleep 0.1; done
  [ -f "$demo/$p/api.json" ] || { echo "node $p did not start:"; cat "$demo/$p.log"; exit 1; }
done
peer_url() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["peer_url"])' "$demo/$1/api.json"; }
stop_nodes() { for p in alpha bravo charlie finco; do kill -TERM "$(cat "$demo/$p.pid")" 2>/dev/null || true; done; wait 2>/dev/null || true; }
$keep || trap stop_nodes EXIT

echo "== Peers: alpha exchanges with bravo, charlie and finco over mutual TLS"
for p in bravo charlie finco; do
  lantern peer add --home "$demo/alpha" --participant "$p" --url "$(peer_url "$p")" >/dev/null
  lantern peer add --home "$demo/$p" --participant alpha --url "$(peer_url alpha)" >/dev/null
done
lantern peer status --home "$demo/alpha"

echo "== alpha shares: one signal with everyone, a 1:1 pilot with bravo, one with the financial pool, one to remove"
flags=(--severity SEVERE --review-status REVIEWED_MANUALLY)
lantern signal add --home "$demo/alpha" --type url --value https://shared-with-all.example/a --tag csam --audience all "${flags[@]}" >/dev/null
lantern signal add --home "$demo/alpha" --type username --value @pilot_user --platform discord --tag grooming_sexual \
  --audience bravo "${flags[@]}" >/dev/null
pool=$(lantern signal add --home "$demo/alpha" --type payment_account --value '$extorter' --provider cashapp --tag sextortion \
  --tag financial_transaction --audience financial --transaction-date 2026-10-14 --transaction-amount 300 \
  --transaction-currency USD --transaction-provider cashapp "${flags[@]}")
removed=$(lantern signal add --home "$demo/alpha" --type email --value to-be-removed@example.org --tag csam_distributor \
  --audience all "${flags[@]}")
for p in bravo charlie finco; do lantern sync --home "$demo/$p" >/dev/null; done

echo "== alpha removes $removed (entered in error); the removal reaches every copy"
lantern signal remove --home "$demo/alpha" "$removed" --reason entered_in_error
for p in bravo charlie finco; do lantern sync --home "$demo/$p" >/dev/null; done

for p in alpha bravo charlie finco; do
  printf '\n== What %s holds\n' "$p"
  lantern signal list --home "$demo/$p"
done
printf '\n== What bravo has of the removed signal\n'
lantern signal show --home "$demo/bravo" "$removed" || true

printf '\n== finco reacts to the pool signal; the reaction goes to alpha, its origin, and nowhere else\n'
lantern signal react --home "$demo/finco" "$pool" INGESTED HELPFUL
lantern sync --home "$demo/alpha" >/dev/null
lantern signal reactions --home "$demo/alpha" "$pool"

printf '\n== bravo checks its own posts; the match waits for a person, who confirms it; alpha hears of it\n'
printf '%s\n' '{"ref": "post-1", "type": "url", "value": "HTTPS://shared-with-all.example/a"}' \
  '{"ref": "post-2", "type": "url", "value": "https://harmless.example/"}' >"$demo/bravo-posts.jsonl"
lantern match --home "$demo/bravo" --file "$demo/bravo-posts.jsonl" --out "$demo/bravo-matches.jsonl"
lantern review list --home "$demo/bravo"
item=$(lantern review list --home "$demo/bravo" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
lantern review claim --home "$demo/bravo" "$item" >/dev/null
lantern review decide --home "$demo/bravo" "$item" confirmed --action url_blocked --note "blocked at the edge"
lantern sync --home "$demo/alpha" >/dev/null
shared=$(lantern signal list --home "$demo/alpha" --type url --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["signals"][0]["id"])')
lantern signal reactions --home "$demo/alpha" "$shared"

cat <<MSG

charlie never sees the alpha -> bravo pilot, finco sees only the financial pool, and the removed signal is gone
everywhere (only its type, date and reason remain).
MSG
echo "== The investigators' UI: each node serves it; a demo user per node is enrolled with an authenticator key"
for p in alpha bravo; do
  lantern user add demo --role investigator --demo --json --home "$demo/$p" >"$demo/$p-demo-user.json"
  python3 - "$p" "$demo/$p/api.json" "$demo/$p-demo-user.json" <<'PY'
import base64, hashlib, hmac, json, struct, sys, time
node, runtime, user = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
key = user["authenticator_key"]
digest = hmac.new(base64.b32decode(key + "=" * (-len(key) % 8)), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
print(f"{node}: {runtime['url']}/ui/  user demo, password {user['password']}")
print(f"       authenticator key {key} (add it to an app; the code now is {code:06d})")
PY
done

if $keep; then
  echo "The nodes keep running. Explore with: .build/debug/lantern signal list --home $demo/bravo"
  echo "Stop them with: kill \$(cat $demo/*.pid)"
fi
