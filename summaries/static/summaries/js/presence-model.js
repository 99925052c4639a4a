/* Editing together, the rules without a page: what the presence answer
   (summaries/review/presence.py) means for the editor, as sentences. */

import { gettext, interpolate } from "./i18n.js";

function time(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return "";
  }
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// [sentence] for a report {others, saved, submitted, stale}; empty when the
// editor is alone and nobody saved since the form was opened.
export function describe(report) {
  const lines = [];
  for (const other of report.others ?? []) {
    lines.push(
      interpolate(gettext("%sさんもこの講演を編集画面で開いています（%s から）。"), [
        other.who,
        time(other.since),
      ]),
    );
  }
  for (const saved of report.saved ?? []) {
    lines.push(
      interpolate(gettext("%sさんが %s に保存しました。"), [saved.who, time(saved.when)]),
    );
  }
  for (const sent of report.submitted ?? []) {
    lines.push(
      interpolate(gettext("%sさんが %s に変更をレビューに提出しました。"), [
        sent.who,
        time(sent.when),
      ]),
    );
  }
  if (report.stale && (report.saved ?? []).length === 0) {
    lines.push(gettext("この画面を開いた後に、講演が保存されています。"));
  }
  if (report.stale) {
    lines.push(
      gettext("保存する前に画面を読み込み直すと、最新の内容から編集できます。"),
    );
  }
  return lines;
}
