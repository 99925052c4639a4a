"""The feedback form keeps no personal data: comments holding an e-mail
address or a telephone number, however they are written, are refused, and
ordinary comments with dates, times, counts and versions are not
(summaries/ratings/personal_data.py)."""

import pytest

from summaries.ratings.feedback import FeedbackForm
from summaries.ratings.personal_data import holds_contact

REFUSED = [
    # Telephone numbers, as people type them on Japanese keyboards and phones.
    "０３−１２３４−５６７８",  # full-width digits, U+2212 MINUS SIGN
    "03ー1234ー5678",  # katakana long vowel mark
    "03ｰ1234ｰ5678",  # its half-width form
    "03.1234.5678",
    "03-1234-5678",
    "03‐1234‐5678",  # U+2010 HYPHEN
    "03–1234–5678",  # en dash
    "03—1234—5678",  # em dash
    "03－1234－5678",  # full-width hyphen-minus
    "03 1234 5678",
    "(03) 1234-5678",
    "（０３）１２３４－５６７８",
    "0312345678",
    "090-1234-5678",
    "０９０ー１２３４ー５６７８",
    "09012345678",
    "080 1234 5678",
    "0120-123-456",
    "+81-3-1234-5678",
    "+81 90 1234 5678",
    "+81(0)3-1234-5678",
    "＋８１－３－１２３４－５６７８",
    "電話は03-1234-5678まで",
    # E-mail addresses, plain and disguised.
    "taro@example.jp",
    "taro＠example.jp",
    "a@b",
    "taro @ example.jp",
    "taro [at] example.jp",
    "taro(at)example.jp",
    "taro［at］example.jp",
    "taro at example.jp",
    "taro at example dot jp",
    "taro アットマーク example.jp",
    "taro＜at＞example．jp",
]

KEPT = [
    "2024-06-05に見ました",
    "2024/06/05",
    "2024.06.05の回",
    "令和6年6月5日",
    "10:30から11:14まで",
    "1:02:05あたりが良かった",
    "10:00-12:00の枠",
    "1,234件",
    "12,345人が利用",
    "0.5倍になった",
    "0.5 0.5 0.5 0.5 0.5",
    "バージョン1.2.3",
    "Python 3.11.7",
    "Windows 10.0.19045",
    "ver.2.0.10",
    "〒100-0001",
    "2023-2024年度",
    "第1回〜第3回",
    "FAXを99%減らした",
    "データーセンターとサーバー",
    "03年度の計画",
    "@govdx をフォローしています",
    "great talk at the city hall",
    "見積りは 100-200-300 円",
    "https://www.digital.go.jp/ を見た",
]


@pytest.mark.parametrize("comment", REFUSED)
def test_contact_details_are_found(comment):
    assert holds_contact(comment)


@pytest.mark.parametrize("comment", KEPT)
def test_ordinary_comments_are_not_taken_for_contact_details(comment):
    assert not holds_contact(comment)


@pytest.mark.parametrize("comment", REFUSED[:3] + REFUSED[-4:])
def test_the_form_refuses_them_with_its_message(comment):
    form = FeedbackForm({"helpful": "no", "comment": comment})
    assert not form.is_valid()
    assert form.errors["comment"] == [
        "ご意見にメールアドレスや電話番号は書かないでください。"
        "個人情報は受け付けていません。"
    ]


@pytest.mark.parametrize("comment", KEPT[:5])
def test_the_form_keeps_ordinary_comments_as_written(comment):
    form = FeedbackForm({"helpful": "yes", "comment": comment})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["comment"] == comment
