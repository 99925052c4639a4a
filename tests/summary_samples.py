"""Summary texts for the import tests: the seed page, and a talk with every part."""

from pathlib import Path

SEED_PATH = Path(__file__).parent / "data" / "000_2faee1702ebb4f6e.txt"
SEED_BYTES = SEED_PATH.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
SEED_TAGS = [
    "デジタル改革",
    "東京都",
    "デジタル庁",
    "DX",
    "コロナ",
    "チャレンジ",
    "デジタル化",
    "デザインオフィサー",
    "GovTech東京",
    "DXアワード",
    "市民ニーズ",
]

# Every section filled, in the layout render() writes; line numbers matter to
# the tests that break it, so edit with care.
FULL = """\
防災DXの最前線 〜自治体の挑戦〜

自治体DXチャンネル
12 Mar 20241:02:05
https://www.youtube.com/watch?v=dQw4w9WgXcQ

Summary

TLDR災害時の情報共有をデジタルで変えた自治体の取り組みを紹介します。

Takeaways

  • 🚒 避難所の状況をリアルタイムで共有した。

  • 👩‍💻 職員が自らノーコードで道具を作った。

Q & A

  • 何から始めましたか?

    -紙の様式を減らすことから始めました。

Outlines

  00:00 はじめに

  12:30 避難所の見える化

Keywords

  • 防災

  • ノーコード

Highlights

  05:10 「紙をやめると決めた日」

Transcripts

  00:00 皆さん、こんにちは。

  1:00:00 ご清聴ありがとうございました。

Rate This

4.5 / 5 (12 votes)

関連タグ
防災、自治体DX、ノーコード
"""
