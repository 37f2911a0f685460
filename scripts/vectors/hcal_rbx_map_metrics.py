"""Extracts HCAL's RBX -> (ieta bin, iphi bin, depth) channel map used by HDQM's RBX metrics.

The map is data: the `hcal_map` dictionary literal in cms-DQM/CentralHDQM
backend/metrics/hcal_metrics.py (commit a4c59620a20550a71805fc25e1c5f1f4bf4f301f), itself made
from HCAL's logical map (cmsdoc.cern.ch/cms/HCALdocs/document/Mapping/Yuan/2020-feb-12/Lmap).
It is read with ast.literal_eval on that one assignment; no HDQM code is run or copied.
Writes server/metrics/hcal/rbx-map.json.
Run: $(bash scripts/python-env.sh) scripts/vectors/hcal_rbx_map_metrics.py PATH/TO/hcal_metrics.py
"""
import ast
import json
import pathlib
import sys

source = pathlib.Path(sys.argv[1]).read_text()
tree = ast.parse(source)
mapping = next(
    ast.literal_eval(node.value)
    for node in tree.body
    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "hcal_map" for t in node.targets)
)
out = pathlib.Path(__file__).resolve().parents[2] / "server" / "metrics" / "hcal" / "rbx-map.json"
out.parent.mkdir(parents=True, exist_ok=True)
lines = ",\n".join(f" {json.dumps(k)}: {json.dumps([list(c) for c in v], separators=(',', ':'))}" for k, v in sorted(mapping.items()))
out.write_text("{\n" + lines + "\n}\n")
print(len(mapping), sum(len(v) for v in mapping.values()))
