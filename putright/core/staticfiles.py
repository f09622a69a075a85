"""Static files for production: WhiteNoise's compressed manifest, without source maps.

The vendored minified scripts (Vega and friends) name source maps that are not shipped, and
Django's manifest storage refuses a file whose `sourceMappingURL` points nowhere. Only the
stylesheets' `url()` and `@import` references are rewritten to hashed names.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = (
        (
            "*.css",
            (
                r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""",
                (
                    r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""",
                    """@import url("%(url)s")""",
                ),
            ),
        ),
    )
