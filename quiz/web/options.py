"""Page options a publisher may set in the iframe URL: region, accent colour, compact mode, and
the host page's origin (set by static/embed.js) that the frame may send its events to.

They are presentation settings, never answers, so they may travel in the query string. Invalid
values fall back to the defaults; only validated values ever reach a page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# A web origin as browsers write it: scheme, host name or IPv4 address, optional port; no path.
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
WEB_ORIGIN = re.compile(rf"(https?)://({LABEL}(?:\.{LABEL})*)(?::([0-9]{{1,5}}))?", re.IGNORECASE)
MAX_ORIGIN_LENGTH = 260


@dataclass(frozen=True)
class PageOptions:
    region: str
    accent: str = ""  # a validated hex colour, or "" for the stylesheet's own
    compact: bool = False  # without the app's own header and footer
    host: str = ""  # the embedding page's origin, the only target of the frame's messages; or ""

    @property
    def on_accent(self) -> str:
        """Text colour on the accent (buttons): black or white, whichever contrasts more."""
        if not self.accent:
            return ""
        return "#000" if contrast(self.accent, "#000") > contrast(self.accent, "#fff") else "#fff"

    def query(self, default_region: str) -> dict[str, str]:
        """The non-default options, to keep them on every link and form action."""
        args = {}
        if self.region != default_region:
            args["region"] = self.region
        if self.accent:
            args["accent"] = self.accent
        if self.compact:
            args["compact"] = "1"
        if self.host:
            args["host"] = self.host
        return args


def read_options(args: Mapping[str, str], regions: Mapping[str, object], default_region: str) -> PageOptions:
    region = args.get("region", "")
    accent = args.get("accent", "")
    return PageOptions(
        region=region if region in regions else default_region,
        accent=accent.lower() if HEX_COLOUR.fullmatch(accent) else "",
        compact=args.get("compact", "") == "1",
        host=read_origin(args.get("host", "")),
    )


def read_origin(value: str) -> str:
    """`value` as a lower-case web origin (e.g. "https://news.example"), or "" if it is not one."""
    match = WEB_ORIGIN.fullmatch(value) if len(value) <= MAX_ORIGIN_LENGTH else None
    if not match or (match.group(3) and not 0 < int(match.group(3)) < 65536):
        return ""
    return value.lower()


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two hex colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
