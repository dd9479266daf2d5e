"""The workflow core in the Django admin: states are read-only there, and each transition that
needs no data is an action that goes through `move()` for every selected record, by the person
signed in, so the admin keeps the same rules and history as the portal."""

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import workflow
from .jalali import to_local_digits
from .models import StateChange


class StateChangeInline(GenericTabularInline):
    model = StateChange
    extra = 0
    can_delete = False
    fields = ["at", "from_state", "to_state", "transition", "by", "note", "data"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("history of the status")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _action(transition: workflow.Transition):
    def action(modeladmin, request, queryset):
        done, refused = 0, []
        for record in queryset:
            try:
                workflow.move(record, transition.name, by=request.user)
            except ValidationError as error:
                refused.append(f"{record}: {' '.join(error.messages)}")
            else:
                done += 1
        if done:
            modeladmin.message_user(
                request,
                _("%(step)s: %(count)s done.")
                % {"step": transition.label, "count": to_local_digits(done)},
                messages.SUCCESS,
            )
        for line in refused:
            modeladmin.message_user(request, line, messages.ERROR)

    action.__name__ = f"move_{transition.name}"
    action.short_description = transition.label
    return action


class WorkflowAdmin(admin.ModelAdmin):
    """Mix in before the ModelAdmin: the state field read-only, the transitions as actions."""

    def get_readonly_fields(self, request, obj=None):
        state = workflow.workflow_of(self.model).field
        return [*super().get_readonly_fields(request, obj), state]

    def get_actions(self, request):
        actions = super().get_actions(request)
        for transition in workflow.workflow_of(self.model).transitions.values():
            if transition.automatic or any(need.required for need in transition.needs):
                continue  # the portal's own steps, and steps that need data, are taken there
            action = _action(transition)
            actions[action.__name__] = (action, action.__name__, action.short_description)
        return actions

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            workflow.created(obj, by=request.user)
