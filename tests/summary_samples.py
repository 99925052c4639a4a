"""Summary texts for the import tests: the seed page, a talk with every part,
and the ways to break it (each with the message it must get)."""

from pathlib import Path

from django.apps import apps

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


def row_counts():
    """Rows of every table the importer could write."""
    models = apps.get_app_config("summaries").get_models()
    return {model.__name__: model.objects.count() for model in models}


def break_full(old, new):
    assert old in FULL
    return FULL.replace(old, new, 1)


# Refused files and their messages, line numbers included.
REFUSALS = {
    "empty": ("", "1行目: ファイルが空です。要約ページの本文を貼り付けてください。"),
    "only blank lines": (
        "\n  \n　\n",
        "1行目: ファイルが空です。要約ページの本文を貼り付けてください。",
    ),
    "impossible date": (
        break_full("12 Mar", "31 Feb"),
        "4行目: 日付「31 Feb 2024」は存在しません。",
    ),
    "not a leap year": (
        break_full("12 Mar 2024", "29 Feb 2023"),
        "4行目: 日付「29 Feb 2023」は存在しません。",
    ),
    "unknown month": (
        break_full("12 Mar", "12 Mrz"),
        "4行目: 月「Mrz」が読めません。"
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec のどれかで書いてください。",
    ),
    "no length": (
        break_full("20241:02:05", "2024"),
        "4行目: 日付の後に動画の長さがありません。「5 Jun 202411:14」のように、"
        "年のすぐ後に「分:秒」か「時:分:秒」で書いてください。",
    ),
    "bad length": (
        break_full("20241:02:05", "202411:75"),
        "4行目: 動画の長さ「11:75」が読めません。"
        "「11:14」や「1:02:05」の形で書いてください（分と秒は00〜59）。",
    ),
    "no title": (
        break_full("防災DXの最前線 〜自治体の挑戦〜\n\n", ""),
        "2行目: 日付の行「12 Mar 20241:02:05」が早すぎます。"
        "その前にタイトルとチャンネル名の2行が必要です。",
    ),
    "no channel": (
        break_full("自治体DXチャンネル\n", ""),
        "3行目: 日付の行「12 Mar 20241:02:05」が早すぎます。"
        "その前にタイトルとチャンネル名の2行が必要です。",
    ),
    "no date line": (
        break_full(
            "12 Mar 20241:02:05\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n", ""
        ),
        "5行目: ここにはタイトル、チャンネル名、日付の行が来るはずですが、"
        "見出し「Summary」があります。ファイルの始めにその3行を書いてください。",
    ),
    "not a date line": (
        break_full("12 Mar 20241:02:05", "2024年3月12日"),
        "4行目: 3つ目の行には動画の公開日と長さを「5 Jun 202411:14」の形で書きます"
        "（日、英語の月、4桁の年、続けて長さ）。ここには「2024年3月12日」があります。",
    ),
    "no TLDR": (
        break_full(
            "TLDR災害時の情報共有をデジタルで変えた自治体の取り組みを紹介します。\n", ""
        ),
        "8行目: 見出し「Summary」の下に「TLDR」で始まる要約の行がありません。"
        "「TLDR」に続けて要約を書いてください。",
    ),
    "empty TLDR": (
        break_full(
            "TLDR災害時の情報共有をデジタルで変えた自治体の取り組みを紹介します。",
            "TLDR",
        ),
        "9行目: 「TLDR」の後に要約の文がありません。続けて要約を書いてください。",
    ),
    "no Summary": (
        break_full(
            "Summary\n\nTLDR災害時の情報共有をデジタルで変えた自治体の取り組みを紹介します。\n\n",
            "",
        ),
        "7行目: 見出し「Summary」と、その下の「TLDR要約文」の行がありません。"
        "日付の行の後に書いてください。",
    ),
    "no Takeaways": (
        break_full(
            "Takeaways\n\n  • 🚒 避難所の状況をリアルタイムで共有した。\n\n"
            "  • 👩‍💻 職員が自らノーコードで道具を作った。\n\n",
            "",
        ),
        "10行目: 見出し「Takeaways」と要点の行がありません。要約の後に「Takeaways」と、"
        "「  • 絵文字 要点」の行を1つ以上書いてください。",
    ),
    "takeaway without text": (
        break_full("  • 🚒 避難所の状況をリアルタイムで共有した。", "  • 🚒"),
        "13行目: 要点に本文がありません。"
        "「  • 絵文字 要点の文」の形で、絵文字の後に文を書いてください。",
    ),
    "takeaway without a bullet": (
        break_full("  • 🚒 避難所の状況", "  🚒 避難所の状況"),
        "13行目: 「🚒 避難所の状況をリアルタイムで共有した。"
        "」は要点の行の形ではありません。"
        "要点は「  • 絵文字 要点」の形で書きます。",
    ),
    "question without answer": (
        break_full("    -紙の様式を減らすことから始めました。\n", ""),
        "19行目: 質問「何から始めましたか?」に回答がありません。"
        "次の行に「    -回答」の形で書いてください。",
    ),
    "answer without question": (
        break_full("  • 何から始めましたか?\n", ""),
        "20行目: 回答「紙の様式を減らすことから始めました。」の前に質問がありません。"
        "質問は「  • 質問」、回答はその次の行に「    -回答」の形で書きます。",
    ),
    "empty answer": (
        break_full("    -紙の様式を減らすことから始めました。", "    -"),
        "21行目: 回答の文がありません。「-」の後に回答を書いてください。",
    ),
    "rating above 5": (
        break_full("4.5 / 5", "5.5 / 5"),
        "47行目: 評価 5.5 は 0〜5 の範囲にありません。",
    ),
    "rating not a rating": (
        break_full("4.5 / 5 (12 votes)", "★★★★☆"),
        "47行目: 評価は「4.5 / 5 (12 votes)」"
        "の形で書きます。ここには「★★★★☆」があります。",
    ),
    "rating too precise": (
        break_full("4.5 / 5", "4.25 / 5"),
        "47行目: 評価 4.25 は小数点以下1桁までで書いてください（例: 4.5）。",
    ),
    "unknown heading": (
        break_full("Highlights", "Chapters"),
        "35行目: 見出し「Chapters」は使えません。使える見出し: Summary、Takeaways、"
        "Q & A、Outlines、Mindmap、Keywords、"
        "Highlights、Transcripts、Rate This、関連タグ",
    ),
    "misspelt heading": (
        break_full("Outlines", "Outline"),
        "23行目: 見出し「Outline」は使えません。"
        "「Outlines」の書き間違いではありませんか。"
        "使える見出し: Summary、Takeaways、"
        "Q & A、Outlines、Mindmap、Keywords、"
        "Highlights、Transcripts、Rate This、関連タグ",
    ),
    "heading twice": (
        break_full("Highlights", "Keywords"),
        "35行目: 見出し「Keywords」"
        "が2回あります（最初は29行目）。1つにまとめてください。",
    ),
    "text before Summary": (
        break_full("\nSummary", "\n発表資料はこちら。\n\nSummary"),
        "7行目: 日付の行の後には、動画のアドレス（https://…、なくても可）と"
        "見出し「Summary」が来ます。ここには「発表資料はこちら。」があります。",
    ),
    "bad time code": (
        break_full("  12:30", "  12:75"),
        "27行目: 時刻「12:75」が読めません。"
        "「02:15」や「1:02:05」の形で書いてください（分と秒は00〜59）。",
    ),
    "time without text": (
        break_full("  12:30 避難所の見える化", "  12:30"),
        "27行目: 時刻 12:30 の後に文がありません。「  12:30 文」の形で書いてください。",
    ),
    "line without a time": (
        break_full("  12:30 避難所の見える化", "  避難所の見える化"),
        "27行目: 「避難所の見える化」は「Outlines」の行の形ではありません。"
        "「  02:15 文」のように、時刻と文を書きます。",
    ),
    "unfinished lock": (
        break_full(
            "Highlights\n\n  05:10 「紙をやめると決めた日」",
            "Highlights\n\nplate\n\n有料です。",
        ),
        "37行目: ロックされた区画（「plate」"
        "で始まる部分）が「今すぐアップグレード」の行で"
        "終わっていません。",
    ),
    "locked and filled": (
        break_full(
            "Highlights\n\n",
            "Highlights\n\nplate\n\n有料です。\n\n今すぐアップグレード\n\n",
        ),
        "43行目: ロックされた区画（「今すぐアップグレード」まで）の後に"
        "「05:10 「紙をやめると決めた日」」があります。"
        "ロックされた区画と中身は同時に書けません。",
    ),
    "locked takeaways": (
        break_full(
            "  • 🚒 避難所の状況をリアルタイムで共有した。"
            "\n\n  • 👩‍💻 職員が自らノーコードで道具を作った。",
            "plate\n\n有料です。\n\n今すぐアップグレード",
        ),
        "11行目: 「Takeaways」はロックされていて中身がありません。"
        "この部分は取り込みに必要です。",
    ),
    "NUL character": (
        break_full("防災、自治体DX", "防災\x00自治体DX"),
        "50行目: NUL 文字が含まれています。"
        "UTF-16 など別の形式で保存されていないか確かめ、"
        "UTF-8 で保存し直してください。",
    ),
}
