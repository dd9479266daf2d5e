"""Headers that whitenoise's static files and the middleware's responses share. No Django
imports: settings.py hands `static_file_headers` to whitenoise."""

# No other site may embed the portal's responses (pages, downloads, static files): nothing of
# ours is meant to be loaded cross-origin, and this keeps a private file out of another site's
# <img> or <script> even where a browser's other defences would let it through.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"


def static_file_headers(headers, path: str, url: str) -> None:
    """Whitenoise answers static files before the portal's middleware runs; same policy."""
    headers["Cross-Origin-Resource-Policy"] = CROSS_ORIGIN_RESOURCE_POLICY
