"""Who or what a target measures when its own words do not say: the label or the domain that
opens its sentence, the subject of the sentence's deadline clause or of an earlier sentence of
its paragraph, and the body its heading names (the document's own region and industry is
bioecon/extract/names.py's ``document_subject``). Rules
and reasons: docs/extraction.md, "Names" ("Subject, in order"); the words:
bioecon/data/extract/naming.yaml. Reads the shadow of the text, like bioecon/extract/names.py.
"""

from __future__ import annotations

import re

from bioecon.extract.names import SUBJECT_MIN, naming_words, strip_opening


def label_subject(sentence: str) -> str | None:
    """湘江新区:构建…: the label that opens a sentence names its subject; a quoted programme name
    (“双十”:) and a heading word (产业规模目标:) do not. So does a domain the sentence opens
    with (在空间信息领域,新增…创新平台5个 → 空间信息领域)."""
    found = re.match(r"\s*(?:——)?([^,，。;；:：\s]{2,16})[:：]", sentence)
    if found is None:
        domain = _DOMAIN_OPENING.match(sentence)  # 在空间信息领域,新增…: a domain, not a label
        return domain.group(1) if domain is not None else None
    label = found.group(1)
    if re.fullmatch(r"[“\"][^”\"]+[”\"]", label) or _INTRODUCTION.search(label):
        return None
    return label


_DOMAIN_OPENING = re.compile(r"\s*在([^,，。;；:：\s]{2,16}(?:领域|行业|产业))[,，]")
# a label that introduces what follows (2017年发展的主要预期目标是:, 主要指标如下:) is no subject
_INTRODUCTION = re.compile(
    r"(?:目标|指标|任务|方向|重点|举措|措施|责任单位)|(?:是|为|如下|包括|有)$|20\d\d年"
)


_LEAD_IN = re.compile(
    r"^\s*(?:——)?(?:[^,，。:：]{1,12}[:：])?(?:到|至)(?:20\d\d年(?:底|末)?|[“\"]?十[一二三四五六七八九]五[”\"]?末期?)[,，]"
)


def lead_subject(sentence: str) -> str | None:
    """到“十四五”末期,生物产业领域龙头企业带动作用更加明显,…: a sentence that opens with its
    deadline names its subject in the first clause, before the predicate (成为, 更加, 显著 …);
    the subject ends at its first 领域, else at its last subject head (产业, 经济, 企业 …)."""
    words = naming_words()
    lead = _LEAD_IN.match(sentence)
    if lead is None:
        return None
    clause = re.split(r"[,，;；。]", sentence[lead.end() :], maxsplit=1)[0]
    predicate = words.predicate.search(clause)
    if predicate is None:
        return None
    text = clause[: predicate.start()]
    domain = text.find("领域")
    if domain > 0:
        return text[: domain + 2]
    heads = [m.end() for m in words.subject_head.finditer(text)]
    return text[: heads[-1]] if heads and heads[-1] >= 2 else None


_DEADLINE = re.compile(
    r"(?:到|至)(?:20\d\d年(?:底|末)?|[“\"]?十[一二三四五六七八九]五[”\"]?末期?)[,，]"
)


def paragraph_subject(before: str) -> str | None:
    """…到2025年底,临港新区生物医药产业规模将超过500亿元。同时聚集200家…: the subject that an
    earlier sentence of the paragraph names in its deadline clause, a target with its number
    (up to its last subject head), governs a later sentence that names none; ``before`` is the
    paragraph up to it."""
    words = naming_words()
    for sentence in reversed(re.split(r"[。;；]", before)):
        found = _DEADLINE.search(sentence)
        if found is None:
            continue
        clause = strip_opening(re.split(r"[,，]", sentence[found.end() :], maxsplit=1)[0])
        if not re.search(r"\d", clause):
            return None  # 到2025年,生物制造企业加速集聚: a predicate, not a measured subject
        heads = [m.end() for m in words.subject_head.finditer(clause) if m.end() >= SUBJECT_MIN]
        return clause[: heads[-1]] if heads else None
    return None


def heading_subject(title: str) -> str | None:
    """2.打造精准治疗产业创新中心 → 精准治疗产业创新中心: a heading names a subject when its object
    is a place or a body (中心, 基地, 园区, 新区 …)."""
    found = heading_object(title)
    return found if found is not None and naming_words().body_end.search(found) else None


def heading_object(title: str) -> str | None:
    """(一)加强应用性基础研究 → 应用性基础研究: what a heading's verb acts on, if it is a short
    noun phrase (2–20 characters, no punctuation)."""
    words = naming_words()
    text = re.sub(
        r"^\s*(?:——|—|\d+[.、．]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)",
        "",
        title,
    )
    text = text.split("——")[-1].strip()
    while (verb := words.heading_verb.match(text)) is not None and verb.end() < len(text):
        text = text[verb.end() :]
    return text if 2 <= len(text) <= 20 and not re.search(r"[,，:：。]", text) else None
