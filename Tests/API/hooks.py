"""Schemathesis hooks for the local API: the import body is newline-delimited JSON, sent as text."""
import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(context, value):
    if isinstance(value, bytes):
        return {"data": value}
    if isinstance(value, str):
        return {"data": value.encode("utf-8")}
    # Any other generated value goes as one JSON line, which the node checks like any line.
    return {"data": json.dumps(value).encode("utf-8")}
