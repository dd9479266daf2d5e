"""A mobility's status history, kept until now only in its change history (simple_history's
HistoricalMobility, which stays as the record of edits), becomes the core's StateChange rows:
the first historical row is the mobility's creation, and each later row whose status differs
from the one before is a move, by the person the change history names."""

from django.db import migrations

from intlaffairs.history_migration import copy_history, remove_history

NAMES = {
    ("planned", "approved"): "approve",
    ("approved", "ongoing"): "start",
    ("ongoing", "completed"): "complete",
    ("completed", "report_received"): "receive_report",
}


def forwards(apps, schema_editor):
    HistoricalMobility = apps.get_model("exchanges", "HistoricalMobility")
    Mobility = apps.get_model("exchanges", "Mobility")

    def rows(_model):
        previous = {}  # mobility id → its status in the last row read
        ordered = HistoricalMobility.objects.filter(
            id__in=Mobility.objects.values("pk")  # not the history of a deleted mobility
        ).order_by("id", "history_date", "history_id")
        for row in ordered.iterator():
            if row.history_type == "-":
                continue
            before = previous.get(row.id)
            previous[row.id] = row.status
            if before == row.status:
                continue  # an edit of other fields
            if before is None:
                transition = ""  # the first row: the mobility was created
            elif row.status == "cancelled":
                transition = "cancel"
            else:
                transition = NAMES.get((before, row.status), "")
            yield {
                "object_id": row.id,
                "transition": transition,
                "from_state": before or "",
                "to_state": row.status,
                "by_id": row.history_user_id,
                "at": row.history_date,
                "note": "",
            }

    copy_history(apps, model="exchanges.Mobility", rows=rows)


def backwards(apps, schema_editor):
    remove_history(apps, model="exchanges.Mobility")


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0005_follow_up_status"),
        ("intlaffairs", "0007_state_change"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
