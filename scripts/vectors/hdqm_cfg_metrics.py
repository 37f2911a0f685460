"""Which entries of HDQM's own configuration HDQM accepts, computed the way HDQM reads it.

Source: cms-DQM/CentralHDQM backend/dqm_extractor.py (read_cfgs) at commit
a4c59620a20550a71805fc25e1c5f1f4bf4f301f, described here in words, not copied:
  * every cfg/<Subsystem>/<file>.ini is read with Python's configparser.RawConfigParser
    (strict: a file with a repeated section or key fails to read and is skipped whole);
  * sections not starting with "plot:" are ignored; the name after "plot:" must match
    [a-zA-Z0-9_+-]*; metric, relativePath and yTitle must be present;
  * a section name seen before in the same subsystem (any file) drops the earlier entry and
    skips the new one, so both copies are gone;
  * the metric expression is then evaluated; a failure there stops HDQM, so every accepted
    entry's expression must name an existing metric.
Writes server/metrics/config/fixtures/centralhdqm-cfg-expected.json with per-file counts and
the accepted names, for server/metrics/config/hdqm-tree.test.ts.
Run: $(bash scripts/python-env.sh) scripts/vectors/hdqm_cfg_metrics.py
"""
import collections
import configparser
import glob
import json
import os
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "server" / "metrics" / "config" / "fixtures"
CFG = FIXTURE / "centralhdqm-cfg"
NAME = re.compile(r"^[a-zA-Z0-9_+-]*$")
CALL = re.compile(r"^\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*\(")

accepted = {}  # subsystem@section -> (file, function)
refused = collections.Counter()
per_file = {}
functions = collections.Counter()
for path in sorted(glob.glob(str(CFG / "*" / "*.ini"))):
    rel = os.path.relpath(path, CFG)
    subsystem = os.path.basename(os.path.dirname(path))
    parser = configparser.RawConfigParser()
    parser.read(path)
    sections = parser.sections()
    per_file[rel] = {"sections": len(sections)}
    for section in sections:
        if not section.startswith("plot:"):
            refused["not-a-plot-section"] += 1
            continue
        if not NAME.match(section[len("plot:"):]):
            refused["bad-name"] += 1
            continue
        data = parser[section]
        if any(k not in data for k in ("metric", "relativePath", "yTitle")):
            refused["missing-key"] += 1
            continue
        key = subsystem + "@" + section
        if key in accepted:
            del accepted[key]
            refused["duplicate-name"] += 2
            continue
        m = CALL.match(data["metric"])
        accepted[key] = (rel, f"{m.group(1)}.{m.group(2)}" if m else data["metric"])

for key, (rel, fn) in accepted.items():
    functions[fn] += 1
    per_file[rel]["accepted"] = per_file[rel].get("accepted", 0) + 1
out = {
    "files": len(per_file),
    "sections": sum(f["sections"] for f in per_file.values()),
    "accepted": len(accepted),
    "refused": dict(refused),
    "functions": dict(sorted(functions.items())),
    "perFile": per_file,
    "acceptedNames": sorted(k.replace("@plot:", "/") for k in accepted),
}
(FIXTURE / "centralhdqm-cfg-expected.json").write_text(json.dumps(out, indent=1) + "\n")
print(out["files"], out["sections"], out["accepted"], out["refused"], len(out["functions"]))
