"""The public site: the office's pages, news and events with their feeds, the contact form and
the sitemap; and the office's pages to write them."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from intlaffairs.access import OFFICE_ROLES, public, roles_required
from intlaffairs.editing import record_edit
from intlaffairs.paging import paginate

from . import feeds, services, sitemaps
from .forms import ContactForm, PageForm, PostForm
from .models import Inquiry, Page, Post

# --- Public


@public
def page(request, slug: str):
    shown = get_object_or_404(Page.objects.visible_to(request.user), slug=slug)
    return render(request, "website/page.html", {"site_page": shown})


@public
def post_list(request):
    """News and events, newest first; `?kind=event` or `?kind=news` for one of them."""
    kind = request.GET.get("kind", "")
    posts = Post.objects.visible_to(request.user)
    if kind in Post.Kind.values:
        posts = posts.filter(kind=kind)
    else:
        kind = ""
    return render(
        request,
        "website/post_list.html",
        {**paginate(request, posts), "kind": kind, "kinds": Post.Kind.choices},
    )


@public
def post(request, slug: str):
    shown = get_object_or_404(Post.objects.visible_to(request.user), slug=slug)
    return render(request, "website/post.html", {"post": shown})


@public
def rss(request):
    return feeds.RssFeed()(request)


@public
def atom(request):
    return feeds.AtomFeed()(request)


@public
def sitemap(request):
    """Every public page in every language, each with its alternates (sitemaps.py)."""
    return django_sitemap(request, sitemaps=sitemaps.SITEMAPS)


@public
def contact(request):
    """The contact form: the message becomes a thread the office answers. Sending is limited
    per client address (ACCOUNT_RATE_LIMITS["website_contact"]); past the limit the form comes
    back, as typed, with the reason."""
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.consume(request, action="website_contact"):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. Please wait a few "
                    "minutes and send this one again."
                ),
            )
            return render(request, "website/contact.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                services.inquiry_send(
                    **{key: form.cleaned_data[key] for key in ("name", "email", "subject")},
                    message=form.cleaned_data["message"],
                    language=get_language(),
                    sender=request.user,
                )
            except ValidationError as error:
                for problem in error.messages:
                    form.add_error(None, problem)
            else:
                messages.success(
                    request,
                    _("Thank you: your message has been sent. We answer by e-mail."),
                )
                return redirect("website:contact")
    return render(request, "website/contact.html", {"form": form})


# --- The office


@roles_required(*OFFICE_ROLES)
def manage(request):
    """The public site's pages and its news and events, drafts included."""
    return render(
        request,
        "website/manage.html",
        {
            "pages": Page.objects.visible_to(request.user),
            **paginate(request, Post.objects.visible_to(request.user)),
        },
    )


@roles_required(*OFFICE_ROLES)
def page_edit(request, pk: int | None = None):
    return record_edit(
        request,
        Page,
        PageForm,
        pk,
        title=_("Edit the page") if pk else _("New page"),
        saved=_("The page has been saved."),
        back="website:manage",
        section=_("Public site"),
    )


@roles_required(*OFFICE_ROLES)
def post_edit(request, pk: int | None = None):
    return record_edit(
        request,
        Post,
        PostForm,
        pk,
        title=_("Edit the news item or event") if pk else _("New news item or event"),
        saved=_("The news item or event has been saved."),
        back="website:manage",
        section=_("Public site"),
    )


@roles_required(*OFFICE_ROLES)
def inquiry_list(request):
    """The messages sent through the contact form, newest first; each opens its thread."""
    return render(
        request,
        "website/inquiry_list.html",
        paginate(request, Inquiry.objects.visible_to(request.user).select_related("applicant")),
    )
