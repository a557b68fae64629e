"""A document's lineage as an interactive graph (pyvis / vis-network).

pyvis assembles the network (nodes, edges, layout options); the page gets the data as JSON
and draws it with the vis-network build our app serves (no CDN, no inline script). Labels
and tooltips are plain text: vis-network draws them on a canvas.
"""

from __future__ import annotations

import json

from pyvis.network import Network

from kg.lineage import Lineage, upper_and_lower

LEVEL_COLOURS = {
    "party": "#b91c1c",       # Party centre (…/TW)
    "national": "#c2410c",    # Government, ministries, National Assembly
    "province": "#1d4ed8",
    "district": "#047857",
    "programme": "#7c3aed",
    "unknown": "#6b7280",
}
LEVEL_NAMES = {
    "party": "Trung ương Đảng / Party centre",
    "national": "Trung ương / National",
    "province": "Tỉnh, thành phố / Province",
    "district": "Quận, huyện / District",
    "programme": "Đề án, chương trình / Programme",
    "unknown": "Chưa xác định / Unresolved",
}
RELATION_LABELS = {
    "implements": "thực hiện", "continues": "tiếp tục thực hiện", "based_on": "căn cứ",
    "aligns_with": "phù hợp với", "approves": "phê duyệt", "cites": "dẫn chiếu",
}


def level_of(iri: str, kinds: set[str]) -> str:
    if "Programme" in kinds:
        return "programme"
    path = iri.split("/doc/", 1)[-1]
    jurisdiction = path.split("/")[0]
    if "UnresolvedReference" in kinds or jurisdiction == "unknown":
        return "unknown"
    if jurisdiction == "vn":
        return "party" if path.rstrip("/").split("/")[-1].endswith("-tw") else "national"
    if jurisdiction.startswith("vn-"):
        segments = path.split("/")
        # vn-ha-noi/nam-tu-liem/kh/... has a district segment before the type
        return "district" if len(segments) > 3 and not segments[2].isdigit() and len(segments[1]) > 3 else "province"
    return "unknown"


def _levels(lineage: Lineage) -> dict[str, int]:
    """Rows of the hierarchical layout: every document sits at least one row below what it
    rests on (longest path, so a chain 1057 -> 52 -> 23 takes three rows)."""
    pairs = [upper_and_lower(edge) for edge in lineage.edges]
    level = {node: 0 for node in lineage.nodes}
    for _ in range(len(level)):  # relax; a cycle stops after as many rounds as nodes
        changed = False
        for upper, lower in pairs:
            if level[lower] < level[upper] + 1:
                level[lower] = level[upper] + 1
                changed = True
        if not changed:
            break
    return level


def lineage_network(lineage: Lineage, nodes: dict[str, dict], url_of) -> dict:
    """Network data for the page: {nodes, edges, options, legend}.

    `nodes` maps each IRI to {label, held, kinds}; `url_of(iri)` gives its page or None.
    """
    net = Network(directed=True, height="100%", width="100%")
    levels = _levels(lineage)
    for iri in lineage.nodes:
        info = nodes.get(iri, {"label": iri, "held": False, "kinds": set()})
        level = level_of(iri, info["kinds"])
        held = info["held"]
        label = info["label"] if len(info["label"]) <= 70 else info["label"][:67] + "…"
        net.add_node(
            iri, label=label, title=f"{info['label']}\n{LEVEL_NAMES[level]}\n"
                                    f"{'có văn bản / held' if held else 'chỉ được dẫn chiếu / cited only'}",
            color={"background": LEVEL_COLOURS[level] if held else "#ffffff",
                   "border": LEVEL_COLOURS[level]},
            font={"color": "#ffffff" if held else "#111827"},
            shape="box" if held else "ellipse",
            borderWidth=3 if iri == lineage.document else 1,
            level=levels.get(iri, 0),
        )
        net.node_map[iri]["url"] = url_of(iri)
        net.node_map[iri]["group"] = level
    for edge in lineage.edges:
        if edge.source in net.node_map and edge.target in net.node_map:
            net.add_edge(edge.source, edge.target, label=RELATION_LABELS.get(edge.relation, edge.relation),
                         title=edge.relation, arrows="to")
    net.set_options("""{
      "layout": {"hierarchical": {"enabled": true, "direction": "UD", "sortMethod": "directed",
                                   "levelSeparation": 130, "nodeSpacing": 220}},
      "physics": {"enabled": false},
      "interaction": {"hover": true, "navigationButtons": false},
      "nodes": {"widthConstraint": {"maximum": 190}, "font": {"size": 13}},
      "edges": {"font": {"size": 11, "align": "middle"}, "smooth": {"type": "cubicBezier", "forceDirection": "vertical"}}
    }""")
    nodes_data, edges_data, _heading, _height, _width, options = net.get_network_data()
    legend = [{"level": key, "name": LEVEL_NAMES[key], "colour": LEVEL_COLOURS[key]} for key in LEVEL_COLOURS]
    return {"nodes": nodes_data, "edges": edges_data, "options": json.loads(options), "legend": legend}
