"""Readers by format: everything that turns a file into CaseMaps.

A file's reader is chosen by its suffix, and by its first bytes when the suffix
says nothing. Modules are imported only when a file of their kind is read.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import UnknownFormat
from ..model import CaseMap


@dataclass(frozen=True)
class Reader:
    """A registered input format."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    target: str  # "module:function" taking a path

    def load(self) -> Callable[[str | os.PathLike], list[CaseMap]]:
        module, _, function = self.target.partition(":")
        found = getattr(import_module(module, __name__), function)
        return found


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    """Add a reader under its name."""
    READERS[reader.name] = reader


for _reader in (
    Reader("casemap", (".yaml", ".yml"), "case map YAML (format v1)", ".casemap:read_casemap"),
    Reader("ttl", (".ttl",), "RDF Turtle written by kinmap", ".rdf:read_turtle"),
    Reader("trig", (".trig",), "RDF TriG written by kinmap", ".rdf:read_trig"),
    Reader("nt", (".nt",), "RDF N-Triples written by kinmap", ".rdf:read_ntriples"),
    Reader("nq", (".nq",), "RDF N-Quads written by kinmap", ".rdf:read_nquads"),
    Reader("jsonld", (".jsonld",), "JSON-LD written by kinmap", ".rdf:read_jsonld"),
    Reader("review", (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf",
                      ".docx"),
           "a review document, drafted into case maps by the extractor",
           ".reviews:read_review"),
):
    register(_reader)


def sniff(path: Path) -> Reader | None:
    """Guess a reader from the first bytes of a file with an unhelpful suffix."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048).lstrip(b"\xef\xbb\xbf").lstrip()
    except OSError:
        return None
    if head.startswith((b"kinmap:", b"---", b"#")) and b"kinmap:" in head:
        return READERS["casemap"]
    if head.startswith((b"{", b"[")):
        return READERS["jsonld"]
    if head.startswith(b"@prefix") or head.startswith(b"PREFIX"):
        return READERS["trig"] if b"{" in head else READERS["ttl"]
    if head.startswith(b"%PDF") or head.startswith(b"PK") or head[:200].lower().startswith(
            (b"<!doctype html", b"<html")):
        return READERS["review"]
    return None


def reader_for(path: str | os.PathLike) -> Reader:
    """The reader of a file, by suffix and then by content."""
    path = Path(path)
    for reader in READERS.values():
        if path.suffix.lower() in reader.suffixes:
            return reader
    found = sniff(path)
    if found is None:
        known = ", ".join(s for r in READERS.values() for s in r.suffixes)
        raise UnknownFormat(f"{path}: no reader for this kind of file; kinmap reads "
                            f"{known}")
    return found


def readable_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """The files named, and the readable files inside named folders (sorted)."""
    suffixes = {s for r in READERS.values() for s in r.suffixes}
    for path in map(Path, paths):
        if path.is_dir():
            # A folder's README or hidden files describe the folder, not a review.
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in suffixes
                              and not p.name.startswith(".")
                              and not p.name.upper().startswith("README"))
        else:
            yield path


def read(path: str | os.PathLike) -> list[CaseMap]:
    """Every review in one file, whatever its format."""
    return reader_for(path).load()(path)
