"""Classify one enterprise by industry code and business scope.

Decision rule (docs/classification.md):
1. the code maps to exactly one category, not marked partial → that category
   (basis ``both`` when the scope's keywords agree, else ``code``);
2. the code maps to several categories, or partly → the one the scope's keywords support
   (``both``); without support, the mapping's most confident category (``code``);
3. the code maps to nothing (or is missing) → the category with the most keyword hits
   (``scope``);
4. otherwise not bio-economy (``none``).
A longer code is tried first (4-digit 小类, then its 3- and 2-digit parents).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from bioecon.classify.tables import ClassificationTables, CodeMapping


@dataclass(frozen=True, slots=True)
class Classification:
    category: str | None
    category_name: str | None
    basis: str  # code, scope, both, none
    matched: str  # the code and/or keywords that decided


class Classifier:
    def __init__(self, tables: ClassificationTables) -> None:
        self.tables = tables
        self._automaton = ahocorasick.Automaton()
        for category, words in tables.keywords.items():
            for word in words:
                key = word.lower()
                existing = self._automaton.get(key, ())
                self._automaton.add_word(key, (*existing, (category, word)))
        self._automaton.make_automaton()
        self._order = {code: n for n, code in enumerate(tables.categories)}

    def _hits(self, scope: str) -> dict[str, set[str]]:
        hits: dict[str, set[str]] = {}
        if scope:
            for _, entries in self._automaton.iter(scope.lower()):
                for category, word in entries:
                    hits.setdefault(category, set()).add(word)
        return hits

    def _best(self, hits: dict[str, set[str]], among: set[str] | None = None) -> str | None:
        candidates = [c for c in hits if among is None or c in among]
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda c: (-len(hits[c]), -max(len(w) for w in hits[c]), self._order.get(c, 999)),
        )

    def _mappings(self, code: str) -> tuple[CodeMapping, ...]:
        for length in (4, 3, 2):
            if len(code) >= length and code[:length] in self.tables.by_code:
                return self.tables.by_code[code[:length]]
        return ()

    def classify(self, industry_code: str | None, business_scope: str | None) -> Classification:
        code = (industry_code or "").strip()
        mappings = self._mappings(code) if code else ()
        hits = self._hits(business_scope or "")
        if mappings:
            mapped = {m.category for m in mappings}
            supported = self._best(hits, mapped)
            if supported is not None:
                return self._result(
                    supported, "both", f"{mappings[0].industry_code}|{_words(hits[supported])}"
                )
            return self._result(mappings[0].category, "code", mappings[0].industry_code)
        best = self._best(hits)
        if best is not None:
            return self._result(best, "scope", _words(hits[best]))
        return Classification(None, None, "none", "")

    def _result(self, category: str, basis: str, matched: str) -> Classification:
        found = self.tables.categories.get(category)
        return Classification(category, found.name if found else None, basis, matched)


def _words(words: set[str]) -> str:
    return ";".join(sorted(words, key=lambda w: (-len(w), w)))
