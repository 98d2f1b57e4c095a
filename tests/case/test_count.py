"""字数 as Word counts it: East Asian characters one each, other runs between spaces one each."""

from __future__ import annotations

import pytest

from toolkit.case.count import word_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t\u3000", 0),  # white space, the full-width space included, counts nothing
        ("研修", 2),
        ("研修。", 3),  # Chinese punctuation counts
        ("“智慧教育”……", 8),  # quotes and the ellipsis are Chinese punctuation here
        ("2024年上海市", 5),  # a number run is one word, then four characters
        ("使用 PPT 课件。", 6),
        ("www.smartedu.cn", 1),
        ("3.5 学时", 3),
        ("ＡＢ１２", 4),  # full-width letters and digits count one each
        ("Hello, world!", 2),  # English counts words, not letters
        ("𠮷野家", 3),  # a character outside the BMP (CJK extension B) counts one
        ("第1课", 3),
        ("a\nb", 2),
    ],
)
def test_word_count_matches_word(text: str, expected: int) -> None:
    assert word_count(text) == expected


def test_word_count_adds_across_paragraphs() -> None:
    assert word_count("基本情况\n" + "字" * 296) == 300
