"""No organisation the extractor returns, over the whole bundled corpus, is a fragment: a
head word alone ("Sở", "Ban"), a heading reference ("Mục IV"), signature words ("KT GIÁM
ĐỐC"), a recipient formula ("Như kính gửi"), markdown marks, or a name that runs into a
sentence ("UBND Thành phố bổ sung", "Hội Khuyến học huyện qua địa"). The kinds of fragment
issue 10 found on unseen documents, checked independently of the extractor's own rules."""

import re

import pytest

from ingest.extract import extract
from ingest.read import read
from tests.conftest import PLANS, REAL

HEAD_WORDS_ALONE = {"sở", "ban", "phòng", "hội", "ủy ban", "uỷ ban", "ubnd", "hđnd", "bộ", "cục", "chi cục",
                    "trung tâm", "văn phòng", "các sở", "các ban", "các phòng", "đảng ủy", "đảng uỷ"}
# written with a capital, a unit's name cut short ("Công an" of "Công an tỉnh"); in lower case,
# "phối hợp với lực lượng quân đội, công an", the police as a class of bodies (COMMITMENTS.md)
CUT_NAMES = {"Công an", "CÔNG AN"}
FRAGMENT = re.compile(r"(?i)^(?:mục\s+[IVXLC\d]+|như\s|kt\.?\s|tm\.?\s|nơi nhận|lưu\b)|[*#|]")
SIGNATURE = re.compile(r"\b(?:GIÁM ĐỐC|CHỦ TỊCH|PHÓ CHỦ TỊCH)\b")
# a verb or preposition closing a name: the name ran into its sentence
# (lower case: "Bộ Xây dựng" is a ministry; "Ban Tuyên giáo Thị ủy Phối hợp" is caught by the
# capitalised verbs that never close a body's name)
RAN_ON = re.compile(r"\s(?:bổ sung|qua|thực hiện|triển khai|chủ trì|phối hợp|tham mưu|báo cáo|xây dựng|"
                    r"tổ chức thực hiện|theo dõi|hướng dẫn|đôn đốc|kiểm tra|để|và|của|với|tại|trong|"
                    r"Phối hợp|Chủ trì|Thực hiện|Triển khai|Tham mưu)$")


@pytest.fixture(scope="module")
def names():
    found = []
    for folder in (PLANS, REAL):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md"):
                source = read(path)
                closing = re.search(r"(?m)^\W{0,3}Nơi nhận\s*:", source.text)
                appendix = closing and re.compile(r"(?m)^\W{0,3}(?:PHỤ LỤC|Phụ lục)\b").search(source.text, closing.end())
                end = appendix.start() if appendix else len(source.text)
                for assignment in extract(source).organisations:
                    in_recipients = bool(closing) and closing.start() <= assignment.span[0] < end
                    found.append((path.name, assignment.role, assignment.name, in_recipients))
    return found


def test_no_organisation_is_a_fragment(names):
    bad = [(file, role, name) for file, role, name, _ in names
           if name.strip().casefold() in HEAD_WORDS_ALONE or name.strip() in CUT_NAMES or FRAGMENT.search(name) or SIGNATURE.search(name)
           or RAN_ON.search(name) or not re.search(r"[^\W\d_]", name)
           or len(name.split()) < 2 and not name[:1].isupper()]
    assert not bad, bad[:20]


def test_the_recipient_list_gives_recipients_only(names):
    """Bodies read from "Nơi nhận" (and the signature block after it) are never given a
    responsible role from there."""
    bad = [(file, role, name) for file, role, name, closing in names
           if closing and role in ("lead", "coordinate", "implement")]
    assert not bad, bad[:20]
    assert sum(closing for *_, closing in names) > 100  # the lists were read
