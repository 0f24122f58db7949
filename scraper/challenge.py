"""Anti-bot challenge detection (domain.md §12). Detected pages are recorded as ``blocked``;
they are never retried and never solved."""

from __future__ import annotations

import re

_RUISHU_COOKIE = re.compile(r"FSSBBIl1UgzbN7N\d*[ST]", re.I)
_JSL = re.compile(r"__jsl_clearance|__jsluid_[hs]", re.I)
_OTHER_WAF = re.compile(r"/_bot_sbu/|HOY_TR|sbu_fpcm\.js", re.I)
_JS_COOKIE = re.compile(r"document\.cookie\s*=", re.I)
_JS_RELOAD = re.compile(r"location(\.href)?\s*=|location\.(reload|replace)\(|setTimeout\(", re.I)


def detect_challenge(status: int, headers: dict[str, str], body: bytes) -> str | None:
    """Name the challenge on this response, or None.

    >>> detect_challenge(412, {}, b'<meta content="x"><script>$_ts=window</script>')
    '瑞数 (HTTP 412)'
    >>> detect_challenge(521, {"set-cookie": "__jsluid_h=1"}, b"<script>document.cookie=...</script>")
    '加速乐 (HTTP 521)'
    >>> detect_challenge(200, {}, b"<script>document.cookie='__jsl_clearance=1';location.href=location.pathname</script>")
    '加速乐 JS cookie page'
    >>> detect_challenge(200, {}, b"<html><body>" + "政府信息公开".encode() * 500 + b"</body></html>") is None
    True
    """
    cookies = headers.get("set-cookie", "")
    head = body[:20000].decode("latin-1")
    if status == 412:
        return "瑞数 (HTTP 412)"
    if status == 521:
        return "加速乐 (HTTP 521)"
    if _RUISHU_COOKIE.search(cookies):
        return f"瑞数 cookie challenge (HTTP {status})"
    if status in (200, 202, 403, 503) and len(body) < 20000:
        if _JSL.search(head) or _JSL.search(cookies) and _JS_COOKIE.search(head):
            return "加速乐 JS cookie page"
        if _OTHER_WAF.search(head):
            return "WAF script challenge"
        # A tiny page whose only job is to set a cookie and reload is a challenge, not content.
        text = re.sub(r"<script.*?</script>|<[^>]+>|\s", "", head, flags=re.S)
        if _JS_COOKIE.search(head) and _JS_RELOAD.search(head) and len(text) < 200:
            return "JS cookie challenge page"
    return None
