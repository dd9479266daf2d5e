"""Demo data: the shared accounts, and a registry through which each app adds its sample content.

`manage.py seed_demo` runs every registered seeder in INSTALLED_APPS order. Seeders must be
idempotent (get_or_create / update_or_create on natural keys), so running the command twice
leaves the same data.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from .models import SavedReply, User
from .roles import Role

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published in the README for the demo only


@functools.cache
def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once for every demo account: it is public, and a hash per account
    would cost the seeding a quarter of a second each."""
    return make_password(DEMO_PASSWORD)


Seeder = Callable[[], str]
_seeders: list[tuple[str, Seeder]] = []


def register(label: str) -> Callable[[Seeder], Seeder]:
    """Register a seeder; it returns a one-line summary of what it made."""

    def decorator(seeder: Seeder) -> Seeder:
        if all(existing is not seeder for _, existing in _seeders):
            _seeders.append((label, seeder))
        return seeder

    return decorator


def seeders() -> list[tuple[str, Seeder]]:
    return list(_seeders)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    full_name: str
    full_name_native: str
    language: str


DEMO_ACCOUNTS = [
    DemoAccount("admin@example.org", Role.ADMINISTRATOR, "Reza Karimi", "رضا کریمی", "fa"),
    DemoAccount("manager@example.org", Role.MANAGER, "Maryam Ahmadi", "مریم احمدی", "fa"),
    DemoAccount("officer@example.org", Role.OFFICER, "Sara Rostami", "سارا رستمی", "fa"),
    DemoAccount("faculty@example.org", Role.FACULTY, "Dr. Kaveh Moradi", "دکتر کاوه مرادی", "fa"),
    DemoAccount("mentor@example.org", Role.MENTOR, "Shilan Azizi", "شیلان عزیزی", "ckb"),
    DemoAccount(
        "applicant@example.org", Role.APPLICANT, "Ali Hassan Al-Tamimi", "علي حسن التميمي", "en"
    ),
]


@register("accounts")
def seed_accounts() -> str:
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account.email,
            defaults={
                "full_name": account.full_name,
                "full_name_native": account.full_name_native,
                "preferred_language": account.language,
            },
        )
        if created:
            user.password = demo_password_hash()
        if account.role == Role.ADMINISTRATOR:
            user.is_staff = user.is_superuser = True
        user.save()
        user.groups.add(Group.objects.get(name=account.role))
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
    return f"{len(DEMO_ACCOUNTS)} demo accounts, password {DEMO_PASSWORD}"


# Two replies per language for the officers to start from (intlaffairs.threads.PLACEHOLDERS).
SAVED_REPLIES = [
    ("fa", "مدارک ناقص", "{name} گرامی، برای درخواست {reference} ({program}) این مدارک هنوز لازم است: {missing_documents}. لطفاً تا {deadline} بارگذاری کنید."),
    ("fa", "دریافت درخواست", "{name} گرامی، درخواست {reference} برای {program} به دست ما رسید و در حال بررسی است."),
    ("en", "Missing documents", "Dear {name}, your application {reference} ({program}) still needs: {missing_documents}. Please upload them by {deadline}."),
    ("en", "Application received", "Dear {name}, we have received your application {reference} for {program} and are reviewing it."),
    ("ckb", "بەڵگەی ناتەواو", "{name}ی بەڕێز، داواکاریی {reference} ({program}) هێشتا ئەم بەڵگانەی پێویستە: {missing_documents}. تکایە تا {deadline} باریان بکە."),
    ("ckb", "داواکاری گەیشت", "{name}ی بەڕێز، داواکاریی {reference} بۆ {program} گەیشتە دەستمان و لە پێداچوونەوەدایە."),
    ("ar", "وثائق ناقصة", "حضرة {name}، ما زال طلبك {reference} ({program}) يحتاج إلى: {missing_documents}. يُرجى رفعها قبل {deadline}."),
    ("ar", "استلام الطلب", "حضرة {name}، تلقّينا طلبك {reference} لبرنامج {program} وهو قيد الدراسة."),
]  # fmt: skip


@register("saved replies")
def seed_saved_replies() -> str:
    for language, title, body in SAVED_REPLIES:
        SavedReply.objects.get_or_create(language=language, title=title, defaults={"body": body})
    return f"{SavedReply.objects.count()} saved replies"
