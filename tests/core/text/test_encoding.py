"""Telling UTF-8, UTF-16 and CP949 apart (the order of the tries), and refusing what is not text."""

import codecs

import pytest

from core.text.encoding import CP949, UTF8, UTF8_BOM, UTF16_BE, UTF16_LE, EncodingError, decode_bytes, detect

TEXT = "00:00:05\t김민지:\t안녕하세요 선생님\n00:00:09\t이서준:\t질문 있어요\n"


@pytest.mark.parametrize("data, codec", [
    (TEXT.encode("utf-8"), UTF8),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), UTF8_BOM),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), UTF16_LE),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), UTF16_BE),
    (TEXT.encode("utf-16-le"), UTF16_LE),
    (TEXT.encode("utf-16-be"), UTF16_BE),
    (TEXT.encode("cp949"), CP949),
    (TEXT.encode("euc-kr"), CP949),
])
def test_each_encoding_is_told_and_read(data, codec):
    text, found = decode_bytes(data)
    assert found.codec == codec and text == TEXT
    assert (found.note is None) == (codec in (UTF8, UTF8_BOM))


def test_a_head_cut_inside_a_character_is_still_its_encoding():
    data = ("가" * 100).encode("utf-8")
    assert detect(data[:-1]).codec == UTF8  # a streamed head may end mid-character
    assert detect(("가" * 100).encode("cp949")[:-1]).codec == CP949


def test_a_few_damaged_bytes_are_replaced_and_said():
    data = TEXT.encode("utf-8").replace("안녕".encode(), b"\xff\xfe") * 4
    text, found = decode_bytes(data)
    assert found.codec == UTF8 and "\ufffd" in text and "U+FFFD" in found.note


@pytest.mark.parametrize("data, words", [
    (bytes(range(128, 256)) * 4, "not text in UTF-8, UTF-16 or CP949"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"\x00\x01\x02binary", "binary"),
    (codecs.BOM_UTF16_LE + b"\x00", "byte-order mark"),
])
def test_what_is_not_text_is_one_line(data, words):
    with pytest.raises(EncodingError, match=words) as e:
        decode_bytes(data, "chat file x.txt")
    assert "\n" not in str(e.value) and str(e.value).startswith("chat file x.txt")
