"""Starting the workbench: where its store and drafts are, the bind warning, the server."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from ..errors import KinmapError
from .app import LOCAL_HOSTS, Settings


def bind_warning(host: str) -> str | None:
    """The warning for an address other than this machine's own, or None."""
    if host.strip("[]").lower() in LOCAL_HOSTS:
        return None
    return (f"serving on {host}, not 127.0.0.1: anyone who can reach this machine on that "
            "address can read the reviews in the store and change the drafts (they still "
            "need the page's session token to change anything); use it only on a network "
            "you trust")


def default_drafts(store: str) -> Path:
    """`drafts/` beside an embedded store's folder; for a store server, beside the
    default store."""
    from ..graph.store import URL_SCHEME, default_location
    base = default_location() if URL_SCHEME.match(store) else store
    return Path(base).expanduser().resolve().parent / "drafts"


def examples_settings(folder: Path) -> tuple[str, Path]:
    """A store of its own in `folder` holding the bundled examples (loaded once), and a
    drafts folder beside it: never the reviewer's working store."""
    from ..demo import examples_folder
    from ..graph.load import load_files
    from ..graph.store import open_store
    store = folder / "store"
    if not store.is_dir():
        report = load_files(lambda: open_store(str(store)), [examples_folder()])
        if report.failed:
            raise KinmapError(f"the bundled examples did not load: {report.summary()}")
    return str(store), folder / "drafts"


def _check_free(host: str, port: int) -> None:
    """KinmapError, in one line, when the address is taken (werkzeug would print its own
    lines and exit)."""
    import socket
    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise KinmapError(f"--host {host}: not an address of this machine ({error}); "
                          "use 127.0.0.1") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise KinmapError(f"cannot listen on {host}:{port} ({error.strerror or error}); "
                              "choose another --port") from None


def serve(settings: Settings, announce: Callable[[str], None]) -> None:
    """Serve the workbench until interrupted; `announce` is told the address."""
    import logging

    from werkzeug.serving import make_server

    from .app import create_app
    # One line per request on stderr would bury the address and the warnings.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    _check_free(settings.host, settings.port)
    try:
        server = make_server(settings.host, settings.port, create_app(settings), threaded=True)
    except OSError as error:
        raise KinmapError(f"cannot listen on {settings.host}:{settings.port} "
                          f"({error.strerror or error}); choose another --port") from None
    settings.port = server.server_port
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    announce(f"http://{host}:{server.server_port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stderr.flush()
