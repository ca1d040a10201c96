#!/usr/bin/env bash
# Runs a LanternNode with a demo dataset and uses the CLI against it.
#   Deploy/demo.sh          run the demo, then stop the node
#   Deploy/demo.sh --keep   leave the node running to explore (the script says how to stop it)
set -euo pipefail
cd "$(dirname "$0")/.."

keep=false
[ "${1:-}" = "--keep" ] && keep=true

echo "== Building lantern"
swift build --product lantern 2>&1 | tail -n 1
lantern() { .build/debug/lantern "$@"; }

demo=.demo
if [ -f "$demo/alpha/serve.lock" ] && [ -f "$demo/alpha/api.json" ]; then
  echo "A demo node is still running; stop it first: kill \$(cat $demo/alpha.pid)" >&2
  exit 1
fi
rm -rf "$demo"
mkdir -p "$demo"
export LANTERN_HOME="$demo/alpha"

step() { printf '\n== %s\n$ lantern %s\n' "$1" "${*:2}"; lantern "${@:2}"; }
show() { printf '\n== %s\n$ lantern %s\n' "$1" "${*:2}"; lantern "${@:2}" || true; }

step "Create the node of participant alpha (a tech company in the financial pool)" init --participant alpha --financial-opt-in --api-port 0
# Started directly, not through the lantern function, so $! is the node's own pid and stopping it works.
.build/debug/lantern serve --log-level warning >"$demo/alpha.log" 2>&1 &
echo $! >"$demo/alpha.pid"
for _ in $(seq 1 100); do [ -f "$LANTERN_HOME/api.json" ] && break; sleep 0.1; done
[ -f "$LANTERN_HOME/api.json" ] || { echo "the node did not start:"; cat "$demo/alpha.log"; exit 1; }
echo "(node running: $(cat "$LANTERN_HOME/api.json"))"
stop_node() { kill -TERM "$(cat "$demo/alpha.pid")" 2>/dev/null || true; wait "$(cat "$demo/alpha.pid")" 2>/dev/null || true; }
$keep || trap stop_node EXIT

step "Register the other participants of the program" participant add --id bravo --role tech
lantern participant add --id charlie --role tech --financial-opt-in
lantern participant add --id finco --role financial
lantern participant list

show "Import the demo dataset (two lines are bad on purpose)" signal import Deploy/demo/signals.jsonl
step "Add a URL for everyone" signal add --type url --value 'https://Example.COM/shared/../files/abc#frag' \
  --tag csam --tag platform:telegram --severity SEVERE --review-status REVIEWED_MANUALLY --audience all
id=$(lantern signal list --type url --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["signals"][0]["id"])')
show "Bad input is refused with the field and the reason" signal add --type pdq --value abc123 --media-kind image \
  --tag csam --severity SEVERE --review-status PENDING --audience all
show "Tags are checked against the taxonomy" signal add --type email --value x@example.org \
  --tag grooming --severity SEVERE --review-status PENDING --audience all
show "Financial institutions never receive general signals" signal add --type url --value https://example.org/ \
  --tag csam --severity SEVERE --review-status PENDING --audience finco

step "Everything this node holds" signal list
step "The 1:1 pilot: signals shared with bravo only" signal list --audience bravo
step "The financial pool" signal list --audience financial
step "Signals tagged platform:discord" signal list --tag platform:discord
step "Change the severity of $id" signal update "$id" --severity WARNING
step "Remove it (appeal upheld)" signal remove "$id" --reason appeal_upheld
show "After removal only the type, date and reason remain" signal show "$id"
step "Back up the running node" backup --to "$demo/alpha-backup.sqlite"

if $keep; then
  cat <<MSG

The node is still running (pid $(cat "$demo/alpha.pid")). Explore it with, for example:
  LANTERN_HOME=$LANTERN_HOME .build/debug/lantern signal list
  curl -s -H "Authorization: Bearer \$(cat $LANTERN_HOME/cli.token)" \$(python3 -c 'import json; print(json.load(open("$LANTERN_HOME/api.json"))["url"])')/v1/signals
Stop it with:
  kill \$(cat $demo/alpha.pid)
MSG
else
  printf '\n== Stopping the node (SIGTERM)\n'
fi
