"""How much of a demo plan a draft read from the plan's own document recovers: elements
(matched by code, or by title where the demo gives no code), codes and links (source code →
target code). Used by the tests of reading documents; a plain module, not a test."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from exchange.demo import DEMO_DIR, read_yaml
from exchange.documents.lines import code_key, fold

DOCUMENTS = Path(__file__).parent / "documents"

# The source document of each demo plan (copies of the public documents the demo carries).
SOURCES = {
    "terrassa-palanques-impuls-2022.txt": "terrassa--peest-2019-2026.yaml",
    "xmess-pla-treball-2020.txt": "xmess--pla-treball-2020.yaml",
    "barcelona-activa-pla-treball-2018.txt": "barcelona-activa--pla-treball-2018.yaml",
    "xmess-pla-treball-2025.txt": "xmess--pla-treball-2025.yaml",
    "barcelona-fitxa-projecte-ciutat.txt": "barcelona--estrategia-ess-2030.yaml",
}


@dataclass
class Recovery:
    elements: tuple[int, int]
    codes: tuple[int, int]
    links: tuple[int, int]
    missing: list[str]
    titles: tuple[int, int] = (0, 0)  # coded elements found whose title also agrees

    @staticmethod
    def share(pair: tuple[int, int]) -> float:
        found, total = pair
        return 1.0 if total == 0 else found / total

    def line(self, name: str) -> str:
        return (f"{name}: elements {self.elements[0]}/{self.elements[1]} "
                f"({self.share(self.elements):.0%}), codes {self.codes[0]}/{self.codes[1]} "
                f"({self.share(self.codes):.0%}), links {self.links[0]}/{self.links[1]} "
                f"({self.share(self.links):.0%}); titles of coded elements {self.titles[0]}/"
                f"{self.titles[1]} ({self.share(self.titles):.0%})")


def demo_plan(source: str) -> dict:
    return read_yaml(DEMO_DIR / "plans" / SOURCES[source])


def flatten(elements: list[dict]):
    for element in elements or []:
        yield element
        yield from flatten(element.get("children") or [])


def title_key(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(title))).split())


def recovery(demo: dict, document: dict) -> Recovery:
    demo_elements = list(flatten(demo["elements"]))
    draft_elements = list(flatten(document["elements"]))
    codes = {code_key(str(e["code"])) for e in draft_elements if e.get("code")}
    titles = {title_key(e["title"]) for e in draft_elements}
    found, missing = 0, []
    for element in demo_elements:
        code = str(element.get("code") or "")
        hit = code_key(code) in codes if code else title_key(element["title"]) in titles
        found += hit
        if not hit:
            missing.append(code or element["title"][:60])
    by_code = {code_key(str(e["code"])): e for e in draft_elements if e.get("code")}
    agreeing = coded = 0
    for element in demo_elements:
        draft = by_code.get(code_key(str(element.get("code") or ""))) if element.get("code") \
            else None
        if draft is not None:
            coded += 1
            agreeing += SequenceMatcher(None, title_key(element["title"]),
                                        title_key(draft["title"])).ratio() >= 0.8
    demo_codes = [code_key(str(e["code"])) for e in demo_elements if e.get("code")]
    code_hits = sum(1 for c in demo_codes if c in codes)
    wanted = _demo_links(demo_elements)
    have = _draft_links(draft_elements)
    link_hits = sum(1 for pair in wanted if pair in have)
    missing.extend(f"{s} → {t}" for s, t in wanted if (s, t) not in have)
    return Recovery((found, len(demo_elements)), (code_hits, len(demo_codes)),
                    (link_hits, len(wanted)), missing, (agreeing, coded))


def _demo_links(elements: list[dict]) -> list[tuple[str, str]]:
    by_ref = {}
    for element in elements:
        code = str(element.get("code") or "")
        for ref in (code, element.get("slug")):
            if ref:
                by_ref[str(ref)] = code
    pairs = []
    for element in elements:
        source = str(element.get("code") or "")
        for link in element.get("links") or []:
            target = link if isinstance(link, str) else (link.get("to") or link.get("target"))
            if isinstance(target, dict):
                target = target.get("code") or target.get("element")
            target = by_ref.get(str(target), str(target))
            pairs.append((code_key(source), code_key(target)))
    return pairs


def _draft_links(elements: list[dict]) -> set[tuple[str, str]]:
    by_slug = {e["slug"]: str(e.get("code") or "") for e in elements}
    return {(code_key(str(e.get("code") or "")), code_key(by_slug.get(link["target"], "")))
            for e in elements for link in e.get("links") or []}
