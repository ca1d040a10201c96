#!/usr/bin/env bash
# The investigators' UI in a real browser: starts a node, adds users on its home, and drives Debian's chromium
# through selenium (ui_test.py). The test fails on any console error of the browser.
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
stop_node() {
  [ -f "$work/node.pid" ] && kill -TERM "$(cat "$work/node.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop_node EXIT

home="$work/alpha"
"$lantern" init --home "$home" --participant alpha --api-port 0 >/dev/null
ana=$("$lantern" user add ana --role investigator --json --home "$home")
ava=$("$lantern" user add ava --role auditor --json --home "$home")
"$lantern" serve --home "$home" >"$work/node.log" 2>&1 &
echo $! >"$work/node.pid"
for _ in $(seq 1 100); do [ -f "$home/api.json" ] && break; sleep 0.1; done
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$home/api.json")
# Sixty signals, so the search has a second page.
python3 - "$work/seed.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for n in range(60):
        f.write(json.dumps({"type": "url", "value": f"https://seed.example/case/{n}", "tags": ["csam"], "severity": "SEVERE",
                            "review_status": "REVIEWED_MANUALLY", "audience": "all"}) + "\n")
PY
"$lantern" signal import "$work/seed.jsonl" --home "$home" --no-progress >/dev/null

"$venv/bin/python" Tests/Browser/ui_test.py --url "$url" --user "$ana" --auditor "$ava" ${screenshots:+--screenshots "$screenshots"}

# What the browser did is in the audit log, whose chain holds.
kill -TERM "$(cat "$work/node.pid")"; wait "$(cat "$work/node.pid")" 2>/dev/null || true; rm -f "$work/node.pid"
"$lantern" audit verify --home "$home"
"$lantern" audit export --home "$home" --output "$work/audit.jsonl" >/dev/null
python3 - "$work/audit.jsonl" <<'PY'
import json, sys
actions = [json.loads(line)["action"] for line in open(sys.argv[1])]
expected = ["user.add", "login.failed", "second_factor.enrol", "login", "password.change", "logout", "login.failed", "login",
            "signal.search", "signal.view", "signal.export", "signal.create", "signal.remove"]
missing = [a for a in expected if a not in actions]
assert not missing, f"the audit log lacks {missing}: {actions}"
records = [json.loads(line) for line in open(sys.argv[1])]
auditor = [r["action"] for r in records if r.get("actor") == "ava"]
assert actions.count("signal.remove") >= 3, "the bulk removal is not in the audit log"
assert "signal.search" in auditor and not any(a in ("signal.create", "signal.update", "signal.remove") for a in auditor), auditor
print(f"The audit log records the browser's {len(actions)} actions.")
PY
