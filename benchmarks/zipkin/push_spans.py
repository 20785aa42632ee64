"""POSTs <total> spans to a Zipkin at 127.0.0.1:<port> as fast as it takes them, in batches of 500: copies of the
platform's own spans (spans.json, taken from its Zipkin) with fresh trace and span ids. Used by store.sh."""
import collections
import http.client
import json
import os
import random
import sys
import time

port, total, batch = int(sys.argv[1]), int(sys.argv[2]), 500
templates = json.load(open(os.path.join(os.path.dirname(__file__), "spans.json")))
traces = collections.defaultdict(list)
for span in templates:
    traces[span["traceId"]].append(span)
traces = list(traces.values())


def hex_id(digits):
    return "%0*x" % (digits, random.getrandbits(digits * 4))


connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
sent, began, buffer = 0, time.time(), []
while sent < total:
    trace, trace_id, ids = random.choice(traces), hex_id(32), {}
    now = int(time.time() * 1e6)
    for span in trace:
        ids.setdefault(span["id"], hex_id(16))
    for span in trace:
        copy = dict(span, traceId=trace_id, id=ids[span["id"]], timestamp=now)
        if "parentId" in span:
            copy["parentId"] = ids.get(span["parentId"], hex_id(16))
        buffer.append(copy)
    if len(buffer) >= batch:
        body = json.dumps(buffer).encode()
        try:
            connection.request("POST", "/api/v2/spans", body, {"Content-Type": "application/json"})
            connection.getresponse().read()
        except Exception as error:  # a Zipkin in a GC spiral times out: say so, go on
            print("error", error, flush=True)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent += len(buffer)
        buffer = []
        if sent % 50000 < batch:
            print(f"{sent} spans in {time.time() - began:.0f} s", flush=True)
print(f"done: {sent} spans in {time.time() - began:.0f} s")
