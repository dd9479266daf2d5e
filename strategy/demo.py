"""Demo strategy: targets for the live indicators, hand-entered indicators with values,
actions (some overdue), PDCA reviews, centers abroad, outreach materials, the web checklist
and good practices."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from agreements.models import Institution
from intlaffairs import demo, workflow
from intlaffairs.models import User

from . import services
from .models import (
    Action,
    Center,
    Goal,
    Indicator,
    ManualValue,
    Material,
    Plan,
    Practice,
    Review,
    Target,
    WebCheck,
)

# fmt: off
# goal number -> (name_en, name_fa, name_ckb, baseline, values for the last three years)
MANUAL = {
    6: ("Webometrics world rank (lower is better)", "رتبهٔ جهانی وبومتریک (کمتر بهتر است)", "پلەی جیهانیی وێبۆمەتریکس (کەمتر باشترە)", 4200, [4100, 3900, 3650]),
    8: ("Outreach items ready in three languages", "اقلام معرفی آماده به سه زبان", "کەرەستەی ناساندنی ئامادە بە سێ زمان", 2, [3, 5, 7]),
    13: ("Faculty recruited with English proficiency", "اعضای هیئت علمی جذب‌شده با تسلط به انگلیسی", "ئەندامانی دەستەی زانستیی وەرگیراو بە شارەزایی ئینگلیزی", 1, [2, 3, 4]),
}
# The hand-entered indicators in Arabic: name_en -> name_ar.
MANUAL_AR = {
    "Webometrics world rank (lower is better)": "الترتيب العالمي في ويبومتركس (الأقل أفضل)",
    "Outreach items ready in three languages": "المواد التعريفية الجاهزة بثلاث لغات",
    "Faculty recruited with English proficiency": "أعضاء هيئة التدريس المستقطَبون المتقنون للإنجليزية",
}
ACTIONS = [
    (2, "Sign a student exchange MoU with two universities in Iraq", 40, "in_progress"),
    (3, "Announce the summer school on Study in Iran", -10, "done"),
    (4, "Organise the delegation to Kabul University of Medical Sciences", -20, "planned"),
    (6, "Publish every faculty page in English and Kurdish", 60, "in_progress"),
    (8, "Print the factbook in Arabic", -5, "planned"),
    (9, "Feasibility study for a center in Sulaymaniyah", 120, "planned"),
    (15, "Train the new mentors before Mehr", -90, "done"),
]
# (The status column is what the dates make of it: each date is a step taken.)
CENTERS = [
    ("KUMS Education Center Sulaymaniyah", "IQ", "Sulaymaniyah", "University of Sulaimani", "approved", 300, 120, None),
    ("KUMS Education Office Kabul", "AF", "Kabul", "Kabul University of Medical Sciences", "proposed", 60, None, None),
]
MATERIALS = [
    ("Study medicine in Kermanshah", "clip", "fa, en, ar", "https://example.org/clip", "ready"),
    ("International student guide", "brochure", "en, ar, ckb", "", "ready"),
    ("KUMS factbook 1405", "factbook", "fa, en", "", "in_production"),
    ("Study in Iran fair stand", "stand", "en, ar", "", "planned"),
]
# The steps that bring a material to each status, and how many days ago each was taken.
MATERIAL_STEPS = {
    "planned": [],
    "in_production": [("produce", 20)],
    "ready": [("produce", 120), ("ready", 90)],
}
WEB = [
    ("Every page exists in Persian, English and Kurdish", "partial"),
    ("News and events kept current (within a month)", "done"),
    ("Faculty profiles with publications and ORCID", "partial"),
    ("Open access repository of theses", "todo"),
    ("The Study in Iran page lists every program with fees", "done"),
]
PRACTICES = [
    ("Tehran University of Medical Sciences", "A one-stop international office desk at the airport during intake week.", 1),
    ("Shiraz University of Medical Sciences", "Agents are paid only for students who enrol, never per application.", 10),
]
# fmt: on


@demo.register("strategy")
def seed_strategy() -> str:
    plan = Plan.current()
    # Idempotent, and before the early return: a demo seeded before Arabic gets the names too.
    for en, ar in MANUAL_AR.items():
        Indicator.objects.filter(name_en=en, source="").update(name_ar=ar)
    if plan is None or Target.objects.exists():
        return f"{Goal.objects.count()} goals, {Indicator.objects.count()} indicators (kept)"
    year = services.current_year()
    goals = {goal.number: goal for goal in plan.goals.all()}
    for indicator in Indicator.objects.filter(goal__plan=plan).exclude(source=""):
        now = services.indicators.value(indicator.source, year) or Decimal(0)
        indicator.baseline = max(now - 2, Decimal(0))
        indicator.baseline_year = year - 3
        indicator.save(update_fields=["baseline", "baseline_year"])
        for offset, factor in ((2, Decimal("0.6")), (1, Decimal("0.8")), (0, Decimal("1.2"))):
            Target.objects.create(
                indicator=indicator,
                year=year - offset,
                value=max((now * factor).quantize(Decimal(1)), Decimal(2)),
            )
    for number, (en, fa, ckb, baseline, values) in MANUAL.items():
        indicator = Indicator.objects.create(
            goal=goals[number],
            name=en,
            name_en=en,
            name_fa=fa,
            name_ckb=ckb,
            name_ar=MANUAL_AR[en],
            baseline=baseline,
            baseline_year=year - 3,
            higher_is_better=number != 6,
        )
        for offset, value in zip((2, 1, 0), values, strict=True):
            ManualValue.objects.create(indicator=indicator, year=year - offset, value=value)
            Target.objects.create(
                indicator=indicator,
                year=year - offset,
                value=value - 100 if number == 6 else value + 1,
            )
    today = timezone.localdate()
    officer = User.objects.get(email="officer@example.org")
    manager = User.objects.get(email="manager@example.org")
    for number, title, due, status in ACTIONS:
        action = Action.objects.create(
            goal=goals[number], title=title, owner=officer, due_on=today + timedelta(days=due)
        )
        due_on = timezone.now() + timedelta(days=due)
        if status in ("in_progress", "done"):
            action = workflow.move(
                action, "start", by=officer, at=min(due_on, timezone.now()) - timedelta(days=30)
            )
        if status == "done":
            workflow.move(action, "complete", by=officer, at=due_on, done_on=action.due_on)
    for phase, days, findings in (
        ("plan", 200, "Targets for 1405 set with the faculties."),
        ("check", 30, "Agreements signed are behind target; exchange agreements are on track."),
    ):
        Review.objects.create(
            goal=goals[2],
            year=year,
            phase=phase,
            date=today - timedelta(days=days),
            reviewer=manager,
            findings=findings,
        )
    for name, country, city, partner, _status, proposed, approved, inaugurated in CENTERS:
        center = Center.objects.create(
            name=name,
            country=country,
            city=city,
            partner=Institution.objects.filter(name_en=partner).first(),
            proposed_on=today - timedelta(days=proposed),
        )
        for step, days, field in (("approve", approved, "approved_on"),
                                  ("inaugurate", inaugurated, "inaugurated_on")):  # fmt: skip
            if days is not None:
                center = workflow.move(
                    center,
                    step,
                    by=manager,
                    at=timezone.now() - timedelta(days=days),
                    **{field: today - timedelta(days=days)},
                )
    for title, kind, languages, link, status in MATERIALS:
        material = Material.objects.create(title=title, kind=kind, languages=languages, link=link)
        for step, days in MATERIAL_STEPS[status]:
            material = workflow.move(
                material, step, by=officer, at=timezone.now() - timedelta(days=days)
            )
    for item, progress in WEB:
        WebCheck.objects.create(item=item, progress=progress)
    for source, lesson, number in PRACTICES:
        Practice.objects.create(source=source, lesson=lesson, goal=goals[number])
    return (
        f"{len(goals)} goals, {Indicator.objects.count()} indicators with targets, "
        f"{Action.objects.count()} actions, {Center.objects.count()} centers abroad"
    )
