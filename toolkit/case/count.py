"""Counting characters the way a Chinese reader and Word's 字数 do.

Word's 字数 (Chinese UI: 审阅 → 字数统计 → 字数) adds two things:

* every East Asian character counts one: Chinese characters (all CJK blocks,
  extensions included), Japanese kana, Hangul syllables, the CJK punctuation
  (，。、；：？！《》「」【】（）…), full-width letters and digits (ＡＢ１２), and the
  punctuation Chinese text takes from general blocks: “ ” ‘ ’ — … ·;
* every other run of characters between spaces counts one word: ``2024``,
  ``PPT``, ``www.smartedu.cn`` and ``3.5`` are one each.

White space (ordinary, full-width and line breaks) counts nothing. So
``2024年上海市`` is 1 + 4 = 5 and ``使用 PPT 课件。`` is 2 + 1 + 3 = 6.
"""

from __future__ import annotations

# Code point ranges counted one per character (inclusive).
_EAST_ASIAN = (
    (0x1100, 0x11FF),  # Hangul jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x2FF0, 0x2FFF),  # ideographic description
    (0x3001, 0x303F),  # CJK symbols and punctuation (U+3000, the full-width space, is white space)
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x31FF),  # bopomofo, Hangul compatibility, kanbun, CJK strokes, kana extension
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul jamo extended-A
    (0xAC00, 0xD7FF),  # Hangul syllables and jamo extended-B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFE50, 0xFE6F),  # small form variants
    (0xFF01, 0xFF60),  # full-width ASCII and brackets
    (0xFFE0, 0xFFE6),  # full-width signs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)
# Punctuation from general blocks that Chinese text uses as its own.
_CHINESE_PUNCTUATION = frozenset("\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7\u2022\u2027")


def is_east_asian(character: str) -> bool:
    """Whether Word counts this character on its own in 字数."""
    if character in _CHINESE_PUNCTUATION:
        return True
    code = ord(character)
    return any(low <= code <= high for low, high in _EAST_ASIAN)


def word_count(text: str) -> int:
    """Word's 字数 of ``text``: East Asian characters one each, other runs between spaces one each."""
    count = 0
    in_word = False
    for character in text:
        if character.isspace():
            in_word = False
        elif is_east_asian(character):
            count += 1
            in_word = False
        elif not in_word:
            count += 1
            in_word = True
    return count
