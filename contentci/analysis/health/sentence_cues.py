"""The sentence cue index: every cue list asked of sentences and every disclaimer phrase list of a
file's config, in one matcher, so each sentence is read into words once for all of them."""

from __future__ import annotations

from contentci.analysis.cues.matcher import CueSet
from contentci.analysis.cues.patterns import LIST_NAMES, Match, _tried_order, cue_set, entries, per_file, split_suggestion
from contentci.analysis.health.disclaimer_definitions import phrase_lists


# Read only by topic detection, over a whole article's prose, through its own index
# (topics._topic_cues): the sentence index need not find them in every sentence.
TOPIC_ONLY = ("health_strong", "health_weak", "condition", "supplement", "stem_cell")
# Read only by the claims rules, and only of a sentence that already has a candidate finding
# (or of that sentence's paragraph): kept out of the sentence index, which reads every list for
# every sentence, so they cost nothing where no claim is found (``claims_cue_set_for``).
CLAIMS_ONLY = (
    "hype_doubt",
    "hype_sought",
    "hype_caveat",
    "non_prose",
    "claim_hypothetical",
    "observation",
    "study_context",
    "study_source",
    "research_generic",
    "attribution",
)


def cue_set_for(ctx) -> CueSet:
    """Every cue list asked of sentences, and every disclaimer phrase list, of this file's config
    in one :class:`CueSet`.

    One set, so each sentence is read into words once for all of them.
    """

    def make() -> CueSet:
        names = [name for name in LIST_NAMES if name not in TOPIC_ONLY and name not in CLAIMS_ONLY]
        return cue_set(tuple((name, entries(ctx, name)) for name in names) + phrase_lists(ctx))

    return per_file(ctx, "_cue_set", make)


def claims_cue_set_for(ctx) -> CueSet:
    """The :data:`CLAIMS_ONLY` lists of this file's config, in their own index."""
    return per_file(ctx, "_claims_cue_set", lambda: cue_set(tuple((name, entries(ctx, name)) for name in CLAIMS_ONLY)))


class Cues:
    """The effective cue lists for one file's config, matched through one word index."""

    def __init__(self, ctx):
        self.ctx = ctx
        cached = self._set = cue_set_for(ctx)
        self.has = cached.has  # has(name, text) -> bool; bound directly: called ~1,000 times an article
        self.maybe = cached.maybe  # maybe(text) -> names of the lists that might match there
        self.finditer = cached.finditer  # finditer(name, text) -> [re.Match], like the list's pattern
        self.search = cached.search  # search(name, text, pos=0) -> the first match at or after pos

    def with_claims(self) -> Cues:
        """These cues, plus the claims-only lists (see :data:`CLAIMS_ONLY`), read through their own index."""
        own = claims_cue_set_for(self.ctx)
        base_has, base_finditer, base_search = self.has, self.finditer, self.search
        self.has = lambda name, text: own.has(name, text) if name in CLAIMS_ONLY else base_has(name, text)
        self.finditer = lambda name, text: own.finditer(name, text) if name in CLAIMS_ONLY else base_finditer(name, text)
        self.search = lambda name, text, pos=0: own.search(name, text, pos) if name in CLAIMS_ONLY else base_search(name, text, pos)
        return self

    def items(self, name: str) -> tuple[str, ...]:
        return entries(self.ctx, name)

    def find(self, name: str, text: str) -> list[Match]:
        return [Match(m.start(), m.end(), m.group()) for m in self._set.finditer(name, text)]

    def find_with_suggestions(self, name: str, text: str) -> list[Match]:
        """Matches of each entry (longest first at a position), with the entry's suggestion."""
        if not self.has(name, text):  # most sentences match nothing
            return []
        items = self.items(name)
        position = _tried_order(items)  # rank in the CueSet -> index in items
        found: dict[int, tuple[int, Match]] = {}
        for rank in self._set.entries_with_candidates(name, text):  # entries that cannot match are skipped
            index = position[rank]
            _, suggestion = split_suggestion(items[index])
            for m in self._set.compiled(name, rank).finditer(text):
                prev = found.get(m.start())
                # the longest match at a position wins; on a tie, the entry listed first
                if prev is None or m.end() > prev[1].end or (m.end() == prev[1].end and index < prev[0]):
                    found[m.start()] = (index, Match(m.start(), m.end(), m.group(), suggestion))
        out, last_end = [], -1
        for start in sorted(found):
            match = found[start][1]
            if start >= last_end:
                out.append(match)
                last_end = match.end
        return out
