"""The workbench's Flask application: settings, safety on every request, the store.

Safe by construction:
- requests must name this server as their Host (127.0.0.1, localhost or the
  address it was told to bind), so another site cannot reach it by DNS rebinding;
- every state-changing request (POST) carries the session token, a random value
  made at start-up and written into the server's own pages only; a request
  without it, or from another Origin, is refused (403);
- request bodies are limited (`max_upload`), and documents are read by the same
  bounded readers as `kinmap extract`;
- every page has a Content-Security-Policy with no outside source: scripts and
  styles from this server only, no inline script, no connections;
- the views embedded in a page run in a sandboxed frame with an opaque origin.
"""
from __future__ import annotations

import hmac
import secrets
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from flask import Flask, abort, g, render_template, request

from ..errors import KinmapError

HERE = Path(__file__).resolve().parent

#: The workbench's own pages: nothing from outside, no inline script, no connections.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
            "connect-src 'none'; object-src 'none'")
#: An embedded view: its own inline scripts and styles, in a sandbox (an opaque origin:
#: no cookies, no access to the workbench), inside the workbench only.
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'; "
            "frame-ancestors 'self'; sandbox allow-scripts")

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass
class Settings:
    """What `kinmap serve` was told."""

    store: str
    drafts: Path
    documents: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    max_upload: int = 20 * 1024 * 1024  # bytes
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


def create_app(settings: Settings) -> Flask:
    """The workbench as a WSGI application."""
    from ..drafts import DraftFolder

    app = Flask("kinmap.web", root_path=str(HERE), static_folder="static",
                template_folder="templates")
    app.config.update(MAX_CONTENT_LENGTH=settings.max_upload,
                      MAX_FORM_MEMORY_SIZE=settings.max_upload,
                      SECRET_KEY=secrets.token_bytes(32),
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True,
                      TEMPLATES_AUTO_RELOAD=False)
    app.extensions["kinmap"] = Workbench(settings, DraftFolder(settings.drafts))
    app.jinja_env.globals.update(token=settings.token, bench=app.extensions["kinmap"])
    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(KinmapError, _kinmap_error)
    app.register_error_handler(413, _too_large)

    from . import library, questions, workbench
    app.register_blueprint(library.pages)
    app.register_blueprint(workbench.pages)
    app.register_blueprint(questions.pages)
    return app


class Workbench:
    """The application's state: settings, drafts folder, and one writer at a time."""

    def __init__(self, settings: Settings, drafts) -> None:
        self.settings = settings
        self.drafts = drafts
        self._writer = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator:
        """The store opened to read, without the writer's lock (CLI loads go on)."""
        from ..graph.store import open_store
        with open_store(self.settings.store, read_only=True) as store:
            yield store

    def has_store(self) -> bool:
        from ..graph.store import URL_SCHEME
        return bool(URL_SCHEME.match(self.settings.store)) or Path(self.settings.store).is_dir()

    @contextmanager
    def writing(self) -> Iterator:
        """The store opened to write, through the same store API as `kinmap load`; one
        request at a time (a CLI writer elsewhere makes this a clear StoreError)."""
        from ..graph.store import open_store
        with self._writer, open_store(self.settings.store, create=True) as store:
            yield store


def bench() -> Workbench:
    from flask import current_app
    return current_app.extensions["kinmap"]


def _guard():
    settings = bench().settings
    host = (request.host or "").rsplit(":", 1)[0].strip("[]").lower()
    allowed = set(LOCAL_HOSTS) | {settings.host.strip("[]").lower()}
    if host not in allowed:
        abort(421, "this workbench answers only to its own address")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        origin = request.headers.get("Origin")
        if origin and origin != f"{request.scheme}://{request.host}":
            abort(403, "a request from another site was refused")
        sent = request.form.get("token", "")
        if not hmac.compare_digest(sent.encode(), settings.token.encode()):
            abort(403, "refused: the page's session token is missing or out of date; "
                       "reload the page and try again")
    g.view_page = False


def _headers(response):
    response.headers["Content-Security-Policy"] = VIEW_CSP if g.get("view_page") else PAGE_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    # same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the
    # workbench's own form posts, and the Origin check above would refuse them
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if not g.get("view_page"):
        response.headers["X-Frame-Options"] = "DENY"
    return response


def _kinmap_error(error: KinmapError):
    return render_template("error.html", message=str(error)), 400


def _too_large(_error):
    mb = bench().settings.max_upload / (1024 * 1024)
    return render_template("error.html", message=f"the upload is larger than {mb:g} MB, the "
                           "limit of this workbench (kinmap serve --max-upload)"), 413
