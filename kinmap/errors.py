"""The one exception tree of kinmap: what went wrong, where, and how to fix it.

The CLI turns any :class:`KinmapError` into one line on stderr and exit status 1;
anything else is a bug and keeps its traceback.
"""
from __future__ import annotations


class KinmapError(Exception):
    """Base class of every error a user can cause and fix."""


class CaseMapError(KinmapError):
    """A case map that breaks the format: names file, document, line and element path."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        document: int | None = None,
        review: str | None = None,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.document = document
        self.review = review
        self.line = line
        self.path = path
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "<case map>"
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.document is not None:
            doc = f"doc[{self.document}]"
            if self.review:
                doc += f" review '{self.review}'"
            parts.append(doc)
        if self.path:
            parts.append(self.path)
        parts.append(self.message)
        return ": ".join(parts)


class ExtractionError(KinmapError):
    """A review document that cannot be read or turned into a case map."""


class StoreError(KinmapError):
    """The store cannot be opened, read or written."""


class UnknownFormat(KinmapError):
    """A format name or file kind that no reader or writer is registered for."""


class ValidationFailed(KinmapError):
    """A review that breaks the SHACL shapes of the ontology."""


class QueryRefused(KinmapError):
    """A SPARQL query kinmap will not run: an update, or a SERVICE clause not asked for."""


class ReviewIdTaken(StoreError):
    """A review whose id another document's review already has in the store: loading it
    would replace a different review, so nothing of it is loaded."""


class StoreUnreachable(StoreError):
    """A store server that cannot be reached or does not answer: no use trying again at once."""
