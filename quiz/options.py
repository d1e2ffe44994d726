"""Page options a publisher may set in the iframe URL: region, accent colour, compact mode.

They are presentation settings, never answers, so they may travel in the query string. Invalid
values fall back to the defaults; only validated values ever reach a page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class PageOptions:
    region: str
    accent: str = ""  # a validated hex colour, or "" for the stylesheet's own
    compact: bool = False  # without the app's own header and footer

    def query(self, default_region: str) -> dict[str, str]:
        """The non-default options, to keep them on every link and form action."""
        args = {}
        if self.region != default_region:
            args["region"] = self.region
        if self.accent:
            args["accent"] = self.accent
        if self.compact:
            args["compact"] = "1"
        return args


def read_options(args: Mapping[str, str], regions: Mapping[str, object], default_region: str) -> PageOptions:
    region = args.get("region", "")
    accent = args.get("accent", "")
    return PageOptions(
        region=region if region in regions else default_region,
        accent=accent.lower() if HEX_COLOUR.fullmatch(accent) else "",
        compact=args.get("compact", "") == "1",
    )
