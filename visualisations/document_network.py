"""Document networks as interactive graphs (pyvis / vis-network): a document's lineage, the
cascade below a directive, a document's neighbourhood.

pyvis assembles the network (nodes, edges, layout options); the page gets the data as JSON
and draws it with the vis-network build our app serves (no CDN, no inline script). Labels
and tooltips are plain text: vis-network draws them on a canvas.

Nodes are coloured by level (Party centre, Government, province, district, sector,
programme), shaped by document type, filled when we hold the document and hollow with a
dashed border when it is only cited. Rows follow the cascade: every document sits at least
one row below what it rests on, so the layout stays hierarchical (physics off) at a few
hundred nodes. Beyond MAX_DRAWN documents (a national directive's cascade reaches thousands)
the top rows are drawn one by one and each deeper row as groups, one per document drawn above
it and level ("+ 88 Cấp tỉnh, huyện ..."), which open that document's own cascade on click.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from pyvis.network import Network

from kg import levels
from kg.levels import LEVEL_NAMES
from kg.nodes import NodeDetails
from kg.relations import BY_NAME as RELATIONS

LEVEL_COLOURS = {
    "party": "#b91c1c",       # Party centre (…/TW)
    "national": "#c2410c",    # Government, ministries, National Assembly
    "province": "#1d4ed8",
    "district": "#047857",
    "sector": "#0e7490",      # a department (Sở, Phòng) of a province or district
    "programme": "#7c3aed",
    "unknown": "#6b7280",
}
# document type code -> vis-network shape; the legend names the types
TYPE_SHAPES = {
    "KH": "box", "QĐ": "diamond", "NQ": "hexagon", "CT": "triangle", "KL": "star",
    "TT": "square", "NĐ": "square", "L": "square", "ĐA": "triangleDown", "CTr": "triangleDown",
}
TYPE_NAMES = {
    "KH": {"vi": "Kế hoạch", "en": "Plan"}, "QĐ": {"vi": "Quyết định", "en": "Decision"},
    "NQ": {"vi": "Nghị quyết", "en": "Resolution"}, "CT": {"vi": "Chỉ thị", "en": "Directive"},
    "KL": {"vi": "Kết luận", "en": "Conclusion"},
    "TT": {"vi": "Thông tư, nghị định, luật", "en": "Circular, decree, law"},
    "ĐA": {"vi": "Đề án, chương trình", "en": "Programme"},
    "": {"vi": "Loại khác", "en": "Other type"},
}
OTHER_SHAPE = "dot"
HELD = {"vi": "có văn bản", "en": "held"}
CITED_ONLY = {"vi": "chỉ được dẫn chiếu", "en": "cited only"}


@dataclass
class Node:
    iri: str
    label: str
    held: bool
    type_code: str = ""
    number: str = ""
    kinds: frozenset = frozenset()
    place: str = ""        # where it was issued (its dateline), or its area's name
    year: str = ""


@dataclass
class Link:
    lower: str       # the document that rests on the other (plan -> directive it implements)
    upper: str
    relation: str


def level_of(node: Node) -> str:
    return levels.level_of(node.iri, node.number, node.type_code, "Programme" in node.kinds,
                           "UnresolvedReference" in node.kinds)


def _short_label(node: Node) -> str:
    """What the node says: its label, or for a plan without a number (labelled by its long
    title, which sibling plans share) its type, place and year ("Kế hoạch · Nam Từ Liêm
    2024"); the whole label stays in the tooltip."""
    name = levels.type_names().get(node.type_code, {}).get("vi")
    if not node.number and name and node.place and level_of(node) != "programme":
        return f"{name} · {node.place}{' ' + node.year if node.year else ''}"
    return node.label if len(node.label) <= 60 else node.label[:57] + "…"


def _shape_key(type_code: str) -> str:
    if type_code in ("NĐ", "L"):
        return "TT"
    if type_code == "CTr":
        return "ĐA"
    return type_code if type_code in TYPE_SHAPES else ""


def _rows(nodes: dict[str, Node], links: list[Link]) -> dict[str, int]:
    """Rows of the hierarchical layout: every document sits at least one row below what it
    rests on (longest path, so a chain 1057 -> 52 -> 23 takes three rows)."""
    row = {iri: 0 for iri in nodes}
    pairs = [(link.upper, link.lower) for link in links if link.upper in row and link.lower in row]
    for _ in range(len(row)):  # relax; a cycle stops after as many rounds as nodes
        changed = False
        for upper, lower in pairs:
            if row[lower] < row[upper] + 1:
                row[lower] = row[upper] + 1
                changed = True
        if not changed:
            break
    return row


ROW_WIDTH = 8          # documents side by side before a level's row wraps
COLUMN = 200           # px between neighbours in a row
LINE = 120             # px between rows


def _positions(rows: dict[str, int], links: list[Link]) -> dict[str, tuple[int, int]]:
    """x, y of every node: the cascade's rows top to bottom, a row of more than ROW_WIDTH
    documents wrapped onto several lines (so a hundred documents citing one law stay
    legible), each row ordered by where the documents it rests on stand (fewer crossings)."""
    uppers: dict[str, list[str]] = {}
    for link in links:
        if link.lower in rows and link.upper in rows and rows[link.upper] < rows[link.lower]:
            uppers.setdefault(link.lower, []).append(link.upper)
    order: dict[str, float] = {}
    positions: dict[str, tuple[int, int]] = {}
    line = 0
    for row in sorted(set(rows.values())):
        members = [iri for iri in rows if rows[iri] == row]
        members.sort(key=lambda iri: (sum(order.get(u, 0) for u in uppers.get(iri, [])) /
                                      max(1, len(uppers.get(iri, []))), iri))
        for start in range(0, len(members), ROW_WIDTH):
            chunk = members[start:start + ROW_WIDTH]
            offset = (len(chunk) - 1) / 2
            for i, iri in enumerate(chunk):
                x = int((i - offset) * COLUMN)
                positions[iri] = (x, line * LINE)
            line += 1
        for i, iri in enumerate(members):
            order[iri] = positions[iri][0] + i * 0.001
    return positions


MAX_DRAWN = 400        # documents drawn one by one in a view; the rest in groups


@dataclass
class Group:
    """Documents drawn as one node: those of one level hanging under one drawn document."""
    anchor: str
    level: str
    members: list[str]
    relation: str


def _grouped(nodes: dict[str, Node], links: list[Link], focus: str | None
             ) -> tuple[dict[str, Node], list[Link], dict[str, Group]]:
    """The nodes and links drawn one by one, and the groups standing for the rest: whole rows
    from the top while they fit in MAX_DRAWN (the focus always drawn); every document below
    hangs, in a group of its level, under its nearest drawn document above it."""
    if len(nodes) <= MAX_DRAWN:
        return nodes, links, {}
    rows = _rows(nodes, links)
    sizes = Counter(rows.values())
    drawn_rows, total = set(), 0
    for row in sorted(sizes):
        if drawn_rows and total + sizes[row] > MAX_DRAWN:
            break
        drawn_rows.add(row)
        total += sizes[row]
    drawn = {iri for iri in nodes if rows[iri] in drawn_rows or iri == focus}
    uppers: dict[str, list[Link]] = {}
    for link in links:
        if link.lower in nodes and link.upper in nodes:
            uppers.setdefault(link.lower, []).append(link)
    anchors: dict[str, tuple[str, str] | None] = {}

    def anchor(iri: str) -> tuple[str, str] | None:
        """(the nearest drawn document above, the relation of the first step); a walk up the
        links, each document visited once (anchors memoised, a cycle ends as None)."""
        if iri in anchors:
            return anchors[iri]
        anchors[iri] = None
        for link in sorted(uppers.get(iri, []), key=lambda l: rows[l.upper], reverse=True):
            found = (link.upper, link.relation) if link.upper in drawn else anchor(link.upper)
            if found:
                anchors[iri] = (found[0], link.relation if link.upper in drawn else found[1])
                break
        return anchors[iri]

    groups: dict[str, Group] = {}
    for iri in sorted(set(nodes) - drawn):
        found = anchor(iri)
        if not found:
            continue
        level = level_of(nodes[iri])
        key = f"group:{found[0]}:{level}"
        groups.setdefault(key, Group(found[0], level, [], found[1])).members.append(iri)
    kept = {iri: node for iri, node in nodes.items() if iri in drawn}
    return kept, [link for link in links if link.lower in drawn and link.upper in drawn], groups


def _relation_label(relation: str, lang: str) -> str:
    return RELATIONS[relation].label[lang] if relation in RELATIONS else relation


def document_network(nodes: dict[str, Node], links: list[Link], focus: str | None, url_of,
                     lang: str = "vi") -> dict:
    """Network data for a page: {nodes, edges, options, legend, types, held, cited, grouped}.

    `url_of(iri)` gives a node's page or None; `focus` is drawn with a thick border. A view of
    more than MAX_DRAWN documents draws its deeper rows as groups (see the module's text)."""
    net = Network(directed=True, height="100%", width="100%")
    everything = nodes
    nodes, links, groups = _grouped(nodes, links, focus)
    group_links = [Link(key, group.anchor, group.relation) for key, group in groups.items()]
    rows = _rows({**nodes, **dict.fromkeys(groups)}, links + group_links)
    positions = _positions(rows, links + group_links)
    for iri, node in nodes.items():
        level = level_of(node)
        colour = LEVEL_COLOURS[level]
        label = _short_label(node)
        shape = TYPE_SHAPES.get(_shape_key(node.type_code), OTHER_SHAPE)
        net.add_node(
            iri, label=label,
            title=f"{node.label}\n{LEVEL_NAMES[level][lang]}\n{(HELD if node.held else CITED_ONLY)[lang]}",
            color={"background": colour if node.held else "#ffffff", "border": colour,
                   "highlight": {"background": colour if node.held else "#ffffff", "border": "#111827"}},
            font={"color": "#ffffff" if node.held and shape in ("box", "database") else "#111827"},
            shape=shape, size=14,
            shapeProperties={"borderDashes": False if node.held else [4, 3]},
            borderWidth=4 if iri == focus else 2,
            x=positions[iri][0], y=positions[iri][1], physics=False,
        )
        net.node_map[iri]["url"] = url_of(iri)
        net.node_map[iri]["group"] = level
        net.node_map[iri]["held"] = node.held
        net.node_map[iri]["row"] = rows[iri]
    for key, group in groups.items():
        colour = LEVEL_COLOURS[group.level]
        names = [everything[iri].label for iri in group.members[:8]]
        more = len(group.members) - len(names)
        net.add_node(
            key, label=f"+ {len(group.members)} · {LEVEL_NAMES[group.level][lang]}",
            title="\n".join(names + ([f"… (+{more})"] if more else [])),
            color={"background": "#ffffff", "border": colour, "highlight": {"background": "#f3f4f6", "border": "#111827"}},
            font={"color": "#111827"}, shape="ellipse", size=14, borderWidth=2,
            shapeProperties={"borderDashes": [2, 2]},
            x=positions[key][0], y=positions[key][1], physics=False,
        )
        page = url_of(group.anchor)
        net.node_map[key]["url"] = f"{page}/cascade" if page else None
        net.node_map[key]["group"] = group.level
        net.node_map[key]["held"] = True
        net.node_map[key]["row"] = rows[key]
        net.node_map[key]["members"] = len(group.members)
    for link in links + group_links:
        if link.lower in net.node_map and link.upper in net.node_map:
            source, target = (link.upper, link.lower) if link.relation == "approves" else (link.lower, link.upper)
            net.add_edge(source, target, label=_relation_label(link.relation, lang),
                         title=link.relation, arrows="to", dashes=link.relation == "cites")
    net.set_options(json.dumps({
        "layout": {"hierarchical": {"enabled": False}},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "navigationButtons": False, "tooltipDelay": 150},
        "nodes": {"widthConstraint": {"maximum": 170}, "font": {"size": 13}},
        "edges": {"font": {"size": 11, "align": "middle"}, "smooth": {"type": "continuous"}},
    }))
    nodes_data, edges_data, _heading, _height, _width, options = net.get_network_data()
    present_levels = {net.node_map[iri]["group"] for iri in net.node_map}
    present_types = {_shape_key(node.type_code) for node in nodes.values()}
    legend = [{"level": key, "name": LEVEL_NAMES[key][lang], "colour": LEVEL_COLOURS[key]}
              for key in LEVEL_COLOURS if key in present_levels]
    types = [{"type": key, "name": TYPE_NAMES[key][lang], "shape": TYPE_SHAPES.get(key, OTHER_SHAPE)}
             for key in TYPE_NAMES if key in present_types]
    return {"nodes": nodes_data, "edges": edges_data, "options": json.loads(options),
            "legend": legend, "types": types,
            "held": sum(1 for n in everything.values() if n.held),
            "cited": sum(1 for n in everything.values() if not n.held),
            "grouped": sum(len(g.members) for g in groups.values())}


def _place(place: str | None, area: str | None) -> str:
    """The dateline's place, else the area's name without its unit word ("Huyện Thanh Trì")."""
    if place:
        return place
    area = area or ""
    for word in ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã "):
        if area.startswith(word):
            return area[len(word):]
    return area


def from_info(iri: str, info: NodeDetails) -> Node:
    """A node from kg.nodes.details's description of it (NodeDetails() for a node it does not know)."""
    return Node(iri, info.label or iri, info.held, info.type_code, info.number, info.kinds,
                _place(info.place, info.area), info.year)


def from_graph(graph) -> tuple[dict[str, Node], list[Link]]:
    """Nodes and links of a networkx document graph (kg.network: edges point up the cascade,
    from the document that rests on another to it, each with its relation)."""
    nodes = {}
    for iri, data in graph.nodes(data=True):
        nodes[iri] = Node(iri, data.get("label") or iri, bool(data.get("held")), data.get("type_code", ""),
                          data.get("number", ""), frozenset({"Programme"}) if data.get("programme") else frozenset(),
                          _place(data.get("place"), data.get("area")), data.get("year", ""))
    links = []
    for lower, upper, data in graph.edges(data=True):
        relation = data.get("relation", "")
        # kg.network turns "approves" round (programme -> decision); Link keeps lower/upper
        links.append(Link(lower, upper, relation))
    return nodes, links
