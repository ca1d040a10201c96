#!/usr/bin/env python3
"""A TAXII 2.1 pull of the same signals, for comparison with a LanternNode sync.

medallion (its memory backend) serves the signals of a `lantern-bench` JSON-lines file as STIX 2.1 indicators,
and taxii2-client pulls every page, as a ThreatExchange-style consumer would. Prints one JSON line:
{"objects": N, "seconds": S, "page_size": P}.

Usage: taxii-compare.py SIGNALS.jsonl [--page-size 1000]
Needs: pip install medallion taxii2-client (lantern-bench federation --taxii-python runs it from a venv).
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

STAMP = "2026-11-01T00:00:00.000Z"


def quote(value):
    return value.replace("\\", "\\\\").replace("'", "\\'")


def indicator(signal, index):
    kind, value = signal["type"], signal["value"]
    patterns = {
        "url": "[url:value = '{}']",
        "email": "[email-addr:value = '{}']",
        "username": "[user-account:account_login = '{}']",
        "pdq": "[file:hashes.'PDQ' = '{}']",
    }
    pattern = patterns.get(kind, "[x-lantern-signal:value = '{}']").format(quote(value))
    return {
        "type": "indicator",
        "spec_version": "2.1",
        "id": "indicator--{}".format(uuid.UUID(int=index + 1)),
        "created": STAMP,
        "modified": STAMP,
        "valid_from": STAMP,
        "pattern": pattern,
        "pattern_type": "stix",
        "labels": signal.get("tags", []),
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    source = sys.argv[1]
    page = int(sys.argv[sys.argv.index("--page-size") + 1]) if "--page-size" in sys.argv else 1000
    with open(source, encoding="utf-8") as lines:
        objects = [indicator(json.loads(line), i) for i, line in enumerate(lines) if line.strip()]
    port = free_port()
    collection = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"
    media = "application/stix+json;version=2.1"
    data = {
        "/discovery": {"title": "LanternNode bench", "default": "http://127.0.0.1:{}/api1/".format(port),
                       "api_roots": ["http://127.0.0.1:{}/api1/".format(port)]},
        "api1": {
            "information": {"title": "signals", "versions": ["application/taxii+json;version=2.1"],
                            "max_content_length": 1000000000},
            "status": [],
            "collections": [{
                "id": collection, "title": "signals", "can_read": True, "can_write": False, "media_types": [media],
                "objects": objects,
                "manifest": [{"id": o["id"], "date_added": STAMP, "version": STAMP, "media_type": media} for o in objects],
            }],
        },
    }
    with tempfile.TemporaryDirectory() as work:
        data_file = os.path.join(work, "data.json")
        config_file = os.path.join(work, "config.json")
        with open(data_file, "w", encoding="utf-8") as out:
            json.dump(data, out)
        with open(config_file, "w", encoding="utf-8") as out:
            json.dump({"backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                                   "filename": data_file},
                       "users": {"bench": "bench"}, "taxii": {"max_page_size": page}}, out)
        medallion = os.path.join(os.path.dirname(sys.executable), "medallion")
        server = subprocess.Popen([medallion, "--host", "127.0.0.1", "--port", str(port), "--log-level", "ERROR", config_file],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(600):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            from taxii2client.v21 import Collection, as_pages
            url = "http://127.0.0.1:{}/api1/collections/{}/".format(port, collection)
            pull = Collection(url, user="bench", password="bench")
            started = time.monotonic()
            count = 0
            for bundle in as_pages(pull.get_objects, per_request=page):
                count += len(bundle.get("objects", []))
            elapsed = time.monotonic() - started
        finally:
            # SIGKILL: a parent may pass SIGTERM on as ignored, and the test server has nothing to save.
            server.kill()
            server.wait()
    print(json.dumps({"objects": count, "seconds": round(elapsed, 3), "page_size": page}))


if __name__ == "__main__":
    main()
