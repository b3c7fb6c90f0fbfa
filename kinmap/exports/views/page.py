"""Single-file HTML pages for the views: kinmap's own Jinja2 templates, no network at all.

Every page inlines its styles and scripts (kinmap's own under `static/`, and
the vis-network that pyvis ships, see `visjs`), forbids any outside request
with a Content-Security-Policy, passes its data as JSON (`|tojson`, which
escapes `<`, `>`, `&` and quotes) and lets Jinja2 escape every other value.
Only markup kinmap built itself — SVG from xml.etree, its own scripts and
pyvis's vis-network, checked — is marked safe.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ... import __version__

HERE = Path(__file__).resolve().parent
#: No request leaves the page: scripts and styles are inline, images only data: URLs.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; "
       "object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; "
       "form-action 'none'")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """kinmap's template environment: autoescaping on for every template."""
    return Environment(loader=FileSystemLoader(str(HERE / "templates")),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=None)
def static(name: str) -> Markup:
    """One of kinmap's own scripts or stylesheets, checked safe to inline."""
    text = (HERE / "static" / name).read_text(encoding="utf-8")
    lowered = text.lower()
    if "</script" in lowered or "</style" in lowered:
        raise ValueError(f"static/{name} cannot be inlined: it closes its own element")
    return Markup(text)


def render(template: str, *, title: str, subtitle: str, data: dict[str, Any],
           scripts: list[str | Markup], pseudonymised: bool, **context: Any) -> str:
    """A complete page; `scripts` names files of static/ to inline, in order
    (or is a script already checked safe, as `Markup`)."""
    return environment().get_template(template).render(
        csp=CSP, title=title, subtitle=subtitle, data=data, version=__version__,
        css=static("views.css"),
        scripts=[s if isinstance(s, Markup) else static(s) for s in scripts],
        pseudonymised=pseudonymised, **context)


def trusted_svg(svg_text: str) -> Markup:
    """SVG that kinmap serialised with xml.etree (so every text in it is escaped)."""
    return Markup(svg_text)
