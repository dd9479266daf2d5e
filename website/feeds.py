"""The news and events as RSS 2.0 and Atom 1.0, in the language of the address they are read
at (/fa/news/rss/, /en/news/atom/...)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from intlaffairs.jalali import format_date

from .models import Post

FEED_SIZE = 30


class RssFeed(Feed):
    def title(self) -> str:
        return _(
            "News and events: International Affairs, Kermanshah University of Medical Sciences"
        )

    def link(self) -> str:
        return reverse("website:post_list")

    def description(self) -> str:
        return _("News and events of the International Affairs Office.")

    def feed_url(self) -> str:
        return reverse("website:rss")

    def items(self):
        return Post.objects.published()[:FEED_SIZE]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        if item.kind == Post.Kind.EVENT and item.starts_on:
            when = format_date(item.starts_on)
            if item.ends_on and item.ends_on != item.starts_on:
                when = f"{when} – {format_date(item.ends_on)}"
            where = f" · {item.place}" if item.place else ""
            return f"{when}{where}. {item.summary}".strip()
        return item.summary

    def item_pubdate(self, item: Post) -> datetime:
        return timezone.make_aware(datetime.combine(item.published_on, time(9)))

    def item_updateddate(self, item: Post) -> datetime:
        return item.updated_at

    def item_categories(self, item: Post) -> list[str]:
        return [str(item.get_kind_display())]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()

    def feed_url(self) -> str:
        return reverse("website:atom")
