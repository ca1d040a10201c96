#!/usr/bin/env python3
"""Fails when a target imports a module it does not declare in Package.swift.

SwiftPM lets a target import any module that happens to be built before it, so an undeclared import compiles
until the graph changes. This reads the manifest (swift package dump-package) and every target's sources.
"""
import json
import pathlib
import re
import subprocess
import sys

SYSTEM = {"Foundation", "FoundationEssentials", "Glibc", "Darwin", "Dispatch", "Synchronization", "Testing", "XCTest", "os"}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_spi\(\w+\)\s+)?(?:public\s+|package\s+|internal\s+|private\s+|fileprivate\s+)?import\s+(?:(?:struct|class|enum|protocol|func|var|typealias)\s+)?(\w+)", re.M)


def main() -> int:
    package = json.loads(subprocess.check_output(["swift", "package", "dump-package"], text=True))
    problems = []
    for target in package["targets"]:
        declared = set()
        for dependency in target.get("dependencies", []):
            for kind in ("byName", "target", "product"):
                if kind in dependency:
                    declared.add(dependency[kind][0])
        folder = "Tests" if target["type"] == "test" else "Sources"
        root = pathlib.Path(target.get("path") or f"{folder}/{target['name']}")
        for source in sorted(root.rglob("*.swift")):
            for module in IMPORT.findall(source.read_text(encoding="utf-8")):
                if module not in declared and module not in SYSTEM and module != target["name"]:
                    problems.append(f"{source}: imports {module}, which {target['name']} does not declare")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
