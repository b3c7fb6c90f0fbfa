"""The vis-network script that pyvis ships, read from the installed package for inlining.

pyvis carries vis-network's standalone build (`pyvis/lib/vis-X.Y.Z/vis-network.min.js`,
Apache-2.0 OR MIT, its notice kept at the top of the file). kinmap does not use
pyvis's HTML templates: their default fetches the script from a CDN and their
`in_line` mode still links Bootstrap from one, and `heading=` goes in as raw
HTML. So the network page is kinmap's own template, and only this file of
pyvis's is inlined into it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from markupsafe import Markup

from ...errors import KinmapError


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


@lru_cache(maxsize=1)
def vis_network_script() -> tuple[str, Markup]:
    """(vis-network's version, its script) from the installed pyvis, checked safe to inline."""
    try:
        lib = resources.files("pyvis") / "lib"
        folders = sorted((f for f in lib.iterdir()
                          if f.name.startswith("vis-") and (f / "vis-network.min.js").is_file()),
                         key=lambda f: _version(f.name))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        folders = []
    if not folders:
        raise KinmapError("cannot draw the network: pyvis, or the vis-network script it ships, "
                          "is missing; reinstall kinmap (pip install kinmap) to get pyvis")
    newest = folders[-1]
    text = (newest / "vis-network.min.js").read_text(encoding="utf-8")
    # core-js writes '"<script>"' in a string; "\x3c" is the same string and leaves the
    # page's parser nothing that looks like a tag.
    text = text.replace('"<script>"', '"\\x3cscript>"')
    lowered = text.lower()
    if "<script" in lowered or "</script" in lowered or "<!--" in lowered:
        raise KinmapError(f"cannot inline pyvis's {newest.name}/vis-network.min.js: it holds "
                          "text that would open or end a <script> element")
    return newest.name.removeprefix("vis-"), Markup(text)
