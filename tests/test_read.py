"""Encoding detection and bad-input errors."""

from __future__ import annotations

import codecs

import pytest

from zhen.errors import InputError
from zhen.text.read import decode_bytes, read_source

TEXT = "哈萨克斯坦总统托卡耶夫公开拒绝支持俄罗斯。\n中亚国家与俄罗斯存在深厚的文化、经济和历史联系。\n"
# Cantonese written in Hong Kong: 嘅, 咗 and 哋 exist only in Big5-HKSCS, not in plain Big5.
HK = "佢哋今日食咗飯，我哋嘅朋友話佢哋好開心。\n香港特區政府表示支持哈薩克。\n"
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
        (HK.encode("big5hkscs"), HK, "big5hkscs"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "gb18030", "gbk", "big5", "big5-hkscs"],
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


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("The café served crème brûlée to a naïve guest — “quoted” text.\n".encode("cp1252") * 3,
         "latin.txt: looks like Latin-1/Windows-1252 text, not Chinese (expected UTF-8, UTF-16, GB18030 or Big5)"),
        ("Zürich, Genève and São Paulo.\n".encode("latin-1") * 3,
         "latin.txt: looks like Latin-1/Windows-1252 text, not Chinese (expected UTF-8, UTF-16, GB18030 or Big5)"),
    ],
    ids=["cp1252", "latin-1"],
)
def test_latin1_english_is_named_not_called_binary(tmp_path, data, message):
    path = _write(tmp_path / "latin.txt", data)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert str(info.value) == f"{tmp_path}/{message}"


@pytest.mark.parametrize("data", [b"abc\x00def\n", "普京\x00说\n".encode("utf-8")], ids=["ascii", "chinese"])
def test_nul_on_stdin_is_refused_as_in_a_file(zhen, data):
    result = zhen("terms", "-", input=data)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "Error: <stdin>: binary file (contains NUL bytes)\n")
