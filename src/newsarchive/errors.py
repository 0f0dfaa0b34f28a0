"""Exceptions newsarchive raises on purpose. The CLI maps them to exit statuses in one place."""

from __future__ import annotations


class NewsArchiveError(Exception):
    """Base class for every error newsarchive raises on purpose."""


class ParseError(NewsArchiveError):
    """An input could not be turned into an Article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NotAnArticle(ParseError):
    """The input reads fine but is not an article (an index page, a README): skipped, not failed."""


class InputError(ParseError):
    """An input could not be read (missing, unreadable, too large, corrupt gzip)."""


class StoreError(NewsArchiveError):
    """The archive file cannot be opened or written."""


class SearchIndexPending(StoreError):
    """Records imported in bulk are not in the search index yet (`Archive.index_pending` adds them)."""


class ArticleNotFound(NewsArchiveError):
    """No article with that id or path in the archive."""


class AmbiguousId(NewsArchiveError):
    """An id prefix matches more than one article."""
