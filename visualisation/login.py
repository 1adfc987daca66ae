"""The viewer's sign-in page."""

from __future__ import annotations

from visualisation.render import meta_policy, template

__all__ = ["login_page"]


def login_page(nonce: str) -> str:
    """The sign-in page, its script and style allowed by ``nonce``."""
    return template("login.html").render(nonce=nonce, policy=meta_policy(nonce))
