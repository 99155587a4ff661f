"""The README a newcomer reads: short, the display libraries and the law named, and no link to a missing page."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_the_readme_fits_and_says_what_a_newcomer_needs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 350
    assert text.index("## Two commands") < text.index("## The double-click program") < text.index("## Privacy and the law")
    for words in ("make run", "make test", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
                  "Regulation (EU) 2024/1689, Article 5(1)(f)", "2 February 2025", "개인정보 보호법", "Article 23",
                  "not legal advice", "docs/guide_en.md", "docs/guide_ko.md"):
        assert words in text, words


def test_every_relative_link_of_the_readme_and_docs_exists() -> None:
    for page in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{page.name}: {target}"
