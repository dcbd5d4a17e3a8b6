"""Encoding detection and bad-input errors."""

from __future__ import annotations

import codecs

import pytest

from zhen.errors import InputError
from zhen.text.read import decode_bytes, read_source

TEXT = "哈萨克斯坦总统托卡耶夫公开拒绝支持俄罗斯。\n中亚国家与俄罗斯存在深厚的文化、经济和历史联系。\n"
TRAD = "哈薩克總統托卡耶夫公開拒絕支持俄羅斯。\n中亞國家與俄羅斯存在深厚的文化、經濟和歷史聯繫。\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (TEXT.encode("utf-8"), TEXT, "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, "utf-8-sig"),
        (TEXT.encode("utf-16"), TEXT, "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, "utf-16"),
        (TEXT.encode("gb18030"), TEXT, "gb18030"),
        (TEXT.encode("gbk"), TEXT, "gb18030"),
        (TRAD.encode("big5"), TRAD, "big5"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "gb18030", "gbk", "big5"],
)
def test_encodings_are_detected(data, text, encoding):
    source = decode_bytes(data, "x.txt")
    assert (source.text, source.encoding) == (text, encoding)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file"),
        (lambda d: d, ": is a directory, expected a file"),
        (lambda d: _write(d / "empty.txt", b""), "empty.txt: file is empty"),
        (lambda d: _write(d / "blank.txt", b" \n\n"), "blank.txt: file is empty"),
        (lambda d: _write(d / "bin.dat", bytes(range(256)) * 4), "bin.dat: binary file"),
        (lambda d: _write(d / "nul.txt", b"abc\x00def\x00" * 10), "nul.txt: binary file"),
    ],
    ids=["missing", "directory", "empty", "blank", "binary", "nul-bytes"],
)
def test_bad_input_raises_named_error(tmp_path, make, message):
    with pytest.raises(InputError) as info:
        read_source(make(tmp_path))
    assert message in str(info.value)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
