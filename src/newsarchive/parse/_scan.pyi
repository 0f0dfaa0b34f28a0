from collections.abc import Callable

from lxml.etree import _Element

def candidates(
    root: _Element,
    cache: dict[str, int],
    flags_of: Callable[[str], int],
    css_mask: int,
    any_mask: int,
    label_words: frozenset[str],
    path_words: frozenset[str],
    special_tags: frozenset[str],
    rare_names: frozenset[str],
) -> list[_Element]: ...
def clean_walk(
    root: _Element,
    decide: Callable[[_Element], bool],
    cache: dict[str, int],
    flags_of: Callable[[str], int],
    mask: int,
    drop_tags: frozenset[str],
    never_drop: frozenset[str],
    hiding: frozenset[str],
    read_whole: frozenset[str],
) -> None: ...
def scored(
    root: _Element, tags: frozenset[str], containers: frozenset[str], inline: frozenset[str], min_chars: int
) -> list[_Element]: ...
def ascii_flags(
    value: str, word_bits: dict[str, int], token_bits: dict[str, int], substrings: list[tuple[str, int]], version: int
) -> int | None: ...
def collapsed_len(text: str) -> int: ...
def author_link_candidates(root: _Element, link_firsts: str, p_firsts: str) -> list[_Element]: ...
def raw_len(element: _Element) -> int: ...
