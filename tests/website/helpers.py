from django.utils import timezone

from website.models import Page, Post


def site_page(slug: str = "why-study-here", **kwargs) -> Page:
    defaults = {
        "title_fa": "چرا کرمانشاه؟",
        "title_en": "Why study in Kermanshah",
        "title_ckb": "بۆچی کرماشان؟",
        "body_fa": "## دانشگاه\n\nمتن فارسی",
        "body_en": "## The university\n\nEnglish text with a [link](https://example.org).",
        "body_ckb": "## زانکۆ\n\nدەقی کوردی",
        "order": 10,
        "is_published": True,
    }
    return Page.objects.create(slug=slug, **{**defaults, **kwargs})


def post(slug: str = "admissions-open", **kwargs) -> Post:
    defaults = {
        "title_fa": "پذیرش آغاز شد",
        "title_en": "Admissions are open",
        "title_ckb": "وەرگرتن دەستی پێکرد",
        "summary_en": "Apply online.",
        "published_on": timezone.localdate(),
        "is_published": True,
    }
    return Post.objects.create(slug=slug, **{**defaults, **kwargs})
