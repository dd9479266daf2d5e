"""Certificates get a status (verified where verified_at was set) and claims lose ClaimStep:
both histories become the core's StateChange rows.

A ClaimStep row held only the status it led to: the step before gives the state it left, and a
claim's first row (submitted) is its creation. A verified certificate gets one "verify" row, by
whom and when it was verified; verified_by and verified_at then go.
"""

from django.db import migrations, models

from intlaffairs.history_migration import copy_history, remove_history

CLAIM_STEPS = {
    ("submitted", "verified"): "verify",
    ("verified", "submitted"): "unverify",
    ("verified", "approved"): "approve",
    ("approved", "paid"): "pay",
    ("submitted", "rejected"): "reject",
    ("verified", "rejected"): "reject",
}


def claims_forwards(apps, schema_editor):
    ClaimStep = apps.get_model("incentives", "ClaimStep")
    Claim = apps.get_model("incentives", "Claim")
    payments = {
        claim.pk: {"paid_on": claim.paid_on.isoformat(), "payment_reference": claim.payment_reference}
        for claim in Claim.objects.filter(status="paid", paid_on__isnull=False)
    }

    def rows(_model):
        previous = {}
        for step in ClaimStep.objects.order_by("claim_id", "at", "id").iterator():
            before = previous.get(step.claim_id, "")
            previous[step.claim_id] = step.status
            name = CLAIM_STEPS.get((before, step.status), "") if before else ""
            yield {
                "object_id": step.claim_id,
                "transition": name,
                "from_state": before,
                "to_state": step.status,
                "by_id": step.by_id,
                "at": step.at,
                "note": step.note,
                "data": payments.get(step.claim_id, {}) if name == "pay" else {},
            }

    copy_history(apps, model="incentives.Claim", rows=rows)


def claims_backwards(apps, schema_editor):
    ClaimStep = apps.get_model("incentives", "ClaimStep")
    ContentType = apps.get_model("contenttypes", "ContentType")
    StateChange = apps.get_model("intlaffairs", "StateChange")
    content_type = ContentType.objects.filter(app_label="incentives", model="claim").first()
    if content_type:
        ClaimStep.objects.bulk_create(
            ClaimStep(
                claim_id=change.object_id,
                status=change.to_state,
                by_id=change.by_id,
                at=change.at,
                note=change.note[:300],
            )
            for change in StateChange.objects.filter(content_type=content_type, by__isnull=False)
        )
    remove_history(apps, model="incentives.Claim")


def certificates_forwards(apps, schema_editor):
    Certificate = apps.get_model("incentives", "Certificate")
    verified = Certificate.objects.filter(verified_at__isnull=False)
    verified.update(status="verified")

    def rows(_model):
        for certificate in verified.order_by("pk").iterator():
            yield {
                "object_id": certificate.pk,
                "transition": "verify",
                "from_state": "pending",
                "to_state": "verified",
                "by_id": certificate.verified_by_id,
                "at": certificate.verified_at,
                "note": "",
            }

    copy_history(apps, model="incentives.Certificate", rows=rows)


def certificates_backwards(apps, schema_editor):
    Certificate = apps.get_model("incentives", "Certificate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    StateChange = apps.get_model("intlaffairs", "StateChange")
    content_type = ContentType.objects.filter(app_label="incentives", model="certificate").first()
    if content_type:
        for certificate in Certificate.objects.filter(status="verified"):
            last = (
                StateChange.objects.filter(
                    content_type=content_type, object_id=certificate.pk, to_state="verified"
                )
                .order_by("-at", "-id")
                .first()
            )
            certificate.verified_at = last.at if last else certificate.created_at
            certificate.verified_by_id = last.by_id if last else None
            certificate.save(update_fields=["verified_at", "verified_by"])
    remove_history(apps, model="incentives.Certificate")


class Migration(migrations.Migration):
    dependencies = [
        ("incentives", "0005_unit_content_type_to_the_core"),
        ("intlaffairs", "0007_state_change"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting for review"),
                    ("verified", "Verified"),
                    ("rejected", "Rejected"),
                ],
                db_index=True,
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="claim",
            name="rejection_reason",
            field=models.TextField(blank=True, max_length=2000, verbose_name="reason"),
        ),
        migrations.RunPython(certificates_forwards, certificates_backwards),
        migrations.RunPython(claims_forwards, claims_backwards),
        migrations.RemoveField(model_name="certificate", name="verified_at"),
        migrations.RemoveField(model_name="certificate", name="verified_by"),
        migrations.DeleteModel(name="ClaimStep"),
    ]
