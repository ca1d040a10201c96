#!/usr/bin/env bash
# The investigators' UI in a real browser: starts two federated nodes, alpha and bravo, has bravo pull alpha's
# signals and queue three matches, adds users on bravo's home, and drives Debian's chromium through selenium
# (ui_test.py) against bravo. The test fails on any console error of the browser.
#   Tests/Browser/run.sh [SCREENSHOT_DIR]   also saves a screenshot of every page there (docs/screenshots to refresh
#                                           the documentation's)
# Needs a built lantern (swift build --product lantern), chromium and chromium-driver; it makes its virtualenv in
# .build-ci/browser-venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
screenshots="${1:-}"
lantern=.build/debug/lantern
[ -x "$lantern" ] || { echo "Build lantern first: swift build --product lantern" >&2; exit 1; }
command -v chromedriver >/dev/null || { echo "Install chromium and chromium-driver (Debian)" >&2; exit 1; }

venv=.build-ci/browser-venv
if ! cmp -s Tests/Browser/requirements.txt "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Browser/requirements.txt
  cp Tests/Browser/requirements.txt "$venv/requirements.txt"
fi

work=$(mktemp -d)
stop_nodes() {
  for pid in "$work"/*.pid; do [ -f "$pid" ] && kill -TERM "$(cat "$pid")" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop_nodes EXIT

# Two participants, so bravo, whose UI the browser drives, holds signals alpha shared and matches to review.
"$lantern" ca init --dir "$work/ca" >/dev/null
for p in alpha bravo; do "$lantern" ca issue --dir "$work/ca" --participant "$p" --role tech --out "$work/certs/$p" >/dev/null; done
"$lantern" ca registry --dir "$work/ca" --out "$work/registry.json" >/dev/null
declare -A address=([alpha]=127.0.0.21 [bravo]=127.0.0.22)
for p in alpha bravo; do
  "$lantern" init --home "$work/$p" --participant "$p" --role tech --api-port 0 --certs "$work/certs/$p" \
    --registry "$work/registry.json" --peer-host "${address[$p]}" --peer-port 0 >/dev/null
done
home="$work/bravo"
ana=$("$lantern" user add ana --role investigator --json --home "$home")
ava=$("$lantern" user add ava --role auditor --json --home "$home")
ada=$("$lantern" user add ada --role admin --json --home "$home")
for p in alpha bravo; do
  "$lantern" serve --home "$work/$p" >"$work/$p.log" 2>&1 &
  echo $! >"$work/$p.pid"
done
for p in alpha bravo; do
  for _ in $(seq 1 100); do [ -f "$work/$p/api.json" ] && break; sleep 0.1; done
  [ -f "$work/$p/api.json" ] || { echo "node $p did not start:"; cat "$work/$p.log"; exit 1; }
done
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
"$lantern" peer add --home "$work/alpha" --participant bravo --url "$(json_field "$work/bravo/api.json" peer_url)" >/dev/null
"$lantern" peer add --home "$work/bravo" --participant alpha --url "$(json_field "$work/alpha/api.json" peer_url)" >/dev/null
url=$(json_field "$home/api.json" url)

# alpha shares a URL, a PDQ hash and a keyword; bravo pulls them and checks three items of its own against them.
flags=(--severity SEVERE --review-status REVIEWED_MANUALLY --audience all)
"$lantern" signal add --home "$work/alpha" --type url --value https://shared.example/case --tag csam "${flags[@]}" >/dev/null
"$lantern" signal add --home "$work/alpha" --type pdq --value "$(printf 'ab%.0s' $(seq 32))" --media-kind image --quality 90 \
  --tag csam "${flags[@]}" >/dev/null
"$lantern" signal add --home "$work/alpha" --type keyword --value "send pics" --language en --tag sextortion "${flags[@]}" >/dev/null
"$lantern" sync --home "$home" >/dev/null
python3 - "$work/items.jsonl" <<'PY'
import json, sys
items = [
    {"ref": "post-17", "type": "url", "value": "https://shared.example/case"},
    {"ref": "upload-4", "type": "pdq", "value": "ba" + "ab" * 30 + "a9"},
    {"ref": "chat-9", "type": "text", "language": "en",
     "value": "hey, how was school today? you seem mature for your age. please send pics now, our secret ok"},
]
with open(sys.argv[1], "w") as f:
    f.writelines(json.dumps(item) + "\n" for item in items)
PY
"$lantern" match --home "$home" --file "$work/items.jsonl" --out "$work/matches.jsonl" >/dev/null

# Sixty signals of bravo's own, newer than alpha's, so the search has a second page.
python3 - "$work/seed.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for n in range(60):
        f.write(json.dumps({"type": "url", "value": f"https://seed.example/case/{n}", "tags": ["csam"], "severity": "SEVERE",
                            "review_status": "REVIEWED_MANUALLY", "audience": "all"}) + "\n")
PY
"$lantern" signal import "$work/seed.jsonl" --home "$home" --no-progress >/dev/null

"$venv/bin/python" Tests/Browser/ui_test.py --url "$url" --user "$ana" --auditor "$ava" --admin "$ada" \
  ${screenshots:+--screenshots "$screenshots"}

# What the browser did is in the audit log, whose chain holds.
kill -TERM "$(cat "$work/bravo.pid")"; wait "$(cat "$work/bravo.pid")" 2>/dev/null || true; rm -f "$work/bravo.pid"
"$lantern" audit verify --home "$home"
"$lantern" audit export --home "$home" --output "$work/audit.jsonl" >/dev/null
python3 - "$work/audit.jsonl" <<'PY'
import json, sys
actions = [json.loads(line)["action"] for line in open(sys.argv[1])]
expected = ["user.add", "login.failed", "second_factor.enrol", "login", "password.change", "logout", "login.failed", "login",
            "signal.search", "signal.view", "signal.export", "signal.create", "signal.update", "signal.import", "signal.remove",
            "review.read", "review.claim",
            "review.decide", "audit.read", "user.add"]
missing = [a for a in expected if a not in actions]
assert not missing, f"the audit log lacks {missing}: {actions}"
records = [json.loads(line) for line in open(sys.argv[1])]
auditor = [r["action"] for r in records if r.get("actor") == "ava"]
assert actions.count("signal.remove") >= 3, "the bulk removal is not in the audit log"
assert "signal.search" in auditor and "audit.read" in auditor, auditor
assert not any(a in ("signal.create", "signal.update", "signal.remove", "review.claim", "review.decide") for a in auditor), auditor
assert any(r["action"] == "user.add" and r.get("actor") == "ada" for r in records), "the admin's new user is not in the audit log"
print(f"The audit log records the browser's {len(actions)} actions.")
PY
