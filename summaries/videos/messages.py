"""Every message reading yt-dlp's files can give, in Japanese: what is wrong,
in which file, and how to put it right. Marked for translation; the Django
side translates them when it shows them (`importing.describe()`)."""

from ..summary_format.data import gettext_noop as _

NOT_JSON = _(
    "JSON として読めません（%(line)d行目 %(column)d文字目: %(reason)s）。"
    "yt-dlp の --write-info-json で書き出し直してください。"
)
NOT_UTF8 = _(
    "UTF-8 の文字として読めません。yt-dlp が書いたままのファイルを使ってください。"
)
NOT_AN_OBJECT = _(
    "yt-dlp の info.json ではありません（中身が JSON のオブジェクトでない）。"
)
MISSING = _(
    "「%(field)s」がありません。yt-dlp が動画について書き出した info.json か"
    "確かめてください。"
)
BAD_VALUE = _("「%(field)s」の値「%(value)s」は%(expected)sではありません。")
A_DATE = _("YYYYMMDD の形の日付")
A_LENGTH = _("0以上の秒数")
A_TEXT = _("文字列")
A_LIST = _("リスト")
BAD_ID = _(
    "「id」の値「%(value)s」は YouTube の動画ID（英数字と - _ の11文字）では"
    "ありません。"
)
TOO_LONG = _("「%(field)s」が長すぎます（%(length)d文字。%(limit)d文字までです）。")
BAD_CHAPTER = _(
    "chapters の%(number)d番目（%(title)s）の時刻「%(value)s」が読めません。"
)
IN_FILE = _("%(name)s %(line)d行目: %(message)s")
FILE_TOO_LARGE = _("ファイルが大きすぎます（%(size)s。%(limit)s までです）。")
UNREADABLE = _("ファイルを読めません（%(reason)s）。")

# Warnings: the video is imported, and the editor is told.
DESCRIPTION_CHAPTERS = _(
    "説明文の章立てはアウトラインにしませんでした"
    "（説明文の%(line)d行目: %(message)s）。"
)
NO_CAPTIONS = _("字幕ファイルがないので、文字起こしは空です。")
CHAPTERS_LATE = _(
    "chapters の%(count)d件は動画の長さ（%(duration)s）より後に始まります。"
)
