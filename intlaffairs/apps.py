from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IntlAffairsConfig(AppConfig):
    name = "intlaffairs"
    verbose_name = _("International Affairs Portal")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.utils.module_loading import autodiscover_modules

        from . import dashboard, format_controls, navigation, numerals, search, security  # noqa: F401 - security: signal handlers
        from .choices import use_choice_tables
        from .normalize import register_sqlite_function
        from .report_views import failed_mail_panel

        # Each app declares its workflows in workflows.py; the core learns them here.
        autodiscover_modules("workflows")
        # … and what waits for whom in queues.py (intlaffairs/waiting.py), drawn from them.
        autodiscover_modules("queues")
        connection_created.connect(register_sqlite_function, dispatch_uid="portal_normalize")
        use_choice_tables()
        format_controls.install()
        numerals.install()
        dashboard.register(failed_mail_panel)
        from django.db.models.signals import post_save

        from . import waiting
        from .access import OFFICE_ROLES
        from .messaging import unread_count
        from .models import StateChange, User
        from .roles import Role

        post_save.connect(waiting.forget_mover, sender=StateChange, dispatch_uid="waiting_mover")

        search.register(
            search.SearchKind(
                key="people",
                label=_("User accounts"),
                model=User,
                fields=("search_text",),  # the address and both forms of the name
                # Accounts are managed in the Django admin; its user list reads ?q= too.
                list_url="admin:intlaffairs_user_changelist",
                roles=(Role.ADMINISTRATOR,),
                order=70,
                url=lambda user: reverse("admin:intlaffairs_user_change", args=[user.pk]),
                detail=lambda user: user.email,
            )
        )

        navigation.register(
            navigation.NavItem(
                label=_("Messages"),
                url_name="thread_list",
                icon="chat-left-text",
                description=_("Your messages with the International Affairs Office."),
                roles=(Role.APPLICANT,),
                order=7,
                counter=unread_count,
            ),
            navigation.NavItem(
                label=_("Messages"),
                url_name="thread_list",
                icon="chat-left-text",
                description=_("Applicants' messages to the office."),
                roles=OFFICE_ROLES,
                order=6,
                group="students",
                counter=unread_count,
            ),
            navigation.NavItem(
                label=_("Saved replies"),
                url_name="saved_reply_list",
                icon="chat-square-quote",
                description=_("Texts the officers start their messages to applicants from."),
                roles=(Role.MANAGER, Role.ADMINISTRATOR),
                order=905,
                group="office",
            ),
            navigation.NavItem(
                label=_("Dashboard"),
                url_name="dashboard",
                icon="speedometer2",
                description=_("Your work at a glance."),
                order=0,
            ),
            navigation.NavItem(
                label=_("Waiting for me"),
                url_name="desk",
                icon="inbox",
                description=_("The records waiting for your step, by kind."),
                roles=waiting.audience(),
                order=1,
                count_url="desk_count",
            ),
            navigation.NavItem(
                label=_("Reports"),
                url_name="report_list",
                icon="file-earmark-pdf",
                description=_("PDF reports in Persian, English or Kurdish."),
                roles=(Role.MANAGER, Role.ADMINISTRATOR),
                order=900,
                group="office",
            ),
            navigation.NavItem(
                label=_("Documents issued"),
                url_name="document_list",
                icon="patch-check",
                description=_("Letters and statements of record: numbers, codes, revocations."),
                roles=(Role.MANAGER, Role.ADMINISTRATOR, Role.OFFICER),
                order=905,
                group="office",
            ),
            navigation.NavItem(
                label=_("E-mails"),
                url_name="outbox_list",
                icon="envelope",
                description=_("What the portal sent, and what it could not send."),
                roles=(Role.MANAGER, Role.ADMINISTRATOR),
                order=910,
                group="office",
            ),
            navigation.NavItem(
                label=_("Administration"),
                url_name="admin:index",
                icon="gear",
                description=_("Users, roles and raw records."),
                roles=(Role.ADMINISTRATOR,),
                order=1000,
                group="office",
            ),
        )
