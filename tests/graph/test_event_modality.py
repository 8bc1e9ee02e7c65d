"""Modality and rule names in the graph: every event carries both, and the shipped event query shows only
what happened."""
from datetime import date
from pathlib import Path

import kg

FIRST_RUN = Path(__file__).resolve().parent.parent / "data" / "first-run"
Q = """PREFIX kg: <http://example.org/kg/ontology#>
PREFIX schema: <http://schema.org/>
SELECT ?e ?m ?r WHERE { ?e a schema:Event . OPTIONAL { ?e kg:modality ?m } OPTIONAL { ?e kg:rule ?r } }"""


def test_modality_rule_and_what_happened(tmp_path):
    kg.build([FIRST_RUN / "merkel-macron.txt"], tmp_path, published=date(2024, 3, 5), viewer=False)
    g = kg.open(tmp_path)
    rows = g.query(Q)
    assert len(rows) > 0 and rows["m"].notna().all() and rows["r"].notna().all()
    assert {"asserted", "planned"} <= set(rows["m"])
    events = g.query("events")
    labels = set(events["label"])
    assert "Olaf Scholz meet Emmanuel Macron" in labels
    assert "Olaf Scholz meet Joe Biden" not in labels  # a plan, not something that happened
    frame = g.events()
    planned = frame[frame["label"] == "Olaf Scholz meet Joe Biden"]
    assert set(planned["modality"]) == {"planned"} and set(planned["rule"]) == {"event-verb"}
