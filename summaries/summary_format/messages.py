"""Every message a summary file can get, in Japanese: what is wrong, and how to
write it instead. Marked for translation; the Django side translates on display."""

from .data import gettext_noop as _

# Errors: the file is not imported.
EMPTY = _("ファイルが空です。要約ページの本文を貼り付けてください。")
NUL = _(
    "NUL 文字が含まれています。UTF-16 など別の形式で保存されていないか確かめ、"
    "UTF-8 で保存し直してください。"
)
HEADER_SHORT = _(
    "ファイルの始めに、タイトル、チャンネル名、「5 Jun 202411:14」の形の日付と"
    "動画の長さの3行が必要です。"
)
HEADER_HEADING = _(
    "ここにはタイトル、チャンネル名、日付の行が来るはずですが、"
    "見出し「%(heading)s」があります。ファイルの始めにその3行を書いてください。"
)
DATE_TOO_EARLY = _(
    "日付の行「%(found)s」が早すぎます。その前にタイトルとチャンネル名の2行が必要です。"
)
EXPECTED_DATE = _(
    "3つ目の行には動画の公開日と長さを「5 Jun 202411:14」の形で書きます"
    "（日、英語の月、4桁の年、続けて長さ）。ここには「%(found)s」があります。"
)
UNKNOWN_MONTH = _(
    "月「%(month)s」が読めません。Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec の"
    "どれかで書いてください。"
)
IMPOSSIBLE_DATE = _("日付「%(date)s」は存在しません。")
MISSING_DURATION = _(
    "日付の後に動画の長さがありません。「5 Jun 202411:14」のように、"
    "年のすぐ後に「分:秒」か「時:分:秒」で書いてください。"
)
BAD_DURATION = _(
    "動画の長さ「%(found)s」が読めません。「11:14」や「1:02:05」の形で書いてください"
    "（分と秒は00〜59）。"
)
EXPECTED_SUMMARY = _(
    "日付の行の後には、動画のアドレス（https://…、なくても可）と"
    "見出し「Summary」が来ます。ここには「%(found)s」があります。"
)
UNKNOWN_HEADING = _("見出し「%(found)s」は使えません。使える見出し: %(known)s")
UNKNOWN_HEADING_GUESS = _(
    "見出し「%(found)s」は使えません。「%(guess)s」の書き間違いではありませんか。"
    "使える見出し: %(known)s"
)
DUPLICATE_SECTION = _(
    "見出し「%(heading)s」が2回あります（最初は%(first)d行目）。1つにまとめてください。"
)
MISSING_SUMMARY = _(
    "見出し「Summary」と、その下の「TLDR要約文」の行がありません。"
    "日付の行の後に書いてください。"
)
MISSING_TAKEAWAYS = _(
    "見出し「Takeaways」と要点の行がありません。要約の後に「Takeaways」と、"
    "「  • 絵文字 要点」の行を1つ以上書いてください。"
)
MISSING_TLDR = _(
    "見出し「Summary」の下に「TLDR」で始まる要約の行がありません。"
    "「TLDR」に続けて要約を書いてください。"
)
EXPECTED_TLDR = _(
    "見出し「Summary」の次には「TLDR」で始まる要約の行が来ます。"
    "ここには「%(found)s」があります。"
)
EMPTY_TLDR = _("「TLDR」の後に要約の文がありません。続けて要約を書いてください。")
EXTRA_TLDR = _(
    "要約（TLDR）は1行で書きます。「%(found)s」は余分な行か、使えない見出しです。"
)
NO_TAKEAWAYS = _(
    "「Takeaways」の下に要点が1つもありません。"
    "「  • 絵文字 要点」の形で1つ以上書いてください。"
)
NOT_A_TAKEAWAY = _(
    "「%(found)s」は要点の行の形ではありません。"
    "要点は「  • 絵文字 要点」の形で書きます。"
)
TAKEAWAY_WITHOUT_TEXT = _(
    "要点に本文がありません。"
    "「  • 絵文字 要点の文」の形で、絵文字の後に文を書いてください。"
)
NOT_A_QUESTION = _(
    "「%(found)s」は質問と回答の行の形ではありません。"
    "質問は「  • 質問」、回答はその次の行に「    -回答」の形で書きます。"
)
EMPTY_QUESTION = _("質問の文がありません。「•」の後に質問を書いてください。")
EMPTY_ANSWER = _("回答の文がありません。「-」の後に回答を書いてください。")
QUESTION_WITHOUT_ANSWER = _(
    "質問「%(question)s」に回答がありません。"
    "次の行に「    -回答」の形で書いてください。"
)
ANSWER_WITHOUT_QUESTION = _(
    "回答「%(answer)s」の前に質問がありません。"
    "質問は「  • 質問」、回答はその次の行に「    -回答」の形で書きます。"
)
NOT_TIMED = _(
    "「%(found)s」は「%(heading)s」の行の形ではありません。"
    "「  02:15 文」のように、時刻と文を書きます。"
)
BAD_TIMECODE = _(
    "時刻「%(found)s」が読めません。「02:15」や「1:02:05」の形で書いてください"
    "（分と秒は00〜59）。"
)
TIMED_WITHOUT_TEXT = _(
    "時刻 %(time)s の後に文がありません。「  %(time)s 文」の形で書いてください。"
)
NOT_A_KEYWORD = _(
    "「%(found)s」はキーワードの行の形ではありません。"
    "キーワードは「  • キーワード」の形で書きます。"
)
EMPTY_KEYWORD = _("キーワードがありません。「•」の後にキーワードを書いてください。")
UNFINISHED_LOCK = _(
    "ロックされた区画（「plate」で始まる部分）が「今すぐアップグレード」の行で"
    "終わっていません。"
)
AFTER_LOCK = _(
    "ロックされた区画（「今すぐアップグレード」まで）の後に「%(found)s」があります。"
    "ロックされた区画と中身は同時に書けません。"
)
LOCKED_REQUIRED = _(
    "「%(heading)s」はロックされていて中身がありません。この部分は取り込みに必要です。"
)
BAD_RATING = _(
    "評価は「4.5 / 5 (12 votes)」の形で書きます。ここには「%(found)s」があります。"
)
RATING_RANGE = _("評価 %(rating)s は 0〜5 の範囲にありません。")
RATING_PRECISION = _("評価 %(rating)s は小数点以下1桁までで書いてください（例: 4.5）。")
EXTRA_RATING = _("評価は1行だけ書きます。「%(found)s」は余分です。")

# Warnings: the file is imported; the editor should know.
MINDMAP_IGNORED = _(
    "マインドマップ（%(count)d行）は取り込みません。"
    "当サイトのマインドマップは講演の構成から自動で描かれます。"
)
NO_VOTES = _("転記元の評価は投票0件のものなので記録しません。")
AFTER_END = _("時刻 %(time)s が動画の長さ %(duration)s を超えています。")
OUT_OF_ORDER = _("時刻 %(time)s が前の行の %(previous)s より前です。")
