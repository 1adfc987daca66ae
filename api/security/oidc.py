"""OIDC bearer tokens (JWT, validated with PyJWT) for forces with an identity provider.

The issuer's signing key is configured as a PEM file, so validation needs no network (police
networks are often closed). A token must be signed by that key with RS256 or ES256, name the
configured issuer and audience, be within its validity times, live no longer than
``LINKWATCH_OIDC_MAX_TOKEN_HOURS`` (exp - iat, default 12 hours), and carry a Linkwatch role in
``LINKWATCH_OIDC_ROLE_CLAIM``; an organisation claim, when present, must be text. The user is
``oidc:<subject>``.
"""

from __future__ import annotations

from pathlib import Path

import jwt

from api.errors import Unauthenticated
from governance.roles import Role
from governance.users import ApiUser
from graph_model.errors import ConfigurationError
from graph_model.settings import Settings

__all__ = ["BearerVerifier"]

_ALGORITHMS = ["RS256", "ES256"]


class BearerVerifier:
    """Checks bearer tokens against one issuer's key; None when OIDC is not configured."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        public_key: str,
        role_claim: str,
        organisation_claim: str,
        max_token_hours: float = 12.0,
    ) -> None:
        self.issuer, self.audience, self.public_key = issuer, audience, public_key
        self.role_claim, self.organisation_claim = role_claim, organisation_claim
        self.max_token_hours = max_token_hours

    @classmethod
    def from_settings(cls, settings: Settings) -> BearerVerifier | None:
        """The verifier the settings describe, or None if OIDC is off.

        Raises
        ------
        ConfigurationError
            When OIDC is half configured or the key file cannot be read.
        """
        parts = (
            settings.linkwatch_oidc_issuer,
            settings.linkwatch_oidc_audience,
            settings.linkwatch_oidc_public_key_file,
        )
        if not any(parts):
            return None
        if not all(parts):
            raise ConfigurationError(
                "OIDC needs LINKWATCH_OIDC_ISSUER, LINKWATCH_OIDC_AUDIENCE and "
                "LINKWATCH_OIDC_PUBLIC_KEY_FILE together."
            )
        key_file = Path(settings.linkwatch_oidc_public_key_file)  # type: ignore[arg-type]
        try:
            key = key_file.read_text(encoding="ascii")
        except OSError as error:
            raise ConfigurationError(f"Cannot read the OIDC key {key_file}: {error}.") from None
        return cls(
            issuer=settings.linkwatch_oidc_issuer,  # type: ignore[arg-type]
            audience=settings.linkwatch_oidc_audience,  # type: ignore[arg-type]
            public_key=key,
            role_claim=settings.linkwatch_oidc_role_claim,
            organisation_claim=settings.linkwatch_oidc_organisation_claim,
            max_token_hours=settings.linkwatch_oidc_max_token_hours,
        )

    def user_for(self, token: str) -> ApiUser:
        """The user a valid token names.

        Raises
        ------
        Unauthenticated
            Saying why the token was refused (signature, issuer, audience, expiry, role).
        """
        try:
            claims = jwt.decode(
                token,
                self.public_key,
                algorithms=_ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
                leeway=30,
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("The bearer token has expired.") from None
        except jwt.InvalidTokenError as error:
            raise Unauthenticated(f"The bearer token is not valid ({error}).") from None
        try:
            role = Role(claims.get(self.role_claim))
        except ValueError:
            raise Unauthenticated(
                f"The bearer token carries no Linkwatch role in its {self.role_claim!r} claim."
            ) from None
        lifetime = claims["exp"] - claims["iat"]
        if not isinstance(lifetime, int | float) or lifetime > self.max_token_hours * 3600:
            raise Unauthenticated(
                f"The bearer token was issued for longer than {self.max_token_hours:g} hours "
                "(exp - iat); ask the identity provider for shorter-lived tokens."
            )
        organisation = claims.get(self.organisation_claim)
        if organisation is not None and (not isinstance(organisation, str) or not organisation):
            raise Unauthenticated(
                f"The bearer token's {self.organisation_claim!r} claim must be a non-empty string."
            )
        return ApiUser(f"oidc:{claims['sub']}", role, organisation or "police")
