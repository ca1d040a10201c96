#!/usr/bin/env python3
"""Fails when a route of the local API, a page of the UI, or a command of the CLI reaches the store instead of the
use-case layer.

Routes call `SignalService` (and `FederationState` for the federation), which validate, apply the program's
policy and then call the store; a route that calls the store directly skips all of that. The CLI calls a running
node through `LanternClient`, or its home through `NodeHome` (`LanternApp`), never the store.
"""
import pathlib
import re
import sys

# OpenAPIDocument.swift is the embedded spec (.ci/embed-openapi.py writes it), text and no code.
ROUTES = sorted(p for p in pathlib.Path("Sources/LanternServer/API").glob("*.swift") if p.name != "OpenAPIDocument.swift")
COMMANDS = sorted(pathlib.Path("Sources/lantern").rglob("*.swift"))
# Embedded/ holds the embedded templates (.ci/embed-templates.py writes it), text and no code.
PAGES = sorted(p for p in pathlib.Path("Sources/LanternUI").rglob("*.swift") if "Embedded" not in p.parts)
STORE = re.compile(r"\bstore\s*\.|\.store\b|NodeStore")


def code(line: str) -> str:
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    return line.split("//")[0]


def main() -> int:
    problems = []
    for path in ROUTES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if STORE.search(code(line)):
                problems.append(f"{path}:{number}: a route reaches the store: call the use-case layer (SignalService) instead")
    for path in PAGES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if STORE.search(code(line)):
                problems.append(f"{path}:{number}: a page reaches the store: call AccountService or SignalService instead")
    for path in COMMANDS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if STORE.search(code(line)):
                problems.append(f"{path}:{number}: a command reaches the store: call NodeHome (LanternApp) or LanternClient instead")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
