"""Pinyin of glossary forms and queries: full readings, initials, and folding of typed pinyin."""

from __future__ import annotations

import re
import unicodedata

from zhen.text.normalize import HAN


def pinyin_of(text: str, tones: bool = False) -> str:
    """Space-separated pinyin of the Han characters in text (tone marks when tones=True)."""
    from pypinyin import Style, lazy_pinyin

    style = Style.TONE if tones else Style.NORMAL
    return " ".join(lazy_pinyin("".join(HAN.findall(text)), style=style, v_to_u=tones))


def initials_of(text: str) -> str:
    """First letters of the pinyin syllables of text (托卡耶夫 → tkyf)."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin("".join(HAN.findall(text)), style=Style.FIRST_LETTER))


def fold_pinyin(query: str) -> str:
    """Fold typed pinyin to bare letters: Tuōkǎyēfū, 'tuo ka ye fu', tuo1ka3 → tuokayefu."""
    text = query.casefold().replace("ü", "v").replace("u:", "v")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z]", "", text)
