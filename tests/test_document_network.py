"""The graph views' network data: levels, shapes, and a layout that stays readable at a few
hundred documents (rows by level, long rows wrapped, nobody on top of anybody)."""

from visualisations.document_network import COLUMN, LINE, ROW_WIDTH, Link, Node, document_network


def _cascade(directive: str, plans_per_province: int, provinces: int) -> tuple[dict, list]:
    """A directive, `provinces` provincial plans implementing it and as many district plans
    under each: 1 + p + p * n documents."""
    nodes = {directive: Node(directive, "Nghị quyết 57-NQ/TW", False, "NQ", "57-NQ/TW")}
    links = []
    for p in range(provinces):
        province = f"https://vnpolicy.example.org/doc/vn-p{p:02d}/kh/2025/{p + 1}-kh-ubnd"
        nodes[province] = Node(province, f"Kế hoạch {p + 1}/KH-UBND", True, "KH", f"{p + 1}/KH-UBND")
        links.append(Link(province, directive, "implements"))
        for d in range(plans_per_province):
            district = f"https://vnpolicy.example.org/doc/vn-p{p:02d}/huyen-{d:02d}/kh/2025/{d + 1}-kh-ubnd"
            nodes[district] = Node(district, f"Kế hoạch {d + 1}/KH-UBND", d % 2 == 0, "KH", f"{d + 1}/KH-UBND")
            links.append(Link(district, province, "implements"))
    return nodes, links


def test_three_hundred_documents_are_laid_out_without_overlap():
    directive = "https://vnpolicy.example.org/doc/vn/nq/2024/57-nq-tw"
    nodes, links = _cascade(directive, plans_per_province=9, provinces=30)
    assert len(nodes) == 301
    network = document_network(nodes, links, directive, lambda iri: None)
    placed = {(n["x"], n["y"]) for n in network["nodes"]}
    assert len(placed) == len(nodes)  # one place each
    xs = [n["x"] for n in network["nodes"]]
    assert max(xs) - min(xs) <= (ROW_WIDTH - 1) * COLUMN  # rows wrap instead of running off
    by_id = {n["id"]: n for n in network["nodes"]}
    for link in links:  # every plan below what it implements
        assert by_id[link.lower]["y"] > by_id[link.upper]["y"]
    assert network["options"]["physics"]["enabled"] is False
    rows = {n["y"] for n in network["nodes"]}
    assert len(rows) == 1 + 4 + 34  # 1 directive, 30 provinces on 4 lines, 270 districts on 34
    assert min(b - a for a, b in zip(sorted(rows), sorted(rows)[1:])) == LINE


def test_levels_and_shapes():
    directive = "https://vnpolicy.example.org/doc/vn/nq/2024/57-nq-tw"
    nodes, links = _cascade(directive, plans_per_province=1, provinces=1)
    sector = "https://vnpolicy.example.org/doc/vn-p00/kh/2025/9-kh-sgddt"
    nodes[sector] = Node(sector, "Kế hoạch 9/KH-SGDĐT", True, "KH", "9/KH-SGDĐT")
    network = document_network(nodes, links, directive, lambda iri: "/documents/x", "en")
    groups = {n["id"]: n["group"] for n in network["nodes"]}
    assert groups[directive] == "party" and groups[sector] == "sector"
    assert {n["group"] for n in network["nodes"]} == {"party", "province", "district", "sector"}
    assert {item["name"] for item in network["legend"]} >= {"Party centre", "Sector department"}
    cited = next(n for n in network["nodes"] if n["id"] == directive)
    assert cited["shape"] == "hexagon" and cited["shapeProperties"]["borderDashes"]


def test_a_plan_without_a_number_is_named_by_type_place_and_year():
    """Sibling plans share their long titles; the graph names them apart, the tooltip keeps
    the whole label."""
    plan = "https://vnpolicy.example.org/doc/vn-ha-noi/nam-tu-liem/kh/2024/draft-53e0c89d4c4f"
    title = "Kế hoạch “Triển khai thực hiện Kế hoạch số 52/KH-UBND của UBND Thành phố về việc…”"
    network = document_network({plan: Node(plan, title, True, "KH", "", frozenset(), "Nam Từ Liêm", "2024")},
                               [], plan, lambda iri: None)
    node = network["nodes"][0]
    assert node["label"] == "Kế hoạch · Nam Từ Liêm 2024" and node["title"].startswith(title)


def test_a_cascade_of_a_thousand_documents_is_drawn_with_groups_that_open_their_own_cascade():
    """Beyond MAX_DRAWN documents the deeper rows are drawn as one group per document above
    and level; every document is counted, each group links to its document's cascade."""
    from visualisations.document_network import MAX_DRAWN

    directive = "https://vnpolicy.example.org/doc/vn/nq/2024/57-nq-tw"
    nodes, links = _cascade(directive, plans_per_province=30, provinces=34)
    assert len(nodes) == 1 + 34 + 34 * 30 > MAX_DRAWN

    def page(iri):
        return "/documents/" + iri.split("/doc/", 1)[1]

    network = document_network(nodes, links, directive, page)
    drawn = {n["id"]: n for n in network["nodes"]}
    groups = [n for n in network["nodes"] if n["id"].startswith("group:")]
    assert len(drawn) == 1 + 34 + 34 and len(groups) == 34  # each province's districts, one group
    assert sum(g["members"] for g in groups) == network["grouped"] == 34 * 30
    assert network["held"] + network["cited"] == len(nodes)  # the counts are of every document
    for group in groups:
        anchor = group["id"].split(":", 1)[1].rsplit(":", 1)[0]
        assert group["url"] == page(anchor) + "/cascade"
        assert group["label"].startswith("+ 30 · ")
        assert any(e["from"] == group["id"] and e["to"] == anchor for e in network["edges"])
        assert group["y"] > drawn[anchor]["y"]
    small = document_network(*_cascade(directive, plans_per_province=9, provinces=30), directive, page)
    assert small["grouped"] == 0 and not any(n["id"].startswith("group:") for n in small["nodes"])
