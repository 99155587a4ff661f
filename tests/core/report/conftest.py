"""Generated sessions for the report tests, and a reader for the pages they produce."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmarks.synthetic_session import SyntheticSession, write_session


@pytest.fixture()
def session(tmp_path: Path) -> SyntheticSession:
    """Five students (four with Korean names, one unnamed), two minutes, twelve chat messages."""
    return write_session(tmp_path / "class", students=5, minutes=2, messages=12, seed=3)


def name_the_class(s: SyntheticSession) -> None:
    """Give a generated session's sidecar what `analyze` of a named class writes: every key the report shows,
    names from three sources, two participants with the camera off all along."""
    meta = json.loads(s.sidecar.read_text(encoding="utf-8"))
    meta.update(input={"path": "/home/t/lecture.mp4", "size": 812_300_000, "mtime": 1740787200.0},
                models={"emotion_cnn": "0123456789ab", "text_model": "ba9876543210"}, faces=100, frames=120,
                finished_at="2025-03-01T09:12:00+09:00", text_half_life_s=30.0,
                options={"every": 2, "smooth": 1.5, "full_every": 10, "split_minutes": 30.0, "views": "ten",
                         "attention": True, "chat": "/home/t/chat.txt", "half_life": 30.0, "chat_start": "09:00:00",
                         "participants": "/home/t/participants.csv", "names": False},
                name_sources={"1": "tile", "2": "typed", "3": "participants", "4": "tile"},
                camera_off=["박지민", "Kim Minsu"])
    s.sidecar.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


class Page(HTMLParser):
    """An HTML page's text, images and links, read with the standard library's parser (which raises on nothing,
    so the tests also check that tags close)."""

    VOID = {"meta", "img", "br", "link", "input", "hr"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.text: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []
        self.open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "img":
            self.images.append(a.get("src") or "")
        if tag == "a":
            self.links.append(a.get("href") or "")
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def body_text(self) -> str:
        """All text, whitespace collapsed."""
        return re.sub(r"\s+", " ", " ".join(self.text))

    def outside_data_uris(self) -> str:
        """The page with every embedded data: URI cut out (base64 can spell anything)."""
        return re.sub(r"data:[a-z+/]+;base64,[A-Za-z0-9+/=]+", "", self.html)


def read_page(path: Path) -> Page:
    """Parse a written page; fails on unbalanced tags."""
    page = Page(path.read_text(encoding="utf-8"))
    assert page.open == [], f"unclosed tags: {page.open}"
    return page


@pytest.fixture(autouse=True)
def english_system(monkeypatch):
    """The pages' default language follows the system: these tests read English ones, whatever the machine's."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
