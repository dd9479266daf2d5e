"""The pipeline's history rows (students.Step) become the core's StateChange rows; each is named
for the transition that reaches its stage (one transition leads to each stage)."""

from django.db import migrations

from intlaffairs.history_migration import copy_history, remove_history

NAMES = {
    "submitted": "submit",
    "document_check": "start_check",
    "faculty_review": "refer_to_faculty",
    "interview": "invite_to_interview",
    "admitted": "admit",
    "waitlisted": "waitlist",
    "rejected": "reject",
    "offer_accepted": "accept_offer",
    "fees_received": "receive_fees",
    "enrolled": "enroll",
    "withdrawn": "withdraw",
}


def forwards(apps, schema_editor):
    Step = apps.get_model("students", "Step")

    def rows(_model):
        for step in Step.objects.order_by("application_id", "at", "id").iterator():
            yield {
                "object_id": step.application_id,
                "transition": NAMES.get(step.to_stage, ""),
                "from_state": step.from_stage,
                "to_state": step.to_stage,
                "by_id": step.by_id,
                "at": step.at,
                "note": step.note,
            }

    copy_history(apps, model="students.Application", rows=rows)


def backwards(apps, schema_editor):
    Step = apps.get_model("students", "Step")
    StateChange = apps.get_model("intlaffairs", "StateChange")
    Step.objects.bulk_create(
        Step(
            application_id=change.object_id,
            from_stage=change.from_state,
            to_stage=change.to_state,
            by_id=change.by_id,
            at=change.at,
            note=change.note,
        )
        for change in StateChange.objects.filter(
            content_type__app_label="students", content_type__model="application"
        ).exclude(from_state="")
    )
    remove_history(apps, model="students.Application")


class Migration(migrations.Migration):
    dependencies = [
        ("students", "0006_program_unit"),
        ("intlaffairs", "0007_state_change"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Step"),
    ]
