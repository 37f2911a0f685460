"""Drives CMS's own `runregistry` client (3.1.2, unchanged) against dqmflow's /rr surface.

Reads a plan from stdin: {"urls": {"<who>": "<api_url>", ...}, "out": "<file>",
"calls": [{"as": "<who>", "fn": "<client function>", "args": [...], "kwargs": {...}}, ...]}.
Each call points the module's api_url at the caller's URL (RUNREGISTRY-API.md 2.4, option B),
runs the client function and records its result or the exception it raised. Results go to
`out` as JSON (the client prints progress on stdout in local mode).
"""
import json
import os
import sys
import time

os.environ["ENVIRONMENT"] = "local"
os.environ.setdefault("HOME", "/tmp")

import runregistry  # noqa: E402

runregistry.setup("local")
runregistry.runregistry.JSON_CREATION_SLEEP_TIME = 0.2

plan = json.load(sys.stdin)
results = []
for call in plan["calls"]:
    runregistry.runregistry.api_url = plan["urls"][call.get("as", "viewer")]
    fn = getattr(runregistry, call["fn"])
    started = time.perf_counter()
    try:
        value = fn(*call.get("args", []), **call.get("kwargs", {}))
        results.append({"ok": True, "value": value, "seconds": time.perf_counter() - started})
    except Exception as e:  # the test asserts the client's own exception texts
        results.append({"ok": False, "error": type(e).__name__, "message": str(e), "seconds": time.perf_counter() - started})

with open(plan["out"], "w") as f:
    json.dump(results, f)
