from lxml.etree import _Element

def candidates(
    root: _Element,
    cache: dict[str, int],
    css_mask: int,
    any_mask: int,
    label_words: frozenset[str],
    path_words: frozenset[str],
    special_tags: frozenset[str],
    rare_names: frozenset[str],
) -> list[_Element]: ...
