/* The admin's texts through Django's JavaScript catalogue, for every script.

   The admin's change form loads the catalogue (the admin:jsi18n view) before
   its form media, and it defines window.gettext, ngettext and interpolate. The
   scripts' texts are the Japanese source, translated on /en/admin/ from
   summaries/locale/en/LC_MESSAGES/djangojs.po. Where there is no catalogue
   (node's test runner, a page without it) the Japanese stays as it is.

   The catalogue is looked up on each call, not once on loading, so the order
   in which scripts arrive does not matter. */

export function gettext(message) {
  return globalThis.gettext ? globalThis.gettext(message) : message;
}

export function ngettext(singular, plural, count) {
  if (globalThis.ngettext) {
    return globalThis.ngettext(singular, plural, count);
  }
  return count === 1 ? singular : plural;
}

// Positional %s only, as the scripts use it (Django's also takes named values).
export function interpolate(format, values) {
  if (globalThis.interpolate) {
    return globalThis.interpolate(format, values);
  }
  let next = 0;
  return format.replace(/%s/g, () => String(values[next++]));
}
