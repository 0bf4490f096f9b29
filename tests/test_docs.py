"""The documentation runs: its code, its generated reference, and its pages in a real browser.

* Every Python block of every page under ``docs/`` runs, page by page in one namespace (sybil); doctest
  output shown on a page is checked. Every shell block is checked too: the modules and scripts it names
  exist, and its ``pip install`` extras are in ``pyproject.toml``.
* The generated reference names every parameter, rule and procedure (and each procedure version) of the
  Vietnamese rulebook, in both languages, and the built site carries an anchor for each.
* The site builds with warnings as errors (``python -m sphinx -W -b html docs …``); a built page with a
  procedure diagram is opened in headless Chromium, the diagram is drawn, and no request leaves the machine.

Needs the ``docs`` extra (sphinx, furo, myst-parser, sybil) and Graphviz's ``dot``; the tests skip with the
reason when they are missing, and fail instead when ``KIEMTRA_REQUIRE_DOCS=1``. The browser test needs
Debian's ``chromium``: it skips without it, and fails instead when ``KIEMTRA_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import base64
import contextlib
import doctest
import fcntl
import importlib
import importlib.util
import json
import os
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import time
import tomllib
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATED = ("reference/rulebook-vn.md", "reference/rulebook-vn.vi.md")
SKIPPED_DIRS = ("_build", "_ext", "_data", "_static", "procedures")
BUILD_COMMAND = "python -m sphinx -W -b html docs docs/_build/html"


def _pages() -> list[Path]:
    out = []
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS).as_posix()
        if rel in GENERATED or rel.split("/", 1)[0] in SKIPPED_DIRS:
            continue
        out.append(path)
    return out


PAGES = _pages()


def _require(what: str, env: str) -> None:
    """Skip with the reason, or fail when ``env`` is set to 1."""
    if os.environ.get(env) == "1":
        pytest.fail(f"{what} ({env}=1)")
    pytest.skip(what)


def _need_module(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        _require(f"{name} is not installed: pip install -e '.[docs]'", "KIEMTRA_REQUIRE_DOCS")


def _need_dot() -> None:
    if shutil.which("dot") is None:
        _require(
            "Graphviz 'dot' is not on the PATH: apt-get install graphviz", "KIEMTRA_REQUIRE_DOCS"
        )


def _generator() -> ModuleType:
    """``docs/_ext/rulebook_reference.py``, loaded as a module."""
    path = DOCS / "_ext" / "rulebook_reference.py"
    spec = importlib.util.spec_from_file_location("kiemtra_docs_rulebook_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# -- every code block runs ----------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_python_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of the page runs, in order, in one namespace; doctest output must match."""
    _need_module("sybil")
    from sybil import Sybil
    from sybil.parsers.myst import PythonCodeBlockParser

    monkeypatch.chdir(tmp_path)  # whatever a page writes (a SQLite file, a report) lands here
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    sybil = Sybil(parsers=[PythonCodeBlockParser(doctest_optionflags=flags)], path=str(DOCS))
    document = sybil.parse(page)
    examples = list(document)
    try:
        for example in examples:
            example.evaluate()
    finally:
        document.namespace.clear()


_SHELL_BLOCK = re.compile(r"^```(?:bash|sh|shell|console)\n(.*?)^```", re.S | re.M)


def _shell_commands() -> list[tuple[str, str]]:
    out = []
    for page in PAGES:
        for block in _SHELL_BLOCK.findall(page.read_text(encoding="utf-8")):
            for line in block.splitlines():
                line = line.split(" #", 1)[0].strip().removeprefix("$ ")
                if line and not line.startswith("#"):
                    out.append((page.relative_to(DOCS).as_posix(), line))
    return out


SHELL = _shell_commands()


@pytest.mark.parametrize(
    ("page", "line"), SHELL, ids=[f"{p}:{i}" for i, (p, _) in enumerate(SHELL)]
)
def test_shell_blocks_name_what_exists(page: str, line: str) -> None:
    """Each shell command names modules, scripts and extras that exist (it is not run: some take minutes
    or install packages; the docs build itself is run by the tests below)."""
    extras = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    )
    for command in re.split(r"\s*&&\s*", line):
        words = shlex.split(command)
        if not words:
            continue
        program = Path(words[0]).name
        if program in {"python", "python3"}:
            if words[1:2] == ["-m"]:
                module = words[2]
                if module in {"venv", "pip"}:
                    continue
                local = ROOT / module.split(".")[0]
                found = (
                    local.is_dir()
                    or local.with_suffix(".py").exists()
                    or importlib.util.find_spec(module)
                )
                assert found, f"{page}: no module {module!r}: {line}"
                if module == "sphinx":
                    assert (
                        command.replace("python3 ", "python ") == BUILD_COMMAND or "-W" in words
                    ), f"{page}: the docs are built with warnings as errors: {line}"
            elif len(words) > 1 and words[1].endswith(".py"):
                assert (ROOT / words[1]).exists(), f"{page}: no script {words[1]!r}: {line}"
        elif program == "pip" or words[1:3] == ["-m", "pip"] or program.endswith("pip"):
            for word in words:
                for extra in re.findall(r"\[([\w,]+)\]", word):
                    for name in extra.split(","):
                        assert name in extras, (
                            f"{page}: no extra {name!r} in pyproject.toml: {line}"
                        )
        else:
            assert program in {"apt-get", "cd", "export", "sudo", "which", "git"}, (
                f"{page}: a shell command the docs tests do not know: {line}"
            )


# -- the generated reference ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    """The two generated pages and what they were generated from."""
    _need_dot()
    gen = _generator()
    sources = gen.vn_sources()
    pages = gen.render_pages(sources)
    return {"gen": gen, "sources": sources, "pages": pages}


def test_reference_names_every_parameter_rule_and_procedure(reference: dict[str, Any]) -> None:
    """Every parameter, rule and procedure version of the rulebook has its own entry in both languages."""
    gen, sources, pages = reference["gen"], reference["sources"], reference["pages"]
    assert sources.book.params, "the rulebook has no parameters"
    assert sources.rules, "the rulebook has no rules"
    for lang, name in gen.PAGES.items():
        text = pages[name]
        missing = []
        for key, param in sources.book.params.items():
            entry = f"({gen.label(lang, 'param', key)})=\n#### `{key}`"
            if entry not in text:
                missing.append(f"parameter {key}")
            for version in param.versions:  # every period, with its status
                if gen.Page(sources, lang).period(version.valid) not in text:
                    missing.append(f"parameter {key}: period {version.valid}")
        for rule in sources.rules:
            if f"({gen.label(lang, 'rule', rule.id)})=\n### `{rule.id}`" not in text:
                missing.append(f"rule {rule.id}")
            if f"| `{rule.version}` |" not in text:
                missing.append(f"rule {rule.id} version {rule.version}")
        for procedure in sources.procedures:
            if f"({gen.label(lang, 'procedure', procedure.name)})=" not in text:
                missing.append(f"procedure {procedure.name}")
            for version in procedure.versions:
                if (
                    f"({gen.label(lang, 'procedure', procedure.name, version.version)})="
                    not in text
                ):
                    missing.append(f"procedure {procedure.name} version {version.version}")
                if (
                    f'id="{gen.label(lang, "diagram", procedure.name, version.version)}"'
                    not in text
                ):
                    missing.append(f"diagram of {procedure.name} version {version.version}")
                for move in version.moves:
                    if f"| `{move.trigger}`" not in text:
                        missing.append(f"move {procedure.name}.{move.trigger}")
                for state in version.states:
                    if f"`{state.name}`" not in text:
                        missing.append(f"state {procedure.name}.{state.name}")
        assert not missing, f"{name} lacks: " + ", ".join(missing)


def test_reference_uses_the_rulebook_vietnamese_texts(reference: dict[str, Any]) -> None:
    """The Vietnamese page shows the rulebook's vi titles; the English one its en titles."""
    sources, pages, gen = reference["sources"], reference["pages"], reference["gen"]
    messages = sources.book.templates.messages
    for key, param in sources.book.params.items():
        title = param.title_key or f"param.{key}"
        for lang in ("vi", "en"):
            if title in messages.get(lang, {}):
                assert gen.md(messages[lang][title]) in pages[gen.PAGES[lang]], (lang, key)
    for procedure in sources.procedures:
        title = procedure.label or f"{procedure.name}.title"
        if title in messages.get("vi", {}):
            assert gen.md(messages["vi"][title]) in pages[gen.PAGES["vi"]]


def test_reference_glossary_is_vietnamese_to_english(reference: dict[str, Any]) -> None:
    """The glossary lists the domain terms (Vietnamese first) and the rulebook's own bilingual terms."""
    sources, pages, gen = reference["sources"], reference["pages"], reference["gen"]
    assert sources.glossary, "no glossary"
    for lang, name in gen.PAGES.items():
        text = pages[name]
        glossary = text[text.index(f"({gen.label(lang, 'glossary')})=") :]
        for entry in sources.glossary:
            assert gen.md(entry.vietnamese) in glossary, entry
        assert "Khiển trách" in glossary or "khiển trách" in glossary


def test_reference_without_procedures_still_renders(reference: dict[str, Any]) -> None:
    """A rulebook with no procedures yet gets a note instead of an empty section."""
    gen = reference["gen"]
    sources = reference["sources"]
    bare = gen.Sources(sources.book, sources.rules, (), sources.glossary, "test")
    text = gen.render_page(bare, "en", svgs={})
    assert gen.TEXT["en"]["no_procedures"] in text


# -- the built site ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built by the documented command (into a temporary folder), warnings as errors."""
    for module in ("sphinx", "furo", "myst_parser"):
        _need_module(module)
    _need_dot()
    out = tmp_path_factory.mktemp("site")
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "-b",
        "html",
        "-q",
        "-d",
        str(out / ".doctrees"),
        str(DOCS),
        str(out / "html"),
    ]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"the docs build failed:\n{done.stdout}\n{done.stderr}"
    assert time.monotonic() - started < 240, "the docs build takes too long"
    return out / "html"


def test_site_has_an_anchor_for_every_entry(site: Path) -> None:
    """The built reference pages carry an anchor for every parameter, rule and procedure version."""
    gen = _generator()
    sources = gen.vn_sources()
    for lang, name in gen.PAGES.items():
        html = (site / "reference" / name.replace(".md", ".html")).read_text(encoding="utf-8")
        ids = set(re.findall(r'id="([^"]+)"', html))
        wanted = {gen.label(lang, "param", k) for k in sources.book.params}
        wanted |= {gen.label(lang, "rule", r.id) for r in sources.rules}
        for p in sources.procedures:
            wanted.add(gen.label(lang, "procedure", p.name))
            wanted |= {gen.label(lang, "procedure", p.name, v.version) for v in p.versions}
            wanted |= {gen.label(lang, "diagram", p.name, v.version) for v in p.versions}
        assert not wanted - ids, f"{name}: no anchor for {sorted(wanted - ids)[:10]}"
        assert "cdn." not in html and "https://unpkg" not in html, "a page must not load from a CDN"


def test_site_pages_load_nothing_from_the_network(site: Path) -> None:
    """No page of the site names a script, style sheet, font or image on another host."""
    remote = re.compile(
        r"""<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)=["'](?:https?:)?//""", re.I
    )
    offenders = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        offenders += [f"{page.relative_to(site)}: {m.group(0)}" for m in remote.finditer(text)]
    assert not offenders, offenders[:10]


# -- the diagram in a real browser -----------------------------------------------------------------------
def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    _require(
        "chromium is not installed (Debian: apt-get install chromium): the diagram was not checked in a browser",
        "KIEMTRA_REQUIRE_BROWSER",
    )
    raise AssertionError("unreachable")


class _DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (fd 3 in, fd 4 out): no port, no
    websocket library, nothing but the standard library."""

    def __init__(self, exe: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        low = (to_chrome_r, from_chrome_w)
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in low]

        def wire() -> None:  # in the child: the pipe ends on fds 3 and 4
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        args = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--metrics-recording-only",
            # belt and braces: any host name resolves nowhere, so nothing could leave even by mistake
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=1280,900",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            args,
            pass_fds=(3, 4, *high),
            preexec_fn=wire,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for fd in (*low, *high):
            os.close(fd)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError, AssertionError, TimeoutError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 16)
                if not chunk:
                    raise AssertionError("chromium closed the pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        data: dict[str, Any] = json.loads(message)
        return data

    def send(
        self, method: str, session: str | None = None, timeout: float = 30, **params: Any
    ) -> Any:
        self._next += 1
        ident = self._next
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            data = self._read(deadline)
            if data.get("id") == ident:
                assert "error" not in data, f"{method}: {data['error']}"
                return data.get("result", {})
            self.events.append(data)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            data = self._read(deadline)
            if data.get("method") == method:
                return data
            self.events.append(data)


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium executable (module scope, so that a missing browser skips before the site is built)."""
    return _chromium()


@pytest.fixture
def browser(chromium: str, tmp_path: Path) -> Iterator[_DevTools]:
    """A headless Chromium for this test, closed afterwards."""
    tools = _DevTools(chromium, tmp_path / "profile")
    try:
        yield tools
    finally:
        tools.close()


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            corner = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3))
        previous = line
    return width, height, rows


_LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "chrome-error:", "devtools:")


def test_diagram_is_drawn_in_chromium_and_nothing_leaves(
    chromium: str, site: Path, browser: _DevTools, tmp_path: Path
) -> None:
    """The English reference page, opened in headless Chromium: its first procedure diagram is laid out and
    painted (states and moves have a size, and a screenshot of it is not blank), and every request the
    page made was for a local file."""
    gen = _generator()
    sources = gen.vn_sources()
    if not sources.procedures:
        pytest.skip("the rulebook has no procedures yet: no diagram to look at")
    procedure = sources.procedures[0]
    version = max(procedure.versions, key=lambda v: v.valid.start)
    figure_id = gen.label("en", "diagram", procedure.name, version.version)
    page = (site / "reference" / "rulebook-vn.html").resolve()

    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    requests: list[str] = []
    browser.send("Network.enable", session)
    browser.send("Page.enable", session)
    browser.send("Page.navigate", session, url=page.as_uri())
    browser.wait_for("Page.loadEventFired", timeout=60)
    script = f"""
    (() => {{
      const fig = document.getElementById({json.dumps(figure_id)});
      if (!fig) return {{found: false}};
      fig.scrollIntoView({{block: "start"}});
      const svg = fig.querySelector("svg");
      const box = svg.getBoundingClientRect();
      const sized = (sel) => Array.from(svg.querySelectorAll(sel)).filter(g => {{
        const b = g.getBBox(); return b.width > 0 && b.height > 0; }}).length;
      const texts = Array.from(svg.querySelectorAll("g.node title")).map(t => t.textContent);
      return {{found: true, x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width,
               height: box.height, nodes: sized("g.node"), edges: sized("g.edge"), titles: texts,
               visible: getComputedStyle(svg).visibility, display: getComputedStyle(svg).display}};
    }})()
    """
    drawn = browser.send("Runtime.evaluate", session, expression=script, returnByValue=True)[
        "result"
    ]["value"]
    assert drawn["found"], f"no figure {figure_id} on the page"
    states = {s.name for s in version.states}
    moves = sum(len(m.sources) for m in version.moves)
    assert drawn["display"] != "none" and drawn["visible"] == "visible"
    assert drawn["width"] > 200 and drawn["height"] > 200, drawn
    assert states <= set(drawn["titles"]), (
        f"states missing from the drawing: {states - set(drawn['titles'])}"
    )
    assert drawn["nodes"] >= len(states), drawn
    assert drawn["edges"] >= moves, drawn

    clip = {
        "x": drawn["x"],
        "y": drawn["y"],
        "width": min(drawn["width"], 1200),
        "height": min(drawn["height"], 900),
        "scale": 1,
    }
    shot = browser.send(
        "Page.captureScreenshot", session, format="png", clip=clip, captureBeyondViewport=True
    )
    png = base64.b64decode(shot["data"])
    (tmp_path / "diagram.png").write_bytes(png)
    width, height, rows = _png_pixels(png)
    dark = sum(
        1
        for row in rows
        for i in range(0, len(row), 3)
        if row[i] < 128 and row[i + 1] < 128 and row[i + 2] < 128
    )
    fills = (b"\xee\xf3\xfb", b"\xe7\xf4\xea", b"\xff\xf4\xdc")  # the state boxes' fill colours
    tinted = sum(1 for row in rows for i in range(0, len(row), 3) if row[i : i + 3] in fills)
    assert dark > 500, f"the diagram looks blank: {dark} dark pixels in {width}x{height}"
    assert tinted > 500, "the state boxes were not painted"

    for event in browser.events:
        if event.get("method") == "Network.requestWillBeSent":
            requests.append(event["params"]["request"]["url"])
    assert requests, "no request was seen at all: the network log is not working"
    leaving = [url for url in requests if not url.startswith(_LOCAL_SCHEMES)]
    assert not leaving, f"requests left the machine: {leaving}"
