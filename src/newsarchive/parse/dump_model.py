"""The headline ranker of the page-dump reading: a logistic model over shallow features.

Which line of a dump is the article's headline is decided by evidence that no single rule
weighs well: markdown heading level, length in words, closing punctuation, distance to the
article region, a byline or dateline right after it, a paragraph right after it, list items
around it (menus), repetition, link density, credit words (a photo credit is no title),
breadcrumb separators; and what marks a line as something else: a previous/next-post arrow, a
blockquote mark, a line that is only a name, a line printed twice in a row (an image's alt text
and its caption), labels (every word capitalised, words repeated, form-field brackets, two
labels glued), a list item, the line after a long list (a menu's or share bar's label), and what
marks the title: printed both as a breadcrumb's last item and as a line, a third of its words
in the article's opening paragraphs, its words in the link targets that point at the article
itself (its URL's slug, the share links' parameters: `LinkWords`), where the dump prints them
(html2text's `[text](url)`, lynx's and elinks's closing link list), and its text printed again
inside a longer line elsewhere on the page (`PrintedInside`: a share label's, a kicker's).
`features` measures them for one candidate unit; the weights are plain data
(`dump_headline.json`, loaded once, no dependency), learned by `benchmarks/train_dump_model.py`
from these features only (never from site names or page text) on fold A of the corpus dumps.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Container, Iterable
from functools import cache
from importlib import resources
from itertools import accumulate
from operator import attrgetter, itemgetter, mul
from urllib.parse import unquote

from ..normalize import SLUG_TRANSLITERATION, ascii_fold
from .dump_region import Unit, folded_lines, folded_without_marks
from .markdown_lines import without_bullet_marks

__all__ = [
    "DEFERRED_FEATURES",
    "FEATURE_NAMES",
    "LINK_FEATURES",
    "LOOKAHEAD",
    "LinkWords",
    "PrintedInside",
    "candidate_range",
    "content_words",
    "features",
    "headline_score",
    "score_range",
    "with_deferred",
]

# Candidates: this many units before the article region and inside its start. A candidate
# further in (the second window, over the region's first dateline: `dump.dateline_window`) is
# measured as `LOOKAHEAD` units in: how far the region's opening runs above it (a cookie
# notice, teasers) is what opened that window, not evidence against the line.
LOOKBACK = 40
LOOKAHEAD = 15
MAX_CHARS = 300
# A run of this many list items is a menu or a teaser list, not a breadcrumb trail.
LONG_LIST = 6

FEATURE_NAMES = (
    "h1", "h2", "h3plus", "words_le2", "words_3_5", "words_6_15", "words_16_30", "words_gt30",
    "chars_100", "ends_period", "ends_other_punct", "ends_question", "starts_upper", "digit_share",
    "before_region_10", "inside_region", "inside_offset_10", "dateline_next3", "byline_next3",
    "prose_next", "bullet_next", "bullet_prev", "repeated", "link_density", "stopwords",
    "credit_words", "separators", "quality", "sentences", "cjk", "all_caps", "only_h1",
    "first_h1", "heading_next", "short_prev", "short_next", "is_dateline", "is_byline",
    "capitalised_share", "distance_0", "distance_1_3", "distance_4_10", "long_prose_next", "dateline_prev",
    "doc_has_headings_not_this", "words_40", "body_overlap",
    "nav_arrow", "quote_mark", "name_only", "doubled", "other_form_elsewhere", "all_capitalised",
    "distinct_words", "bullet", "brackets", "glued", "body_overlap_third", "after_long_list",
    "url_share", "url_links", "printed_inside", "alone",
)  # fmt: skip

# The lookaheads name each pattern's first characters: the engine skips to those.
_CREDIT_RE = re.compile(
    r"(?=[GIARdFPBCS/©])"
    r"(?:Getty|Images|AFP|Reuters|REUTERS|\bAP\b|dpa|Foto|Photo|Bild|Credit|Crédit|/|Image|Imago|Shutterstock|©)"
)
_DIGIT_RE = re.compile(r"\d")
_LONG_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_FIRST = itemgetter(0)
# A separator mark, or a dash between spaces (as `dump_region`'s patterns, the class first).
_SEPARATOR_RE = re.compile(r"[|»›>·•■ ](?:(?<! )|(?<= )(?:- |– ))")


def candidate_range(start: int, end: int) -> range:
    """Indexes of the units that may hold the headline."""
    return range(max(0, start - LOOKBACK), min(end, start + LOOKAHEAD))


def features(
    units: list[Unit], index: int, start: int, *, datelines: list[bool], bylines: list[bool], h1_count: int,
    first_h1: int | None, has_headings: bool = False, body_words: frozenset[str] = frozenset(),
    names: list[bool] | None = None, elsewhere: list[bool] | None = None, links: LinkWords | None = None,
    inside: list[bool] | None = None,
) -> list[float] | None:  # fmt: skip
    """The feature vector of candidate `units[index]`, None when it cannot be a headline."""
    unit = units[index]
    text = unit.visible
    if unit.chars < 3 or unit.chars > MAX_CHARS or (unit.bullet and unit.link_chars):
        return None
    unit.measure()  # (its evidence read from its fields below, not through the properties)
    words = unit.words_
    last = text[-1]
    count = len(units)
    nxt = units[index + 1] if index + 1 < count else None
    prev = units[index - 1] if index > 0 else None
    heading = unit.heading or (_inner_heading(unit.raw) if unit.bullet else 0)
    split = text.split()
    capitals = sum(map(str.isupper, map(_FIRST, split)))
    overlap = _overlap(text, body_words, links.words_of(index) if links is not None else None)
    share, agreeing = links.agreement(units, index) if links is not None else (0.0, 0)
    # (`1.0 if … else 0.0` is `float()` of a truth value without a call: the list is built for
    # every candidate of every page.)
    return [
        1.0 if heading == 1 else 0.0,
        1.0 if heading == 2 else 0.0,
        1.0 if heading >= 3 else 0.0,
        1.0 if words <= 2 else 0.0,
        1.0 if 3 <= words <= 5 else 0.0,
        1.0 if 6 <= words <= 15 else 0.0,
        1.0 if 16 <= words <= 30 else 0.0,
        1.0 if words > 30 else 0.0,
        unit.chars / 100,
        1.0 if last == "." else 0.0,
        1.0 if last in ",;:!…" else 0.0,
        1.0 if last == "?" else 0.0,
        1.0 if text[0].isupper() or text[0] in "\"'“‘„«" else 0.0,
        len(_DIGIT_RE.findall(text)) / len(text),
        max(0, start - index) / 10,
        1.0 if index >= start else 0.0,
        min(max(0, index - start), LOOKAHEAD) / 10,
        1.0 if True in datelines[index + 1 : index + 4] else 0.0,
        1.0 if True in bylines[index + 1 : index + 4] else 0.0,
        1.0 if nxt is not None and nxt.quality >= 0.5 and not nxt.bullet else 0.0,
        1.0 if nxt is not None and nxt.bullet else 0.0,
        1.0 if prev is not None and prev.bullet else 0.0,
        1.0 if unit.repeated else 0.0,
        unit.link_chars / unit.chars,  # `link_density` (`chars` is 3 or more)
        unit.stopwords_,
        1.0 if _CREDIT_RE.search(text) else 0.0,
        1.0 if _SEPARATOR_RE.search(text) else 0.0,
        unit.quality,
        float(min(unit.sentences_, 3)),
        1.0 if unit.cjk_ else 0.0,
        1.0 if text.upper() == text and text.lower() != text else 0.0,
        1.0 if unit.heading == 1 and h1_count == 1 else 0.0,
        1.0 if first_h1 == index else 0.0,
        1.0 if nxt is not None and nxt.heading > 0 else 0.0,
        1.0 if prev is not None and prev.chars < 40 else 0.0,
        1.0 if nxt is not None and nxt.chars < 40 else 0.0,
        1.0 if datelines[index] else 0.0,
        1.0 if bylines[index] else 0.0,
        capitals / max(words, 1),  # capitalised words
        1.0 if index == start - 1 else 0.0,
        1.0 if 2 <= start - index <= 3 else 0.0,
        1.0 if 4 <= start - index <= 10 else 0.0,
        1.0 if nxt is not None and nxt.quality >= 1.0 and nxt.chars >= 150 else 0.0,
        1.0 if prev is not None and index > 0 and datelines[index - 1] else 0.0,
        1.0 if has_headings and not unit.heading else 0.0,
        min(words, 40) / 40,
        overlap,
        1.0
        if text[0] in _ARROWS_BEFORE or last in _ARROWS_AFTER or text.startswith("<-") or text.endswith("->")
        else 0.0,
        1.0 if unit.raw[0] == ">" else 0.0,
        1.0 if names is not None and names[index] else 0.0,
        1.0 if _doubled(text, prev) or _doubled(text, nxt) else 0.0,
        1.0 if elsewhere is not None and elsewhere[index] else 0.0,
        1.0 if words >= 2 and capitals == len(split) else 0.0,
        len(set(split)) / len(split) if len(split) >= 4 else 1.0,
        1.0 if unit.bullet else 0.0,
        1.0 if "[" in text and _BRACKETS_RE.search(text) is not None else 0.0,
        1.0 if _GLUED_RE.search(text) is not None else 0.0,
        1.0 if overlap >= 1 / 3 else 0.0,
        1.0 if prev is not None and prev.bullet and _after_long_list(units, index) else 0.0,
        share,
        min(agreeing, MANY_LINKS) / MANY_LINKS,
        1.0 if inside is not None and inside[index] else 0.0,
        1.0 if unit.alone or heading else 0.0,
    ]


# Links to the previous and next post print an arrow before or after their title (`« Older`).
_ARROWS_BEFORE = frozenset("←«‹⟵◀")
_ARROWS_AFTER = frozenset("→»›⟶▶")
# A heading inside a list item (html2text prints `<li><h1>` as `4. # Title`).
_INNER_HEADING_RE = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(#{1,6})\s")


# What a text browser prints for a form field, a button or an image without alt text: `[ ]`,
# `[Search]`, `[logo-1260x350]`.
_BRACKETS_RE = re.compile(r"\[[^\[\]]{0,80}\]")
# Two labels printed without a space between them (`Skip to contentSkip to site index`): a
# lower-case letter then a capital inside one word of three letters or more before it. (The
# letters first, the two before them read behind: the engine skips to a lower-case letter.)
_GLUED_RE = re.compile(r"[a-zß-ÿ][A-ZÀ-Þ](?<=[^\W\d_]{2}..)[a-zß-ÿ]")


def _after_long_list(units: list[Unit], index: int) -> bool:
    """True when the `LONG_LIST` units before `index` are all list items (a menu, a share bar:
    the line after one is its label or the next block's, not a title)."""
    return index >= LONG_LIST and all(u.bullet for u in units[index - LONG_LIST : index])


def _inner_heading(raw: str) -> int:
    """The level of a markdown heading inside a list item (`4. # Title`), else 0."""
    match = _INNER_HEADING_RE.match(raw) if "#" in raw else None
    return len(match.group(1)) if match else 0


def _doubled(text: str, other: Unit | None) -> bool:
    """True when `other`, a neighbour, prints the same text: an image's alt text next to its
    caption, or a title a page prints twice in its top bar."""
    if other is None or other.chars != len(text):
        return False  # `chars` is the length of `visible`: texts of other lengths differ
    return other.visible == text or other.visible.casefold() == text.casefold()


def content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more, the ones a headline shares with its article."""
    # Runs of letters of four or more (shorter runs never match): collected in C, no Python loop.
    return set(_LONG_WORD_RE.findall(text.lower()))


def _overlap(text: str, body_words: frozenset[str], words: set[str] | None = None) -> float:
    """Share of a candidate's content words (`words`, when already read) that the article's
    opening paragraphs use."""
    if not body_words:
        return 0.0
    if words is None:
        words = content_words(text)
    return len(words & body_words) / len(words) if words else 0.0


_NAME_ONLY = FEATURE_NAMES.index("name_only")
_URL_SHARE = FEATURE_NAMES.index("url_share")
_URL_LINKS = FEATURE_NAMES.index("url_links")
_PRINTED_INSIDE = FEATURE_NAMES.index("printed_inside")


def with_deferred(
    vector: list[float], name_only: bool, printed_inside: bool, agreement: tuple[float, int] = (0.0, 0)
) -> list[float]:
    """A copy of a candidate's `features` read without `names`, `inside` and `links` (its
    `DEFERRED_FEATURES` at 0), those features set as `features` sets them from the candidate's
    entries of `names` and `inside` and its `LinkWords.agreement`: no other feature reads them,
    so the candidate's other features are not measured again."""
    found = vector.copy()
    share, agreeing = agreement
    found[_NAME_ONLY] = float(name_only)
    found[_URL_SHARE] = share
    found[_URL_LINKS] = min(agreeing, MANY_LINKS) / MANY_LINKS
    found[_PRINTED_INSIDE] = float(printed_inside)
    return found


# -- agreement with the page's link targets ------------------------------------------------

# A title's words recur in the targets that point at the article itself: its URL's slug
# (`/news/voters-pass-increase-…`) and the share links' parameters (`?text=Voters%20pass…`).
# This many such targets or more is a page's share bar, not one teaser's link.
MANY_LINKS = 4
# A target agrees with a candidate when it holds this share of the candidate's content words.
AGREEING_SHARE = 2 / 3
_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE_RE = re.compile(r"\[(\d{1,5})\]")
_SEPARATOR = "\x1e"
_WORD_OR_SEPARATOR_RE = re.compile(r"[a-z]{4,}|\x1e")
_RAW = attrgetter("raw")


def _linked_text(units: list[Unit]) -> str:
    """The raw text of the `units` that print a link target (`](`), joined by newlines: what
    `_TARGET_RE` finds in all the units' text (a target never spans two units unless one ends
    on `](`: then all of them)."""
    raws = [raw for raw in map(_RAW, units) if "](" in raw]
    if any(raw.rstrip().endswith("](") for raw in raws):
        return "\n".join(map(_RAW, units))
    return "\n".join(raws)


class LinkWords:
    """The content words of a page's link targets (printed `[text](url)` targets and a closing
    link list's), decoded and written as slugs write them; only the words of the candidates
    in `window` are looked for."""

    __slots__ = ("_candidates", "_hits", "_number", "_references", "_units", "_words", "asked")

    def __init__(self, units: list[Unit], window: Iterable[int], references: dict[str, str] | None) -> None:
        self._references = references or {}
        self._units = units
        # The candidates, in order; their content words (`_overlap` reads them too) are read as
        # asked (a menu's items in the window never are), all of them when the targets are read.
        self._candidates = {i: None for i in window if 3 <= units[i].chars <= MAX_CHARS}
        self._words: dict[int, set[str]] = {}
        self._number: dict[str, int] = {}
        self._hits: dict[str, set[int]] | None = None  # a candidate's word: the targets holding it; read on demand
        # The candidates whose `agreement` is read (None: all); the others' is `(0, 0)` (a
        # candidate's score is bounded by its other features first: `score_range`). Set before
        # the first `agreement`: the targets are read for these candidates' words only.
        self.asked: Container[int] | None = None

    def _read(self) -> dict[str, set[int]]:
        """The targets holding each asked candidate's words, read once, when first asked."""
        printed = _TARGET_RE.findall(_linked_text(self._units))
        targets = list(dict.fromkeys([*self._references.values(), *printed]))
        self._number = {target: number for number, target in enumerate(targets)}
        hits: dict[str, set[int]] = {}
        self._hits = hits
        if not targets:
            return hits
        self._words = {i: self._words_at(i) for i in self._candidates}  # every candidate's, in order
        listed = [words for words in self._words.values() if len(words) >= 2]
        every: set[str] = set().union(*listed)
        asked = self.asked
        wanted = (
            every if asked is None else set().union(*[w for i, w in self._words.items() if i in asked and len(w) >= 2])
        )
        if not wanted:
            return hits
        forms: dict[str, str] = {}  # as a slug may write it: the word
        if "".join(every).isascii():
            forms = {word: word for word in wanted}  # no candidate's word has another form
        else:
            # Every candidate's forms, in order: one word's other form may be another's word.
            for words in listed:
                for word in words:
                    forms[word] = word
                    if not word.isascii():
                        forms[ascii_fold(word)] = forms[ascii_fold(word.translate(SLUG_TRANSLITERATION))] = word
            if asked is not None:
                forms = {form: word for form, word in forms.items() if word in wanted}
        # One pass of `unquote`, of the folding and of the word pattern over all targets, the
        # separator between two targets read as one more word; the words no candidate holds are
        # dropped in C before the loop.
        forms[_SEPARATOR] = _SEPARATOR
        found = _WORD_OR_SEPARATOR_RE.findall(ascii_fold(unquote(_SEPARATOR.join(targets)).lower()))
        number = 0
        for word in filter(forms.__contains__, found):
            if word == _SEPARATOR:
                number += 1
            else:
                hits.setdefault(forms[word], set()).add(number)
        return hits

    def _words_at(self, index: int) -> set[str]:
        words = self._words.get(index)
        if words is None:
            words = self._words[index] = content_words(self._units[index].visible)
        return words

    def words_of(self, index: int) -> set[str] | None:
        """`content_words` of candidate `units[index]`, None outside the window."""
        return self._words_at(index) if index in self._candidates else None

    def agreement(self, units: list[Unit], index: int) -> tuple[float, int]:
        """`(share, targets)` of candidate `units[index]`: the largest share of its content
        words that one target holds, and how many targets hold `AGREEING_SHARE` of them; its
        own link targets (a teaser's title links to its article) are left out. `(0, 0)` below
        two words or outside the window."""
        if index not in self._candidates or (self.asked is not None and index not in self.asked):
            return 0.0, 0
        words = self._words_at(index)
        if len(words) < 2:
            return 0.0, 0
        hits = self._read() if self._hits is None else self._hits
        if not hits:
            return 0.0, 0
        raw = units[index].raw
        own = {self._references.get(n) for n in _REFERENCE_RE.findall(raw)} if "[" in raw else set()
        own.update(_TARGET_RE.findall(raw) if "](" in raw else ())
        skip = {self._number[target] for target in own if target in self._number}
        counts: dict[int, int] = {}
        for word in words:
            for number in hits.get(word, ()):
                if number not in skip:
                    counts[number] = counts.get(number, 0) + 1
        if not counts:
            return 0.0, 0
        need = AGREEING_SHARE * len(words)
        return max(counts.values()) / len(words), sum(1 for c in counts.values() if c >= need)


# -- a title printed again inside a longer line ------------------------------------------

# Pages print their title again inside longer lines: glued after a kicker or section label
# (`New YorkManhole Fires and Burst Pipes…`), after a share label (`Share this Story : Title`),
# before the site's name (`Title © Site`), in a comment count (`142 replies to Title`). A
# candidate of this many words and characters at least is looked for.
INSIDE_MIN_WORDS = 4
INSIDE_MIN_CHARS = 15


class PrintedInside:
    """Whether a unit's text is printed inside a longer unit elsewhere on the page, neither
    next to it nor one further (an image's alt text over its caption with a credit after it);
    the page's text is read once, when first asked."""

    __slots__ = ("_joined", "_lines", "_starts", "_units")

    def __init__(self, units: list[Unit]) -> None:
        self._units = units
        self._joined = ""
        self._lines: list[str] = []
        self._starts: list[int] = []

    def _read(self) -> None:
        # One pass of C: the visible texts case-folded (as `_score` folded them), list marks
        # left out (a list item printing the same text is no longer line).
        units = self._units
        text = "\n".join([unit.visible for unit in units])
        joined = folded_without_marks("\n".join(folded_lines(units)), text)
        lines = joined.split("\n")
        if text.count("\n") != len(units) - 1:  # a unit printing a newline: each read alone
            lines = [without_bullet_marks(unit.visible.replace("\n", " ")).casefold() for unit in units]
            joined = "\n".join(lines)
        self._joined = joined
        self._lines = lines
        self._starts = list(accumulate([len(line) + 1 for line in lines[:-1]], initial=0))

    def holds(self, index: int) -> bool:
        """True when `units[index]`'s text is part of a longer unit at least two units away."""
        if self._units[index].chars < INSIDE_MIN_CHARS:
            return False
        if not self._lines:
            self._read()
        text = self._lines[index].strip()
        if len(text) < INSIDE_MIN_CHARS or len(text.split(None, INSIDE_MIN_WORDS - 1)) < INSIDE_MIN_WORDS:
            return False
        joined, starts, lines = self._joined, self._starts, self._lines
        at = joined.find(text)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            if abs(line - index) > 1 and len(lines[line].strip()) > len(text):
                return True
            at = joined.find(text, at + 1)
        return False


@cache
def _weights() -> tuple[float, ...]:
    data = json.loads(resources.files(__package__).joinpath("dump_headline.json").read_text(encoding="utf-8"))
    weights = dict(zip(data["features"], data["weights"], strict=True))
    return tuple(float(weights.get(name, 0.0)) for name in FEATURE_NAMES)


# The features `features` leaves at 0 without `names`, `links` and `inside` (a name line; the link
# targets' agreement; the text printed inside a longer line elsewhere), each between 0 and 1: a
# candidate's score without them bounds its score with them
# (`score_range`), so that they are read only for the candidates that may score highest.
DEFERRED_FEATURES = ("name_only", "url_share", "url_links", "printed_inside")
# Those of them read from the link targets (`LinkWords.agreement`), the costliest, read last.
LINK_FEATURES = ("url_share", "url_links")
# Below the difference a float sum's rounding could make between the two scores.
_SCORE_SLACK = 1e-9


@cache
def _deferred_range(deferred: tuple[str, ...]) -> tuple[float, float]:
    """The lowest and highest sum the `deferred` features' weights can add to a score."""
    weights = [_weights()[FEATURE_NAMES.index(name)] for name in deferred]
    return sum(min(0.0, w) for w in weights) - _SCORE_SLACK, sum(max(0.0, w) for w in weights) + _SCORE_SLACK


def score_range(vector: list[float], deferred: tuple[str, ...] = DEFERRED_FEATURES) -> tuple[float, float]:
    """`(lowest, highest)` score a candidate can have once its `deferred` features are read,
    from its vector with them at 0."""
    score = headline_score(vector)
    low, high = _deferred_range(deferred)
    return score + low, score + high


def headline_score(vector: list[float]) -> float:
    """The model's score of one candidate (higher: more likely the headline); the candidates
    of one page are compared by it (a softmax over them is what training fits)."""
    weights = _weights()
    if len(vector) != len(weights):
        raise ValueError(f"{len(vector)} features for {len(weights)} weights")
    total: float = sum(map(mul, weights, vector))
    return total
