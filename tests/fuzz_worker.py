"""The fuzz worker: mutate seed inputs of one reader and check what each one gives.

Run by tests/test_fuzz.py in a child process held to a memory ceiling (RLIMIT_AS)
and a CPU limit: `python fuzz_worker.py TARGET SECONDS SEED FAILURES_DIR`. For
`SECONDS` it makes inputs from the target's seeds with a seeded mutation fuzzer
(byte flips, hostile tokens, deleted, repeated and spliced spans, numbers swapped
for huge ones) and runs the reader on each. The only allowed outcomes are a parsed
result or a KinmapError, each within PER_CASE_SECONDS; anything else is written
to FAILURES_DIR and counted. The last line of stdout is a JSON summary.

Targets: casemap (the YAML case map reader), text, html, pdf, docx (the document
readers, through read_document and its sniffing), sparql (the `kinmap sparql`
front end, over a small in-memory store). The same seed gives the same inputs.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import random
import re
import resource
import signal
import socket
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
FUZZ = DATA / "fuzz"
PER_CASE_SECONDS = 10.0
MAX_INPUT = 256 * 1024

TOKENS = [
    b"99999999999", b"2000000000", b"-1", b"0", b"1e400", b"-0", b"\xc2\xb2",
    b"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x91", b"2021-02-30", b"2021-13-45",
    b"\x00", b"\xff\xfe", b"\xe2\x80\xae", b"\x1b[2J", b"\r", b"\t", b"\n", b"'", b'"',
    b"\\", b"{", b"}", b"[", b"]", b"<", b">", b"&", b"#", b"%", b"*", b"|", b"\xf0\x9f\x98\x80",
]
TARGET_TOKENS = {
    "casemap": [b"&a ", b"*a", b"<<: *a", b"!!python/object/apply:os.system [id]", b"!!binary ",
                b"? ", b"\n---\n", b"\n...\n", b"~", b".nan", b".inf", b"0x1F", b"!tag ",
                b"{a: [*a, *a, *a, *a, *a, *a, *a, *a]}", b"kinmap: 2", b"id: ", b"role: ",
                b"\n  - ", b": ", b"born: ", b"date: "],
    "text": [b"# ", b"\n===\n", b"> ", b"1. ", b"- ", b"\xc2\xad", b"\xe2\x80\x8b",
             b"\xef\xac\x81", b"Page 1 of 2\n", b"\x0c", b"\xef\xbb\xbf"],
    "html": [b"<ol start='99999999999'>", b"<li value='\xc2\xb2'>", b"<li>", b"</ol>",
             b"<div>" * 50, b"<script>", b"</script>", b"<!--", b"-->", b"&#x110000;",
             b"&#0;", b"<![CDATA[", b"<p hidden>", b"<meta charset='utf-7'>", b"<nav>",
             b"<main>", b"</", b"<table><tr><td>"],
    "pdf": [b" 0 R", b"obj", b"endobj", b"stream\n", b"endstream", b"/Kids [2 0 R]",
            b"/Count 999999999", b"/Length 99999999999", b"/Filter /FlateDecode", b"xref",
            b"trailer", b"startxref\n0", b"<<", b">>", b"(", b")", b"/Encrypt 1 0 R",
            b"BT /F1 12 Tf (x) Tj ET", b"/Parent 2 0 R", b"/Contents [4 0 R 4 0 R]"],
    "docx": [b'w:val="99999999999"', b'w:ilvl="x"', b'w:val="2000000000"',
             b'<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>',
             b'w:numFmt w:val="upperRoman"', b'<w:lvlText w:val="%1%2%3%4%5%6%7%8%9"/>',
             b"<w:p>", b"</w:p>", b"<w:t>", b"</w:t>", b"<w:tbl><w:tr><w:tc>",
             b'<w:vMerge w:val="x"/>', b"<w:txbxContent>", b"<!DOCTYPE x [<!ENTITY a 'a'>]>",
             b"&a;", b"<w:sdt><w:sdtContent>"],
    "sparql": [b"SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }", b"service silent ?e { }",
               b"FILTER EXISTS { ", b"FILTER NOT EXISTS { SERVICE <urn:x> {} }", b" } ",
               b"{ ", b"INSERT DATA { <urn:a> <urn:b> 1 }", b"; DROP ALL", b"LOAD <urn:x>",
               b"?s", b"?p", b"?o", b"GRAPH ?g ", b"OPTIONAL ", b"UNION ", b"MINUS ",
               b"(km:label|^km:to)*", b"REGEX(?o, \"(a+)+$\")", b"LIMIT 99999999999999999999",
               b"SELECT * WHERE { ", b"PREFIX x: <urn:x> ", b"BASE <http://[::1> ",
               b"\"\\uD800\"", b"VALUES ?x { UNDEF }", b"ORDER BY ", b"DESCRIBE ?s "],
}


class CaseTimeout(Exception):
    """A case ran longer than PER_CASE_SECONDS."""


class NetworkAttempt(Exception):
    """A reader tried to open a network connection."""


def _no_network(*args, **kwargs):
    raise NetworkAttempt(f"a network connection was attempted: {args[1:]!r}")


def _alarm(signum, frame):
    raise CaseTimeout(f"still running after {PER_CASE_SECONDS:g} s")


# -- seeds ---------------------------------------------------------------------------------------

def _files(*patterns: str) -> list[bytes]:
    found = []
    for pattern in patterns:
        base, glob = pattern.split(":", 1) if ":" in pattern else (str(ROOT), pattern)
        found += [p.read_bytes() for p in sorted(Path(base).glob(glob)) if p.is_file()]
    return found


def _review_text() -> str:
    return (DATA / "documents" / "fictional-review.txt").read_text(encoding="utf-8")


def seeds(target: str, scratch: Path) -> list[bytes]:
    """The seed inputs of a target: the project's own fixtures and the hostile seeds."""
    if target == "casemap":
        return _files("examples/*.yaml", "tests/data/valid/*.yaml", "tests/data/broken/*.yaml",
                      "tests/data/fuzz/casemap/*.yaml")
    if target == "text":
        return _files("tests/data/documents/*.txt", "tests/data/fuzz/documents/*.txt",
                      "tests/data/fuzz/documents/*.md")
    if target == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in _review_text().split("\n\n"))
        page = f"<!DOCTYPE html><html><body><main>{paragraphs}</main></body></html>"
        return [page.encode()] + _files("tests/data/fuzz/documents/*.html")
    if target == "pdf":
        sys.path.insert(0, str(TESTS))
        from documents_fixtures import write_pdf
        write_pdf(_review_text(), scratch / "seed.pdf")
        return [(scratch / "seed.pdf").read_bytes()] + _files("tests/data/fuzz/documents/*.pdf")
    if target == "docx":
        sys.path.insert(0, str(TESTS))
        from documents_fixtures import write_docx
        write_docx(_review_text(), scratch / "seed.docx")
        plain = (scratch / "seed.docx").read_bytes()
        hostile = _with_parts(plain, {"word/numbering.xml": (
            FUZZ / "documents" / "word-numbering.xml").read_bytes()})
        return [plain, hostile]
    if target == "sparql":
        return _files("kinmap/graph/queries/*.rq", "tests/data/fuzz/sparql/*.rq")
    raise SystemExit(f"unknown target {target!r}")


# -- mutation -------------------------------------------------------------------------------------

def mutate(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    """One to four random mutations of `data`, kept under MAX_INPUT bytes."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        n = len(out)
        at = rng.randint(0, n)
        op = rng.randrange(8)
        if op == 0 and n:
            out[rng.randrange(n)] = rng.randrange(256)
        elif op == 1:
            out[at:at] = rng.choice(tokens)
        elif op == 2 and n:
            end = min(n, at + rng.randint(1, 64))
            del out[at:end]
        elif op == 3 and n:
            start = rng.randrange(n)
            span = out[start:start + rng.randint(1, 256)]
            out[at:at] = span * rng.randint(2, 64)
        elif op == 4:
            other = rng.choice(pool)
            if other:
                start = rng.randrange(len(other))
                out[at:at + rng.randint(0, 64)] = other[start:start + rng.randint(1, 512)]
        elif op == 5 and n:
            del out[rng.randint(0, n):]
        elif op == 6:
            numbers = list(re.finditer(rb"\d+", bytes(out)))
            if numbers:
                m = rng.choice(numbers)
                out[m.start():m.end()] = rng.choice([b"99999999999", b"2000000000", b"-1",
                                                     b"0", b"9" * 5000, b"1e9", b"\xc2\xb2"])
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(out[:MAX_INPUT])


def _with_parts(docx: bytes, parts: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    files.update(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            target.writestr(name, data)
    return buffer.getvalue()


def mutate_docx(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    """Mostly a mutated XML part put back into a sound zip; sometimes raw bytes."""
    if rng.random() < 0.2:
        return mutate(data, rng, pool, tokens)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = [n for n in source.namelist() if n.startswith("word/") and n.endswith(".xml")]
        weighted = [n for n in names if n in ("word/document.xml", "word/numbering.xml",
                                              "word/styles.xml")] * 4 + names
        name = rng.choice(weighted)
        part = source.read(name)
    return _with_parts(data, {name: mutate(part, rng, [part], tokens)})


# -- running one case -----------------------------------------------------------------------------

class Runner:
    """Runs one target's reader on one input."""

    def __init__(self, target: str, scratch: Path) -> None:
        self.target = target
        self.scratch = scratch
        if target == "sparql":
            from kinmap.graph.embedded import MemoryStore
            from kinmap.graph.mapping import casemap_to_quads
            from kinmap.loaders import read
            [minimal] = read(DATA / "valid" / "minimal.yaml")
            self.store = MemoryStore(casemap_to_quads(minimal))

    def __call__(self, data: bytes) -> object:
        if self.target == "casemap":
            from kinmap.loaders.casemap import read_casemap
            stream = io.BytesIO(data)
            stream.name = "<fuzz>.yaml"
            return read_casemap(stream)
        if self.target == "sparql":
            from kinmap.graph.sparql import run_sparql
            result = run_sparql(self.store, data.decode("utf-8", "replace"))
            return result.values() if hasattr(result, "values") else result  # as the CLI prints
        from kinmap.loaders.documents import read_document
        suffix = {"text": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx"}[self.target]
        path = self.scratch / f"case{suffix}"
        path.write_bytes(data)
        return read_document(path).text


def main() -> None:
    target, seconds, seed, failures_dir = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), \
        Path(sys.argv[4])
    # At least this many mutated cases, however long a busy machine makes them take.
    least = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    logging.disable(logging.WARNING)  # a hostile document's warnings are expected
    from kinmap.errors import KinmapError
    socket.socket.connect = _no_network  # nothing a reader does may reach the network
    socket.create_connection = _no_network
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(f"{target}:{seed}")
    tokens = TOKENS + TARGET_TOKENS[target]
    counts = {"cases": 0, "parsed": 0, "refused": 0, "failed": 0, "seeds": 0}
    failures: list[dict] = []
    slowest = 0.0
    with tempfile.TemporaryDirectory(prefix=f"kinmap-fuzz-{target}-") as folder:
        scratch = Path(folder)
        pool = seeds(target, scratch)
        run = Runner(target, scratch)
        mutator = mutate_docx if target == "docx" else mutate
        deadline = time.monotonic() + seconds
        queue = list(pool)  # every seed as it is first, then mutations of them
        counts["seeds"] = len(queue)
        while time.monotonic() < deadline or counts["cases"] < counts["seeds"] + least:
            data = queue.pop(0) if queue else mutator(rng.choice(pool), rng, pool, tokens)
            counts["cases"] += 1
            started = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, PER_CASE_SECONDS)
            try:
                run(data)
                counts["parsed"] += 1
            except KinmapError as error:
                counts["refused"] += 1
                if "\n" in str(error).strip():
                    failures.append(_failure(failures_dir, target, data, "a KinmapError of "
                                             f"several lines: {str(error)[:300]!r}"))
            except (Exception, RecursionError, MemoryError) as error:  # noqa: B014
                failures.append(_failure(failures_dir, target, data, "".join(
                    traceback.format_exception_only(type(error), error)).strip()[:500],
                    traceback.format_exc(limit=-6)))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            slowest = max(slowest, time.monotonic() - started)
    counts["failed"] = len(failures)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"target": target, "seed": seed, "seconds": seconds, **counts,
                      "slowest_case_seconds": round(slowest, 3), "peak_rss_mb": round(peak_mb),
                      "failures": failures[:20]}))


def _failure(folder: Path, target: str, data: bytes, error: str, trace: str = "") -> dict:
    """Keep a failing input on disk, and say where."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{target}-{hashlib.sha256(data).hexdigest()[:16]}.bin"
    path.write_bytes(data)
    return {"error": error, "input": str(path), "trace": trace[-1500:]}


if __name__ == "__main__":
    main()
