"""The web-address rule: a compiled pattern decides the common form, and it agrees with the
``urllib.parse`` check it replaced (issue 10, item 4: ``urlsplit`` was 0.6 s of validating
100,000 members)."""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from ecpat_data._core.text import _PLAIN_URL, _check_url


def _old_check(value: str) -> str:
    """The rule before the pattern, verbatim."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise PydanticCustomError(
            "url_scheme", "'{value}' is not an http:// or https:// address", {"value": value}
        )
    return value


def _outcome(check: object, value: str) -> tuple[str, str]:
    try:
        return "ok", check(value)  # type: ignore[operator]
    except PydanticCustomError as error:
        return "refused", error.type
    except ValueError as error:
        return "ValueError", str(error)


_PIECES = st.sampled_from(
    [
        *("http://", "https://", "HTTP://", "hTtPs://", "ftp://", "http:", "http:/", "//"),
        *("a", "b.org", "x-y.example", "127.0.0.1", ":8080", "user:pw@", "@", "[::1]", "[", "]"),
        *("/", "/path", "?q=1", "#frag", "%20", " ", "\t", "\n", "\\", "é", "日本", "\uff03"),
        *("~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "_", "-", "."),
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=8).map("".join), st.text(max_size=20)))
@example("https://www.ecpat.org.uk/our-history")
@example("http://a")
@example("https://")
@example("https:///path")
@example("https://[::1]/x")
@example("https://a]/x")
def test_the_url_rule_agrees_with_urllib_on_every_string(value: str) -> None:
    assert _outcome(_check_url, value) == _outcome(_old_check, value)


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_what_the_pattern_accepts_urllib_accepts(value: str) -> None:
    if _PLAIN_URL.match(value):
        assert _outcome(_old_check, value) == ("ok", value)


def test_the_common_form_never_reaches_urllib() -> None:
    for value in (
        "https://www.ecpat.org.uk/our-history",
        "http://ecpat.org/country/japan?x=1#top",
        "https://calendarfreemonthly2023.netlify.app/host-https-ecpat.org/country/japan",
    ):
        assert _PLAIN_URL.match(value), value
