"""Finding e-mail addresses and telephone numbers in readers' comments.

Readers' answers are kept without personal data, so the feedback form
refuses a comment holding contact details. People type them in many ways:
full-width digits, a minus sign, a katakana long vowel mark or a dot between
the groups, +81 for Japan, "[at]" for @. The comment is folded into one form
(NFKC, case-folded; between digits every dash becomes "-") and then matched;
the comment itself is kept as written. Dates (2024-06-05), times, counts
(1,234件) and version numbers do not look like a Japanese telephone number:
10 or 11 digits starting with 0.
"""

import re
import unicodedata

# After NFKC (full-width forms become ASCII, ｰ becomes ー), what people put
# between digit groups: hyphens, dashes, the minus sign, the long vowel mark,
# box-drawing lines.
DASHES = re.compile("[\u2010-\u2015\u2212\u30fc\u2500\u2501\ufe58\ufe63]")
SEP = r"[-.\s]{0,2}"
DOMESTIC = re.compile(rf"(?<![\d+])0\d{{1,4}}{SEP}\d{{1,4}}{SEP}\d{{3,4}}(?!\d)")
# +81 (Japan), the leading 0 dropped or kept in brackets: +81(0)3-….
INTERNATIONAL = re.compile(
    rf"\+\s?81{SEP}(?:0{SEP})?\d{{1,4}}{SEP}\d{{1,4}}{SEP}\d{{3,4}}(?!\d)"
)
AT_WORDS = r"(?:at|アット(?:マーク)?|あっと(?:まーく)?)"
EMAIL = re.compile(
    r"\w\s*@\s*\w"  # a@b, taro @ example.jp
    rf"|\w\s*[\[(<{{]\s*{AT_WORDS}\s*[\])>}}]\s*\w"  # taro [at] example.jp
    rf"|\w\s+(?:アット(?:マーク)?|あっと(?:まーく)?)\s+\w"  # taro アットマーク example
    # taro at example.jp, taro at example dot jp: "at" then a domain.
    r"|\w\s+at\s+[\w-]+(?:\s*(?:\.|\sdot\s)\s*[\w-]+)*"
    r"\s*(?:\.|\sdot\s)\s*(?:jp|com|net|org|info|io)\b"
)


def holds_contact(text):
    """True when `text` holds something like an e-mail address or a Japanese
    telephone number."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if EMAIL.search(text):
        return True
    # Between digits, every dash is "-" and brackets around the area code,
    # (03) 1234-5678, are one more separator.
    numbers = DASHES.sub("-", text).replace("(", " ").replace(")", " ")
    for pattern, digits in ((DOMESTIC, (10, 11)), (INTERNATIONAL, (11, 12, 13))):
        for match in pattern.finditer(numbers):
            if len(re.sub(r"\D", "", match.group())) in digits:
                return True
    return False
