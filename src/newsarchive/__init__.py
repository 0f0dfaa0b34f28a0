"""newsarchive: news article files to structured records, kept in a local archive.

Library use::

    from newsarchive import Archive, to_dict
    from newsarchive.parse import parse
    article = parse(open("story.html", "rb").read(), "story.html")
    print(to_dict(article)["headline"])

Names are imported lazily so that `import newsarchive` (and the CLI) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Archive",
    "Article",
    "NewsArchiveError",
    "ParseError",
    "__version__",
    "from_dict",
    "to_dict",
]

_LAZY = {
    "Archive": "store",
    "Article": "model",
    "NewsArchiveError": "errors",
    "ParseError": "errors",
    "from_dict": "serialize",
    "to_dict": "serialize",
}

if TYPE_CHECKING:
    from .errors import NewsArchiveError, ParseError
    from .model import Article
    from .serialize import from_dict, to_dict
    from .store import Archive


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
