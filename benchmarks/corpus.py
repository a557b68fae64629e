"""A corpus at national scale to measure on, made reproducibly from the bundled real documents.

    .venv/bin/python benchmarks/corpus.py OUT_FOLDER [--documents 10000] [--seed 1]

After the 2025 reorganisation every one of the 34 provinces, and each of their communes, writes
its own plan for each national directive. This script writes that cascade as text files:

    national directive (a real one: 57-NQ/TW, 1373/QĐ-TTg ...)
      -> the provincial Party committee's plan (Kế hoạch .../KH-TU, "Thực hiện Nghị quyết ...")
        -> the provincial People's Committee's plan (.../KH-UBND, "Thực hiện Kế hoạch số ...-KH/TU")
          -> each commune's plan (.../KH-UBND of "Ủy ban nhân dân xã ...", "Thực hiện Kế hoạch ...")

Each plan gets a header as the national rules lay it out (issuing body, number, place and
date, type and title, the "Thực hiện" clause naming its parent by number, date and issuer)
and the body of one of the real plans of the bundled corpus (its objectives, targets, tasks,
responsibilities, with the references they make), chosen in turn. Numbers are renumbered per
issuer and year, dates follow the parent's, communes are named from syllables (invented
names: the authority data holds no commune list). The first directive gets most communes,
so that one directive has thousands of descendants.

The same seed and count give the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph  # noqa: E402

from ingest.keys import ascii_slug  # noqa: E402
from ingest.patterns import load as load_patterns  # noqa: E402

# National directives of the bundled corpus (their numbers, dates and issuers as the authority
# data holds them) and what they are about, as provincial plans name them.
DIRECTIVES = [
    ("Nghị quyết", "57-NQ/TW", date(2024, 12, 22), "Bộ Chính trị",
     "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
    ("Quyết định", "1373/QĐ-TTg", date(2021, 7, 30), "Thủ tướng Chính phủ",
     "phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”"),
    ("Kết luận", "49-KL/TW", date(2019, 5, 10), "Ban Bí thư",
     "tiếp tục thực hiện Chỉ thị số 11-CT/TW về tăng cường sự lãnh đạo của Đảng đối với công tác "
     "khuyến học, khuyến tài, xây dựng xã hội học tập"),
    ("Nghị quyết", "71/NQ-CP", date(2025, 4, 1), "Chính phủ",
     "sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW"),
    ("Quyết định", "1315/QĐ-TTg", date(2023, 11, 9), "Thủ tướng Chính phủ",
     "ban hành Kế hoạch triển khai phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh "
     "học tập suốt đời giai đoạn 2023-2030”"),
    ("Quyết định", "387/QĐ-TTg", date(2022, 3, 25), "Thủ tướng Chính phủ",
     "phê duyệt Chương trình “Thúc đẩy học tập suốt đời trong gia đình, dòng họ, cộng đồng "
     "đến năm 2030”"),
]
SYLLABLES = ("An Bình Hòa Phú Tân Thạnh Long Mỹ Phước Xuân Đông Tây Nam Bắc Hưng Thuận Lợi Định "
             "Sơn Hà Trung Vĩnh Quang Minh Thái Hiệp Đức Thành Lộc Hải").split()
HEADING = re.compile(r"^(?:\*\*)?(?:I|1)\.\s", re.M)  # where a plan's body starts


@dataclass
class Plan:
    type_name: str
    number: str
    issued: date
    issuer: str   # as the child's "Thực hiện" clause names it
    about: str


def provinces() -> list[tuple[str, str]]:
    """The 34 provincial units of 2025 (name, kind), from the places list and the authority
    data of the reorganisation (a unit replaced by another is left out)."""
    replaced = set()
    graph = pyoxigraph.Store()
    graph.load(path=str(ROOT / "ontology" / "authority" / "areas-2025-reorganisation.ttl"),
               format=pyoxigraph.RdfFormat.TURTLE)
    for row in graph.query("SELECT ?a WHERE { ?a <http://purl.org/dc/terms/isReplacedBy> ?b }"):
        replaced.add(row["a"].value.rsplit("/", 1)[-1])
    seen, units = set(), []
    for name, kind, _english in load_patterns("places")["provinces"]:
        slug = "vn-" + ascii_slug(name)
        if slug in replaced or name == "Thừa Thiên Huế" or slug in seen:
            continue
        seen.add(slug)
        units.append((name, kind))
    return units


def bodies() -> list[str]:
    """The bodies of the bundled plans: from their first "I." or "1." heading to the end."""
    found = []
    folders = [ROOT / "data" / "corpus" / "plans", ROOT / "data" / "corpus" / "real"]
    for path in sorted(p for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".md")):
        if "-kh-" not in path.name and "plans" not in str(path.parent):
            continue
        text = path.read_text("utf-8")
        start = HEADING.search(text)
        if start and len(text) - start.start() > 2000:
            found.append(text[start.start():])
    return found


def commune_names(rng: random.Random, count: int) -> list[str]:
    names, tried = [], set()
    while len(names) < count:
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if name.split()[0] != name.split()[1] and name not in tried:
            tried.add(name)
            names.append(name)
    return names


def document(kind_header: list[str], number: str, place: str, issued: date, title: str,
             parent: Plan, issuer_sentence: str, body: str) -> str:
    parent_phrase = (f"{parent.type_name} số {parent.number} ngày {parent.issued.day:02d}/"
                     f"{parent.issued.month:02d}/{parent.issued.year} của {parent.issuer} về {parent.about}")
    return "\n\n".join([
        "\n".join(kind_header),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        f"Số: {number}",
        f"{place}, ngày {issued.day} tháng {issued.month} năm {issued.year}",
        "KẾ HOẠCH",
        f"{title} {parent_phrase}",
        f"Thực hiện {parent_phrase};",
        f"{issuer_sentence} ban hành Kế hoạch thực hiện như sau:",
        body,
    ]) + "\n"


def later(rng: random.Random, after: date, days: tuple[int, int]) -> date:
    return after + timedelta(days=rng.randint(*days))


def generate(out: Path, documents: int, seed: int) -> int:
    rng = random.Random(seed)
    units = provinces()
    texts = bodies()
    per_directive_plans = len(units) * 2  # the Party committee's and the People's Committee's
    communes_total = max(0, documents - len(DIRECTIVES) * per_directive_plans)
    # the first directive takes half of the communes' plans, the others share the rest
    shares = [communes_total // 2] + [communes_total // 2 // (len(DIRECTIVES) - 1)] * (len(DIRECTIVES) - 1)
    shares[-1] += communes_total - sum(shares)
    out.mkdir(parents=True, exist_ok=True)
    written, numbers = 0, {}
    # each province's communes, one list: a commune writes a plan for each directive it reaches
    most = max(shares[0] // len(units) + 1, 1)
    communes_of = {name: commune_names(rng, most) for name, _kind in units}

    def next_number(issuer_key: str, year: int, start: int = 1) -> int:
        numbers[(issuer_key, year)] = numbers.get((issuer_key, year), rng.randint(start, start + 60)) + rng.randint(1, 9)
        return numbers[(issuer_key, year)]

    def write(name: str, text: str) -> None:
        nonlocal written
        (out / f"{name}.txt").write_text(text, "utf-8")
        written += 1

    for index, (type_name, number, issued, issuer, about) in enumerate(DIRECTIVES):
        directive = Plan(type_name, number, issued, issuer, about)
        per_province = [shares[index] // len(units)] * len(units)
        for extra in range(shares[index] - sum(per_province)):
            per_province[extra] += 1
        for (province, kind), communes in zip(units, per_province):
            unit = ("thành phố" if kind == "thanh-pho" else "tỉnh")
            slug = ascii_slug(province)
            party_date = later(rng, issued, (20, 90))
            party_number = f"{next_number('tu-' + slug, party_date.year)}-KH/TU"
            party_issuer = f"Tỉnh ủy {province}" if kind != "thanh-pho" else f"Thành ủy {province}"
            write(f"{slug}-tu-{party_date.year}-{party_number.split('-')[0]}", document(
                ["ĐẢNG CỘNG SẢN VIỆT NAM", party_issuer.upper()], party_number, province, party_date,
                "Thực hiện", directive, f"Ban Thường vụ {party_issuer}", texts[written % len(texts)]))
            party = Plan("Kế hoạch", party_number, party_date, party_issuer, about)
            people_date = later(rng, party_date, (10, 60))
            people_number = f"{next_number('ubnd-' + slug, people_date.year, 100)}/KH-UBND"
            people_issuer = f"Ủy ban nhân dân {unit} {province}"
            write(f"{slug}-ubnd-{people_date.year}-{people_number.split('/')[0]}", document(
                [people_issuer.upper()], people_number, province, people_date,
                "Triển khai thực hiện", party, people_issuer, texts[written % len(texts)]))
            people = Plan("Kế hoạch", people_number, people_date, f"UBND {unit} {province}", about)
            for commune in communes_of[province][:communes]:
                commune_date = later(rng, people_date, (7, 120))
                commune_slug = ascii_slug(commune)
                commune_number = f"{next_number(slug + commune_slug, commune_date.year)}/KH-UBND"
                commune_issuer = f"Ủy ban nhân dân xã {commune}"
                write(f"{slug}-{commune_slug}-{commune_date.year}-{commune_number.split('/')[0]}-{index}", document(
                    [f"ỦY BAN NHÂN DÂN {unit.upper()} {province.upper()}", commune_issuer.upper()],
                    commune_number, commune, commune_date, "Triển khai thực hiện", people, commune_issuer,
                    texts[written % len(texts)]))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the documents into")
    parser.add_argument("--documents", type=int, default=10_000, help="how many (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    count = generate(args.out, args.documents, args.seed)
    print(f"{count} documents written to {args.out}")


if __name__ == "__main__":
    main()
