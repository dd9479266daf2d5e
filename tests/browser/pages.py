"""The pages every accessibility (axe-core) and HTML (W3C) check visits.

Adding a page to the checks is one line here: its path (with {lang}) and who can see it.
"""

from dataclasses import dataclass

from intlaffairs.roles import Role

ANONYMOUS = None
EVERY_ROLE = tuple(Role.values)


@dataclass(frozen=True)
class CheckedPage:
    name: str
    path: str  # "{lang}" is replaced by fa, en, ckb
    roles: tuple[str | None, ...]

    def url(self, language: str) -> str:
        return self.path.format(lang=language)


CHECKED_PAGES = [
    CheckedPage("home", "/{lang}/", (ANONYMOUS, Role.APPLICANT)),
    CheckedPage("login", "/{lang}/accounts/login/", (ANONYMOUS,)),
    CheckedPage("password-reset", "/{lang}/accounts/password/reset/", (ANONYMOUS,)),
    CheckedPage("signup-closed", "/{lang}/accounts/signup/", (ANONYMOUS,)),
    CheckedPage("not-found", "/{lang}/no-such-page/", (ANONYMOUS,)),
    CheckedPage("dashboard", "/{lang}/dashboard/", EVERY_ROLE),
    CheckedPage("change-password", "/{lang}/accounts/password/change/", (Role.OFFICER,)),
    CheckedPage("email-addresses", "/{lang}/accounts/email/", (Role.APPLICANT,)),
]

LANGUAGES = ("fa", "en", "ckb")


def audiences() -> list[str | None]:
    """Every audience some checked page is shown to, anonymous first."""
    seen: list[str | None] = []
    for page in CHECKED_PAGES:
        for role in page.roles:
            if role not in seen:
                seen.append(role)
    return sorted(seen, key=lambda role: (role is not None, role or ""))
