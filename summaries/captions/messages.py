"""Every message a caption or chapter file can get, in Japanese: what is wrong,
where, and how to put it right. Marked for translation; the Django side
translates them when it shows them (`importer.describe(problem)`)."""

from ..summary_format.data import gettext_noop as _

# Reading the bytes (the same wording as summary_format's for the same faults).
EMPTY_FILE = _(
    "ファイルが空です。字幕ファイル（WebVTT か SRT）を選ぶか、その中身を"
    "貼り付けてください。"
)
NOT_TEXT = _(
    "文字のファイルではありません（動画や画像のファイルかもしれません）。"
    "字幕ファイル（.vtt か .srt）を選んでください。"
)
NOT_UTF8 = _(
    "UTF-8 の文字として読めないバイトがあります。UTF-8 で保存し直してください。"
)
LOOKS_LIKE = _(
    "UTF-8 ではありません。%(encoding)s で保存されたファイルのようです。"
    "UTF-8 で保存し直すか、文字コードに %(codec)s を指定してください。"
)
BROKEN_UTF16 = _(
    "UTF-16 の文字として読めないバイトがあります。ファイルが途中で切れていないか"
    "確かめ、UTF-8 で保存し直してください。"
)
NOT_IN_CODEC = _(
    "%(codec)s の文字として読めないバイトがあります。"
    "文字コードの指定を確かめてください。"
)
UNKNOWN_CODEC = _("文字コード「%(codec)s」は知りません。例: utf-8、cp932")

# Errors: the file is not read.
NOT_CAPTIONS = _(
    "字幕ファイルではありません。WebVTT（1行目が「WEBVTT」）か SRT"
    "（番号の行、「00:00:01,000 --> 00:00:04,000」の形の時刻の行、字幕の文）の"
    "ファイルを選んでください。"
)
LOOKS_LIKE_CHAPTERS = _(
    "字幕の時刻の行がなく、「0:00 はじめに」の形の章立てのようです。"
    "章立ては章立ての欄に入れてください。"
)
NO_CUES = _("「WEBVTT」の行の後に字幕がありません。")
EXPECTED_CUE = _(
    "ここには字幕（「00:00:01,000 --> 00:00:04,000」の形の時刻の行と字幕の文）が"
    "来るはずですが、「%(found)s」があります。"
)
BAD_TIMING = _(
    "時刻の行「%(found)s」は「開始 --> 終了」の形ではありません。"
    "例: 00:01:02.500 --> 00:01:05.000"
)
BAD_TIME = _(
    "時刻「%(found)s」が読めません。「00:01:02.500」か「01:02.500」の形"
    "（時:分:秒.ミリ秒、分と秒は00〜59）で書いてください。"
)
ENDS_BEFORE_START = _(
    "この字幕は%(start)sに始まり、それより前の%(end)sに終わっています。"
    "時刻を確かめてください。"
)
NO_TEXT = _(
    "字幕を%(count)d個読みましたが、文が1つもありません。"
    "字幕の文が入ったファイルか確かめてください。"
)

# Warnings: the file is read; the preview shows these.
CONTINUED = _(
    "時刻の行のない文が%(count)d個あり、それぞれ前の字幕の続きとして読みました"
    "（最初は「%(found)s」）。"
)
OUT_OF_ORDER = _(
    "前の字幕より早い時刻に始まる字幕が%(count)d個あります（最初は%(time)sで、"
    "前の字幕は%(previous)s）。時刻の順に並べ替えて読みました。"
)
AFTER_END = _(
    "動画の長さ（%(duration)s）より後の字幕が%(count)d個あります（最初は"
    "%(time)s）。別の動画の字幕ではないか確かめてください。"
)

# Chapters.
NO_CHAPTERS = _(
    "章立てが見つかりません。「0:00 はじめに」の形の行を3行以上書くか、"
    "WebVTT の章立てファイルを選んでください。"
)
BAD_CHAPTER_TIME = _(
    "章の時刻「%(found)s」が読めません。「1:02」や「1:02:05」の形"
    "（分と秒は00〜59）で書いてください。"
)
CHAPTER_WITHOUT_TITLE = _(
    "%(time)sの章に題がありません。時刻の後に題を書いてください。"
)
FIRST_NOT_ZERO = _(
    "最初の章が%(time)sから始まっています。YouTube と同じく、最初の章は0:00から"
    "始めてください。"
)
NOT_ASCENDING = _(
    "章の時刻%(time)sが前の章（%(previous)s）より後になっていません。"
    "YouTube と同じく、章は時刻の早い順に書いてください。"
)
TOO_FEW_CHAPTERS = _(
    "章が%(count)d個しかありません。YouTube と同じく、0:00から始まる3つ以上の章が"
    "必要です。"
)
SHORT_CHAPTERS = _(
    "次の章まで10秒に満たない章が%(count)d個あります（最初は%(time)sの"
    "「%(title)s」）。YouTube は10秒より短い章のある章立てを表示しません。"
)
CHAPTERS_AFTER_END = _(
    "動画の長さ（%(duration)s）より後の章が%(count)d個あります（最初は"
    "%(time)sの「%(title)s」）。"
)
CAPTIONS_AS_CHAPTERS = _(
    "この WebVTT は章立てではなく字幕（Kind: %(kind)s）のようです。"
    "字幕の1つ1つが章になっています。"
)
