"""Post forms the way a browser would: read the page's form, change some fields."""

from collections import defaultdict

import lxml.html


def browser_form(response, form_id=None):
    """The fields a browser would submit from the page's form, as {name: [values]}."""
    document = lxml.html.fromstring(response.content.decode())
    forms = [
        f
        for f in document.forms
        if f.method.upper() == "POST" and (form_id is None or f.get("id") == form_id)
    ]
    # Without an id, the page's main form: the one with the most fields (the
    # admin also has a small logout form).
    form = max(forms, key=lambda f: len(f.inputs))
    fields = defaultdict(list)
    for name, value in form.form_values():
        fields[name].append(value)
    return fields


def submit(client, response, changes=None, form_id=None, url=None):
    """POST the page's form with `changes` ({name: value or [values]}) applied."""
    fields = browser_form(response, form_id)
    for name, value in (changes or {}).items():
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value if isinstance(value, list) else [value]
    return client.post(url or response.request["PATH_INFO"], dict(fields))
