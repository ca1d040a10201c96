#!/usr/bin/env bash
# Makes .build-ci/venv with the pinned Python tools of Tests/API/requirements.txt, anew when the pins change.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build-ci/venv
if ! cmp -s Tests/API/requirements.txt "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/API/requirements.txt
  cp Tests/API/requirements.txt "$venv/requirements.txt"
fi
