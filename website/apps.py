from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from intlaffairs import navigation, threads
        from intlaffairs.access import OFFICE_ROLES
        from intlaffairs.roles import Role

        from .models import Inquiry
        from .services import inquiry_placeholders, inquiry_reader

        navigation.register(
            navigation.NavItem(
                label=_("Public site"),
                url_name="website:manage",
                icon="globe2",
                description=_("The public pages, news and events the office writes."),
                roles=OFFICE_ROLES,
                order=80,
                group="office",
            ),
            navigation.NavItem(
                label=_("News and events"),
                url_name="website:post_list",
                icon="newspaper",
                roles=(Role.APPLICANT,),
                order=53,
                public=True,
            ),
            navigation.NavItem(
                label=_("Contact us"),
                url_name="website:contact",
                icon="envelope",
                roles=(Role.APPLICANT,),
                order=54,
                public=True,
            ),
        )
        threads.register(
            threads.Subject(
                model=Inquiry,
                placeholders=inquiry_placeholders,
                reader=inquiry_reader,
                reply_template="website/email/contact_reply",
            )
        )
