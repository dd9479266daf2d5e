"""The lifecycle rows of agreements.Transition become the core's StateChange rows; the first row
of an agreement that stayed in its state (draft → draft) is its creation."""

from django.db import migrations

from intlaffairs.history_migration import copy_history, remove_history

NAMES = {
    ("draft", "negotiation"): "negotiate",
    ("negotiation", "draft"): "back_to_draft",
    ("negotiation", "awaiting_signature"): "send_for_signature",
    ("awaiting_signature", "negotiation"): "back_to_negotiation",
    ("awaiting_signature", "active"): "activate",
    ("active", "expired"): "expire",
}


def forwards(apps, schema_editor):
    Transition = apps.get_model("agreements", "Transition")

    def rows(_model):
        seen = set()
        for step in Transition.objects.order_by("agreement_id", "at", "id").iterator():
            first = step.agreement_id not in seen
            seen.add(step.agreement_id)
            created = first and step.from_status == step.to_status
            yield {
                "object_id": step.agreement_id,
                "transition": ""
                if created
                else NAMES.get(
                    (step.from_status, step.to_status),
                    "terminate" if step.to_status == "terminated" else "",
                ),
                "from_state": "" if created else step.from_status,
                "to_state": step.to_status,
                "by_id": step.by_id,
                "at": step.at,
                "note": step.note,
            }

    copy_history(apps, model="agreements.Agreement", rows=rows)


def backwards(apps, schema_editor):
    remove_history(apps, model="agreements.Agreement")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0006_text_length_limits"),
        ("intlaffairs", "0007_state_change"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Transition"),
    ]
