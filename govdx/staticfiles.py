"""Static files in production: hashed names, compressed copies (WhiteNoise),
and the scripts' module imports pointing at hashed names too.

The admin's scripts are ES modules that import their rules and the i18n
helper by relative path. Without the rewrite, ordering.<hash>.js (cached for
ten years) would import the plain i18n.js (cached for an hour), and a deploy
could pair an old module with a new one. Django's manifest storage rewrites
those imports when asked; it is off by default.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
