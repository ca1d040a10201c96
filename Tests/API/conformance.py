#!/usr/bin/env python3
"""Walks every operation of docs/openapi.json against running nodes and validates every response against it.

Tests/API/run.sh starts alpha and its peer bravo and calls this with their work directory. Each call names the
operation it means and the status it expects; the response must have that status, and openapi-core must find the
status, headers and body documented for that operation. The run fails unless every operation in the document got
at least one successful answer, so a new route cannot go without its description.
"""
import argparse
import json
import pathlib
import re
import sys

import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent


class Node:
    def __init__(self, home: pathlib.Path):
        self.url = json.loads((home / "api.json").read_text())["url"]
        self.peer_url = json.loads((home / "api.json").read_text()).get("peer_url")
        self.token = (home / "cli.token").read_text().strip()


class Walk:
    def __init__(self, document: dict, node: Node):
        spec = json.loads(json.dumps(document))
        spec["servers"] = [{"url": node.url}]
        self.api = OpenAPI.from_dict(spec)
        self.node = node
        self.operations = {}
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if method != "parameters":
                    self.operations[operation["operationId"]] = (method.upper(), path)
        self.answered: set[str] = set()
        self.checked = 0

    def call(self, operation_id, expect, path_values=None, token=True, **kwargs):
        method, template = self.operations[operation_id]
        path = template
        for name, value in (path_values or {}).items():
            path = path.replace("{" + name + "}", str(value))
        assert "{" not in path, f"{operation_id}: {path} still has a placeholder"
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token if isinstance(token, str) else self.node.token}"
        response = requests.request(method, self.node.url + path, headers=headers, timeout=60, **kwargs)
        if response.status_code != expect:
            sys.exit(f"FAIL {operation_id} {method} {path}: expected {expect}, got {response.status_code}: {response.text[:400]}")
        try:
            self.api.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))
        except Exception as error:  # openapi-core's errors say which part of the response is off
            details = "; ".join(str(e) for e in getattr(error, "schema_errors", []) or [])
            sys.exit(f"FAIL {operation_id} {method} {path} answered {response.status_code} unlike the document: {error} {details}\n"
                     f"{response.text[:600]}")
        self.checked += 1
        if 200 <= response.status_code < 300:
            self.answered.add(operation_id)
        print(f"ok   {operation_id:<22} {method:<6} {path} -> {response.status_code}")
        return response


def draft(value, **extra):
    body = {"type": "url", "value": value, "tags": ["csam"], "severity": "SEVERE", "review_status": "REVIEWED_MANUALLY",
            "audience": "all"}
    body.update(extra)
    return body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True, type=pathlib.Path)
    work = parser.parse_args().work
    document = json.loads((ROOT / "docs/openapi.json").read_text())
    alpha, bravo = Node(work / "alpha"), Node(work / "bravo")
    a = Walk(document, alpha)

    # Health and the document, open without a token.
    a.call("getHealth", 200, token=False)
    a.call("getReadiness", 200, token=False)
    served = a.call("getOpenAPIDocument", 200, token=False).json()
    assert served == document, "the node serves a document other than docs/openapi.json"

    # Errors are described too.
    a.call("listSignals", 401, token=False)
    a.call("listSignals", 401, token="not-a-token")
    a.call("getSignal", 400, {"id": "not-an-id"})
    a.call("getSignal", 404, {"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"})
    a.call("listSignals", 400, params={"limit": 0})
    a.call("listSignals", 400, params={"colour": "red"})
    a.call("createSignal", 400, data=b"{", headers={"Content-Type": "application/json"})
    a.call("createSignal", 422, json=draft("https://example.com/x", tags=["no_such_tag"]))
    refused = requests.request("TRACE", alpha.url + "/v1/signals", headers={"Authorization": f"Bearer {alpha.token}"}, timeout=30)
    assert refused.status_code == 405 and set(refused.headers["Allow"].split(", ")) >= {"GET", "POST"}, refused.headers

    # Participants and the taxonomy.
    a.call("saveParticipant", 200, {"id": "dana"}, json={"role": "tech", "name": "Dana Ltd."})
    a.call("saveParticipant", 400, {"id": "finbank"}, json={"role": "financial", "financial_pool_opt_in": True})
    a.call("listParticipants", 200)
    taxonomy = a.call("getTaxonomy", 200).json()
    a.call("loadTaxonomy", 200, json={"version": taxonomy["version"], "tags": taxonomy["tags"]})

    # Signals: create, read, list, change, batch, import, remove.
    created = a.call("createSignal", 201, json=draft("https://example.com/conformance/a")).json()
    sid = created["id"]
    a.call("getSignal", 200, {"id": sid})
    a.call("listSignals", 200, params={"type": "url", "limit": 5})
    a.call("updateSignal", 200, {"id": sid}, json={"severity": "WARNING"})
    a.call("createSignalBatch", 200, json={"signals": [draft("https://example.com/conformance/b"), draft("not a url")]})
    lines = "\n".join(json.dumps(draft(f"https://example.com/conformance/import/{i}")) for i in range(3)) + "\n{bad\n"
    a.call("importSignals", 200, data=lines.encode(), headers={"Content-Type": "application/x-ndjson"})
    a.call("importSignals", 400, params={"batch_size": 0}, data=b"", headers={"Content-Type": "application/x-ndjson"})
    a.call("removeSignal", 200, {"id": sid}, params={"reason": "entered_in_error"})
    a.call("getSignal", 410, {"id": sid})
    a.call("removeSignal", 400, {"id": sid})

    # Federation: the registry, peers, a pull, and a signal received from bravo.
    a.call("getRegistry", 200)
    a.call("loadRegistry", 200, json=json.loads((work / "registry-next.json").read_text()))
    a.call("savePeer", 200, {"participant": "bravo"}, json={"url": bravo.peer_url})
    a.call("listPeers", 200)
    a.call("peerStatus", 200)
    b = Walk(document, bravo)
    b.call("savePeer", 200, {"participant": "alpha"}, json={"url": alpha.peer_url})
    shared = b.call("createSignal", 201, json=draft("https://bravo.example/shared")).json()
    a.call("syncNow", 200)
    a.call("syncNow", 404, params={"peer": "dana"})
    a.call("getSignal", 200, {"id": shared["id"]})
    a.call("reactToSignal", 200, {"id": shared["id"]}, json={"reactions": ["INGESTED"]})
    a.call("reactToSignal", 422, {"id": shared["id"]}, json={"reactions": ["DELIGHTED"]})
    a.call("listReactions", 200, {"id": shared["id"]})
    a.call("metrics", 200)

    # Matching and review: three items match bravo's signal, which the third flags.
    items = [{"type": "url", "value": "https://bravo.example/shared", "ref": f"post-{i}"} for i in range(3)]
    results = a.call("matchItems", 200, json={"items": items}).json()["results"]
    assert results[0]["matches"], results
    listed = a.call("listReviewItems", 200, params={"status": "all"}).json()
    item = listed["items"][0]["id"]
    a.call("listReviewItems", 400, params={"status": "opne"})
    a.call("getReviewItem", 200, {"item": item})
    a.call("getReviewItem", 404, {"item": 999999})
    a.call("claimReviewItem", 200, {"item": item})
    a.call("releaseReviewItem", 200, {"item": item})
    a.call("decideReviewItem", 200, {"item": item}, json={"decision": "confirmed", "actions": ["url_blocked"]})
    a.call("decideReviewItem", 409, {"item": item}, json={"decision": "false_positive"})
    flags = a.call("listSignalFlags", 200).json()["flags"]
    assert flags, "three matches over the threshold flag the signal"
    a.call("decideSignalFlag", 200, {"id": flags[0]["signal_id"]}, json={"decision": "clear"})
    a.call("reviewOutcomes", 200)

    a.call("removePeer", 200, {"participant": "bravo"})
    a.call("removePeer", 404, {"participant": "bravo"})

    missing = sorted(set(a.operations) - a.answered)
    if missing:
        sys.exit(f"FAIL no successful call of: {', '.join(missing)}")
    print(f"All {len(a.operations)} operations answered; {a.checked + b.checked} responses match docs/openapi.json.")


if __name__ == "__main__":
    main()
