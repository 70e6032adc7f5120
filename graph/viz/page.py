"""Writing the HTML page: one self-contained file that works offline.

:func:`render_page` puts the page data (:mod:`.data`) into ``graph/templates/viz.html``
with every script and style inline: the vis-network build that the pyvis package ships,
and the page's own ``viz.js`` and ``viz.css``. Nothing is loaded from the network, and a
Content-Security-Policy that only admits the page's own two scripts (by hash) stops
anything else from running.

The data travels as JSON in a ``<script type="application/json">`` element with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped, so no label, note or excerpt can end the element;
the page builds its DOM with ``textContent`` only. See docs/viz.md.

>>> escape_json({"note": "</script><b>"})
'{"note":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ActorGraphError
from ..files import write_atomically
from ..gc_pause import collector_paused
from ..resources import templates_dir
from .data import PageData, build_page_data

# build_page_data is here too for callers of the old module path (tests/test_properties.py).
__all__ = ["COMPRESS_ABOVE", "render_page", "write_page", "escape_json", "build_page_data"]

#: Above this many bytes of JSON the data is written deflated (about 8 times smaller).
COMPRESS_ABOVE = 2_000_000
_PACKED_TYPE = b"application/x-actorgraph-deflate-base64"
_TEMPLATES = templates_dir()
_VIS_DIR = ("lib", "vis-9.1.2")  # inside the installed pyvis package
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# What may not appear raw in JSON inside <script>: "</script", "<!--", and the JavaScript
# line terminators; each is written as its \uXXXX escape (valid JSON, same value). The
# escapes are made in the UTF-8 bytes: no multi-byte sequence holds an ASCII byte or another.
_JSON_ESCAPES = tuple(
    (raw.encode("utf-8"), f"\\u{ord(raw):04x}".encode("ascii")) for raw in "<>&\u2028\u2029"
)


def render_page(data: PageData, title: str = "actorgraph") -> str:
    """The HTML page showing ``data``, every script and style inline; ``title`` heads it."""
    return b"".join(_page(data, title)).decode("utf-8")


def write_page(path: Path, data: PageData, title: str = "actorgraph") -> None:
    """Write the page of ``data`` to ``path`` as UTF-8, atomically."""
    parts = _page(data, title)
    write_atomically(path, lambda out: out.writelines(parts))


def escape_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element (and still valid JSON)."""
    return _script_json(value).decode("utf-8")


def _script_json(value: Any) -> bytes:
    """:func:`escape_json` as UTF-8; the escapes are made in the bytes, the faster way."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    data = text.encode("utf-8")
    for raw, escaped in _JSON_ESCAPES:
        data = data.replace(raw, escaped)
    return data


def _packed(data: bytes) -> bytes:
    """``data`` deflated (zlib format) and in base64: the page inflates it with the
    browser's own DecompressionStream. Base64 holds no ``<``, so it cannot end the element.

    >>> import base64, zlib
    >>> zlib.decompress(base64.b64decode(_packed(b'{"a":1}')))
    b'{"a":1}'
    """
    import base64
    import zlib

    return base64.b64encode(zlib.compress(data, 6))


def _page(data: PageData, title: str) -> list[bytes]:
    """The page of ``data`` as UTF-8 pieces: ``viz.html`` with its placeholders filled."""
    import html  # here, not at the top: ``actorgraph`` starts faster

    with collector_paused():
        values = {"data": _script_json(data.to_json_dict())}
    values["data_type"] = b"application/json"
    if len(values["data"]) > COMPRESS_ABOVE:
        values["data"] = _packed(values["data"])
        values["data_type"] = _PACKED_TYPE
    values["title"] = html.escape(title).encode("utf-8")
    values.update(_page_assets())
    # The template split at its placeholders is text, name, text, name, ..., text.
    pieces = _PLACEHOLDER.split(_template("viz.html"))
    return [values[piece] if i % 2 else piece.encode("utf-8") for i, piece in enumerate(pieces)]


def _content_security_policy(*scripts: str) -> str:
    """A policy that lets only ``scripts`` run and nothing be fetched from anywhere."""
    import base64
    import hashlib

    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )


@cache
def _page_assets() -> dict[str, bytes]:
    """The scripts, styles and Content-Security-Policy every page has, as UTF-8."""
    import html

    vis_js, vis_css = _vis_assets()
    page_js = _template("viz.js")
    texts = {
        "csp": html.escape(_content_security_policy(vis_js, page_js)),
        "vis_css": vis_css,
        "page_css": _template("viz.css"),
        "vis_js": vis_js,
        "page_js": page_js,
    }
    return {name: text.encode("utf-8") for name, text in texts.items()}


@cache
def _template(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as bundled in the installed pyvis package."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    folder = Path(next(iter(spec.submodule_search_locations or ()), "")) if spec else None
    try:
        if folder is None:
            raise FileNotFoundError("pyvis")
        assets = tuple(
            (folder.joinpath(*_VIS_DIR) / f"vis-network.{ext}").read_text(encoding="utf-8")
            for ext in ("min.js", "css")
        )
    except OSError:
        raise ActorGraphError(
            "cannot find vis-network in the pyvis package; reinstall it: pip install 'pyvis>=0.3.2'"
        ) from None
    for text, end in zip(assets, ("</script", "</style"), strict=True):
        if end in text.lower():
            raise ActorGraphError(f"pyvis's vis-network asset contains {end!r}; cannot inline it.")
    return assets[0], assets[1]
