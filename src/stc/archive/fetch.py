"""Downloading sources into the archive with the standard library's urllib: a User-Agent that
names stc and its version, a timeout, redirects followed, a size cap. The publisher's address
(the source's url) is tried first; if it has none or the download fails, the copy the source was
read at (read_at), when that is an http(s) address."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Literal

from stc import __version__
from stc.archive.cited import CitedSource, copy_address
from stc.archive.store import Archive, ArchivedDocument, utc_now
from stc.archive.text import sniff_type

USER_AGENT = f"stc/{__version__} (safe-third-country assessment; source archive)"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 1 << 16

Status = Literal["fetched", "skipped", "failed", "no-address"]


class DownloadError(Exception):
    """A download that did not give a document; the message says why, for a reader."""


@dataclass(frozen=True)
class Downloaded:
    data: bytes
    content_type: str
    charset: str | None
    final_url: str


@dataclass(frozen=True)
class Outcome:
    source_id: str
    country: str
    status: Status
    document: ArchivedDocument | None = None
    reasons: tuple[str, ...] = ()
    """Why each address tried failed (also for a copy fetched after the original failed)."""


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 4


def download(url: str, settings: FetchSettings) -> Downloaded:
    """GET `url`, following redirects; raises DownloadError with a plain reason."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}, method="GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > settings.max_bytes:
                raise DownloadError(f"larger than the size cap ({int(length)} bytes)")
            chunks: list[bytes] = []
            total = 0
            while chunk := response.read(_CHUNK):
                total += len(chunk)
                if total > settings.max_bytes:
                    raise DownloadError(f"larger than the size cap ({settings.max_bytes} bytes)")
                chunks.append(chunk)
            data = b"".join(chunks)
            content_type = response.headers.get_content_type() if response.headers else ""
            declared = response.headers.get("Content-Type") if response.headers else None
            charset = response.headers.get_content_charset() if response.headers else None
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise DownloadError(f"could not connect: {exc.reason}") from None
    except TimeoutError:
        raise DownloadError(f"no answer within {settings.timeout:g} seconds") from None
    except (OSError, ValueError) as exc:
        raise DownloadError(f"download failed: {exc}") from None
    if not data:
        raise DownloadError("the server sent an empty document")
    if not declared or content_type in ("application/octet-stream", "binary/octet-stream"):
        content_type = sniff_type(data)
    return Downloaded(data, content_type, charset, final_url)


@dataclass(frozen=True)
class _Attempt:
    cited: CitedSource
    result: Downloaded | None
    original: bool
    reasons: tuple[str, ...]


def _addresses(cited: CitedSource) -> list[tuple[str, bool]]:
    """(address, is the publisher's) in the order to try them."""
    out: list[tuple[str, bool]] = []
    if cited.source.url:
        out.append((cited.source.url, True))
    copy = copy_address(cited.source.read_at)
    if copy and copy != cited.source.url:
        out.append((copy, False))
    return out


def _attempt(cited: CitedSource, settings: FetchSettings) -> _Attempt:
    reasons: list[str] = []
    for address, original in _addresses(cited):
        try:
            return _Attempt(cited, download(address, settings), original, tuple(reasons))
        except DownloadError as exc:
            label = "publisher's address" if original else "copy read"
            reasons.append(f"{label} {address}: {exc}")
    return _Attempt(cited, None, False, tuple(reasons))


def fetch_sources(
    archive: Archive,
    sources: Iterable[CitedSource],
    *,
    refresh: bool = False,
    settings: FetchSettings | None = None,
    clock: Callable[[], str] = utc_now,
) -> Iterator[Outcome]:
    """Download every source not yet archived (every one with `refresh`) and store it; yields
    one outcome a source, as each finishes. Downloads run in `settings.jobs` threads; the
    archive is written only from the calling thread."""
    settings = settings or FetchSettings()
    todo: list[CitedSource] = []
    for cited in sources:
        sid = cited.source.id
        if not refresh and sid in archive:
            yield Outcome(sid, cited.country, "skipped", archive.get(sid))
        elif not _addresses(cited):
            yield Outcome(
                sid,
                cited.country,
                "no-address",
                reasons=("no http(s) address: neither url nor read_at gives one",),
            )
        else:
            todo.append(cited)
    if not todo:
        return
    with ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
        futures = [pool.submit(_attempt, cited, settings) for cited in todo]
        for future in as_completed(futures):
            attempt = future.result()
            sid, country = attempt.cited.source.id, attempt.cited.country
            if attempt.result is None:
                yield Outcome(sid, country, "failed", reasons=attempt.reasons)
                continue
            got = attempt.result
            doc = archive.add(
                sid,
                got.data,
                content_type=got.content_type,
                fetched_from=got.final_url,
                original=attempt.original,
                retrieved=clock(),
                charset=got.charset,
            )
            yield Outcome(sid, country, "fetched", doc, attempt.reasons)
