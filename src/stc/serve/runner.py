"""Starting the server: bind the socket (so port 0 gives a known free port before anything is
announced), say where it listens, open the browser, run uvicorn until Ctrl+C."""

from __future__ import annotations

import secrets
import socket
import sys
import threading
import webbrowser
from pathlib import Path

from stc.errors import UsageError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers the server answers to: its own address only (a page elsewhere that
    points a DNS name at 127.0.0.1 is refused)."""
    names = {host}
    if host in LOOPBACK:
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if ":" in host and not host.startswith("["):
        names.add(f"[{host}]")
    hosts = {f"{name}:{port}".lower() for name in names}
    if port == 80:
        hosts |= {name.lower() for name in names}
    return frozenset(hosts)


def run_server(
    data: Path | None, host: str, port: int, open_browser: bool, classes: Path | None = None
) -> None:
    import uvicorn

    from stc.corpus import default_data_root, resolve_data_root
    from stc.serve.app import Config, build_app
    from stc.serve.workspace import Workspace

    root = resolve_data_root(data)
    editable = root.resolve() != default_data_root().resolve()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"--host {host} --port {port}: cannot listen there: {exc.strerror}"
        ) from None
    sock.listen(64)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/"
    if host not in LOOPBACK:
        sys.stderr.write(
            "\n"
            "WARNING: stc is listening on " + host + ", not only on this computer.\n"
            "WARNING: anyone who can reach this address can read your data folder and, if it\n"
            "WARNING: is your own copy, change it. Stop with Ctrl+C unless you meant this.\n\n"
        )
    if classes is not None and classes.exists() and not classes.is_dir():
        sock.close()
        raise UsageError(f"--classes {classes}: exists and is not a folder")
    class_root = classes if classes is not None else (root / "classes" if editable else None)
    teacher = None if host in LOOPBACK else secrets.token_urlsafe(24)
    app = build_app(
        Config(
            Workspace(root, editable),
            allowed_hosts(host, bound),
            classes=class_root,
            teacher_token=teacher,
        )
    )
    sys.stdout.write(
        f"stc is running at {url}\n"
        f"data folder: {root}{'' if editable else ' (installed with stc: read-only)'}\n"
        "Press Ctrl+C to stop.\n"
    )
    if class_root is not None:
        sys.stdout.write(f"class exercises are kept in: {class_root}\n")
    if teacher is not None:
        sys.stdout.write(
            "teacher's pages (class mode; keep this link to yourself): "
            f"{url}class?teacher={teacher}\n"
        )
    sys.stdout.flush()
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
