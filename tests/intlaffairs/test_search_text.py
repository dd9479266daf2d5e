"""The stored search columns (intlaffairs/normalize.py SearchTextField): kept with the record
on every write path, found in any script, served by an index on PostgreSQL."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, migrations, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.connection import ConnectionDoesNotExist

from agreements.filters import SEARCHED_FIELDS as AGREEMENT_SEARCH
from agreements.models import Agreement, Institution
from intlaffairs import normalize, workflow
from intlaffairs.models import User
from intlaffairs.normalize import (
    SearchTextField,
    _code_match,
    _search_field,
    _write_search_text,
    filter_by_search,
    normalize_text,
    refresh_search_text,
    search_column_operations,
    search_update_fields,
)
from research.models import Project
from students.models import Application
from students.services import personal_data_expire
from tests.factories import AgreementFactory, InstitutionFactory
from tests.queries import plan

from ..exchanges.helpers import short_course
from ..students.helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


def stored(record) -> str:
    return type(record).objects.values_list("search_text", flat=True).get(pk=record.pk)


def test_the_column_holds_the_normalized_names_when_a_record_is_created():
    institution = InstitutionFactory(
        name_en="Kufa University", name_fa="دانشگاه كوفه", name_ckb="زانکۆی کوفە", city="Najaf"
    )
    # Arabic kaf folded to the Persian one, Latin lower-cased, every language and the city.
    assert stored(institution) == "دانشگاه کوفه kufa university زانکۆی کوفە najaf"


def test_the_column_follows_an_update_a_partial_save_and_a_bulk_create():
    institution = InstitutionFactory(name_en="Kufa University", city="Najaf")
    institution.name_en = "Basra University"
    institution.save()
    assert "basra university" in stored(institution) and "kufa" not in stored(institution)

    institution.city = "Basra"
    institution.save(update_fields=["city"])  # a partial save still refreshes the column
    assert stored(institution).endswith("basra")

    person = User.objects.create_user(email="old@example.org", full_name="Sara Ahmadi")
    person.email = "new@example.org"
    person.save(update_fields=["email"])  # as allauth saves a changed address
    assert stored(person) == "new@example.org sara ahmadi"

    made = Institution.objects.bulk_create([Institution(name_en="Mosul College", country="IQ")])
    assert "mosul college" in stored(made[0])


def test_search_update_fields_adds_the_column_only_when_a_source_is_saved():
    assert search_update_fields(Institution, ["city"]) == ["city", "search_text"]
    assert search_update_fields(Institution, ["country"]) == ["country"]


def test_refresh_after_a_bulk_update_and_only_the_stale_rows_are_written():
    first = InstitutionFactory(name_en="Kufa University")
    second = InstitutionFactory(name_en="Basra University")
    Institution.objects.filter(pk=first.pk).update(name_en="Erbil University")
    assert "kufa" in stored(first)  # update() writes past save()
    assert refresh_search_text(Institution.objects.all(), batch_size=1) == 1
    assert "erbil university" in stored(first) and "basra university" in stored(second)
    assert refresh_search_text(Institution.objects.all()) == 0


def test_erasing_an_applicants_data_erases_their_names_from_the_column(applicant):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    application.native_name = "زهرا کریمی"
    application.save()
    assert "زهرا" in stored(application)
    Application.objects.filter(pk=application.pk).update(
        stage="rejected", stage_since=timezone.now() - timedelta(days=800)
    )
    personal_data_expire()
    assert stored(application) == application.reference.lower()


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("دانشگاه کوفه", "دانشگاه كوفه"),  # Arabic kaf typed, Persian stored
        ("علی‌آباد", "علي اباد"),  # ZWNJ stored, a space, Arabic yeh and a bare alef typed
        ("كلية الطب", "کلیه الطب"),  # Arabic letters stored, Persian typed
        ("Institute ۱۲", "institute 12"),  # Persian digits stored
    ],
)
def test_a_name_in_another_script_finds_the_institution(client, officer, name, query):
    institution = InstitutionFactory(name_fa=name, name_en="", city="")
    InstitutionFactory(name_fa="دانشگاه دیگر", name_en="Another", city="")
    client.force_login(officer)
    html = client.get("/en/search/", {"q": query}).content.decode()
    assert f'href="/en/agreements/institutions/{institution.pk}/"' in html
    assert "Another" not in html


def test_an_agreement_is_found_by_its_partners_name_in_either_script(client, officer):
    partner = InstitutionFactory(name_fa="دانشگاه بغداد", name_en="University of Baghdad")
    agreement = AgreementFactory(title_en="Exchange", partners=[partner])
    AgreementFactory(title_en="Exchange too")
    client.force_login(officer)
    for query in ("بغداد", "baghdad exchange"):
        listed = client.get("/en/agreements/", {"q": query}).content.decode()
        assert f"/agreements/{agreement.pk}/" in listed
        assert listed.count(">Exchange</a>") == 1 and "Exchange too" not in listed


# A record the office named in Arabic only, made with every other language's name empty.
ONLY_IN_ARABIC = {
    "institutions": lambda: InstitutionFactory(
        name_fa="", name_en="", name_ckb="", name_ar="جامعة الكوفة", city=""
    ),
    "agreements": lambda: AgreementFactory(
        title_fa="", title_en="", title_ckb="", title_ar="اتفاقية تبادل الطلبة مع الكوفة"
    ),
    "projects": lambda: Project.objects.create(
        title_ar="دراسة الملاريا في الكوفة", kind="joint_project"
    ),
    "courses": lambda: short_course(title_fa="", title_en="", title_ar="مدرسة الكوفة الصيفية"),
}


@pytest.mark.parametrize("kind", list(ONLY_IN_ARABIC))
def test_a_record_named_only_in_arabic_is_found_by_the_top_bar_search(client, officer, kind):
    ONLY_IN_ARABIC[kind]()
    client.force_login(officer)
    html = client.get("/ar/search/", {"q": "الكوفة"}).content.decode()
    assert f'data-kind="{kind}"' in html
    assert client.get("/ar/search/", {"q": "البصرة"}).content.decode().count("data-kind=") == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_puts_the_arabic_names_of_existing_records_in_their_column():
    """Records written before the columns read Arabic are found by their Arabic names after."""
    before = [("agreements", "0009_search_text")]
    after = [("agreements", "0010_arabic_in_search_text")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    institution = old.get_model("agreements", "Institution").objects.create(
        name_en="Kufa University", name_ar="جامعة الكوفة", country="IQ"
    )
    agreement = old.get_model("agreements", "Agreement").objects.create(
        title_en="Exchange", title_ar="اتفاقية تبادل"
    )
    arabic = normalize_text("جامعة الكوفة")
    assert arabic not in stored(institution)  # as the columns were
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    assert stored(institution) == f"kufa university {arabic}"
    assert stored(agreement) == f"exchange {normalize_text('اتفاقية تبادل')}"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_searches_a_rare_word_through_the_trigram_index():
    for model in (Application, Agreement, Institution, User):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [f"{table}_search_trgm"]
            )
            assert "gin_trgm_ops" in cursor.fetchone()[0]
    queryset = Institution.objects.filter(search_text__contains="kufa")
    assert "agreements_institution_search_trgm" in plan(queryset)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_finds_a_words_first_letter_through_the_trigram_index():
    """A one-letter term anywhere in a word no index serves: a rare one read every row (12 ms
    for 20,000 institutions). At the start of a word it is a trigram ("  a")."""
    InstitutionFactory(name_en="Amsterdam Medical Centre")
    queryset = filter_by_search(Institution.objects.all(), "a", AGREEMENT_SEARCH[:1])
    assert "agreements_institution_search_trgm" in plan(queryset)
    assert list(queryset.values_list("name_en", flat=True)) == ["Amsterdam Medical Centre"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_searches_an_agreements_own_column_through_its_index():
    """The agreement's own column OR-ed with its partners' subquery was read row by row (all
    50,000 agreements at ×100); OR-ed with the partners' keys as an array, its index serves."""
    queryset = filter_by_search(Agreement.objects.all(), "zagros", AGREEMENT_SEARCH)
    # The partners' part may start from either table on a test's few rows: PostgreSQL's
    # choice; what the OR prevented is the agreement's own index.
    assert "agreements_agreement_search_trgm" in plan(queryset)


def test_an_agreement_found_by_its_own_title_or_a_partners_name_is_listed_once():
    partner = InstitutionFactory(name_en="Zagros Institute", name_fa="مؤسسه زاگرس")
    both = AgreementFactory(title_en="Zagros exchange", partners=[partner])
    by_title = AgreementFactory(title_en="Zagros summer school")
    by_partner = AgreementFactory(title_en="Nursing", partners=[partner])
    AgreementFactory(title_en="Unrelated")
    for query in ("zagros", "ZAGROS", "زاگرس"):
        found = filter_by_search(Agreement.objects.all(), query, AGREEMENT_SEARCH)
        expected = {both, by_partner} if query == "زاگرس" else {both, by_title, by_partner}
        assert sorted(found, key=lambda a: a.pk) == sorted(expected, key=lambda a: a.pk)
    # Two letters: the start of a word, in the title or a partner's name.
    short = filter_by_search(Agreement.objects.all(), "za", AGREEMENT_SEARCH)
    assert set(short) == {both, by_title, by_partner}


def test_the_start_of_a_reference_is_looked_up_by_the_reference_alone(make_user):
    from students.filters import SEARCHED_FIELDS as APPLICATION_SEARCH

    applicant = make_user("applicant")
    first, second, other = (
        Application.objects.create(
            applicant=applicant, stage="submitted", reference=reference, given_name=name
        )
        for reference, name in (
            ("KUMS-1405-00042", "Ali"),
            ("KUMS-1405-00142", "Kums-1405-000"),  # a name holding the prefix is not a code
            ("KUMS-1404-00042", "Sara"),
        )
    )

    def found(query: str) -> set:
        return set(filter_by_search(Application.objects.all(), query, APPLICATION_SEARCH))

    assert found("kums-1405-000") == {first}
    assert found("KUMS-1405-00142") == {second}
    assert found("kums-۱۴۰۵-۰۰۰۴۲") == {first}  # Persian digits, normalized
    assert found("kums-14 sara") == {other}  # with a second term, an AND as always
    assert found("kums-14") == {first, second, other}
    # Not the start of a reference: the stored column, contained anywhere.
    assert found("1405-00042") == {first}
    assert found("00042") == {first, other}
    query = filter_by_search(Application.objects.all(), "kums-1405-000", APPLICATION_SEARCH).query
    condition = str(query).split(" WHERE ")[1]
    assert "search_text" not in condition and "reference" in condition
    # Across a relation (the finance list's invoices search their application's column).
    from students.models import Invoice

    invoices = filter_by_search(Invoice.objects.all(), "kums-1405", ["application__search_text"])
    condition = str(invoices.query).split(" WHERE ")[1]
    assert '"students_application"."reference"' in condition and "search_text" not in condition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_finds_the_start_of_a_reference_through_its_index():
    from students.filters import SEARCHED_FIELDS as APPLICATION_SEARCH

    queryset = filter_by_search(Application.objects.all(), "KUMS-1405-000", APPLICATION_SEARCH)
    assert "application_reference_prefix" in plan(queryset)


def test_the_field_is_not_editable_blank_and_empty_by_default_which_its_migration_leaves_out():
    field = SearchTextField(sources=["name", "city"])
    assert field.sources == ("name", "city") and field.codes == {}
    assert (field.editable, field.blank, field.default) == (False, True, "")
    assert field.deconstruct() == (
        None,
        "intlaffairs.normalize.SearchTextField",
        [],
        {"sources": ("name", "city")},
    )
    assert {"sources", "codes"} <= set(SearchTextField.non_db_attrs)
    assert SearchTextField("Searched", sources=()).verbose_name == "Searched"


def test_a_field_given_codes_or_other_options_keeps_them_in_its_migration():
    codes = {"reference": "KUMS-"}
    field = SearchTextField(sources=("reference",), codes=codes, default="x")
    assert field.codes == codes and field.codes is not codes
    assert field.deconstruct()[3] == {"sources": ("reference",), "codes": codes, "default": "x"}
    # Field's own defaults, which Field.deconstruct leaves out, were lost (a bug): given back.
    editable = SearchTextField(sources=("name",), editable=True, blank=False)
    kwargs = editable.deconstruct()[3]
    assert kwargs == {"sources": ("name",), "editable": True, "blank": False}
    rebuilt = SearchTextField(**kwargs)
    assert (rebuilt.editable, rebuilt.blank) == (True, False)


def test_the_text_of_a_record_reads_each_source_and_an_empty_one_as_nothing():
    field = SearchTextField(sources=("given", "family", "number"))
    values = {"given": "ALI", "family": None, "number": 0}
    assert field.text_of(values.get) == "ali"
    assert field.text_of({"given": "علي", "family": "كريمي", "number": 7}.get) == "علی کریمی 7"


def test_search_update_fields_does_not_list_the_column_twice():
    assert search_update_fields(Institution, ["city", "search_text"]) == ["city", "search_text"]
    assert search_update_fields(Institution, ("name_en", "city")) == [
        "name_en",
        "city",
        "search_text",
    ]
    assert search_update_fields(Group, ["name"]) == ["name"]


def test_a_model_without_a_search_column_has_nothing_to_refresh():
    Group.objects.create(name="office")
    assert refresh_search_text(Group.objects.all()) == 0


def test_refresh_reads_every_batch_and_only_the_queryset():
    kept = InstitutionFactory(name_en="Kufa University")
    rows = [InstitutionFactory(name_en=f"University {n}") for n in range(3)]
    Institution.objects.update(name_en="Erbil")
    others = Institution.objects.exclude(pk=kept.pk)
    assert refresh_search_text(others, batch_size=2) == 3
    assert "kufa" in stored(kept)
    assert all("erbil" in stored(row) and "university" not in stored(row) for row in rows)


def test_without_postgresql_the_columns_are_written_with_bulk_update(monkeypatch):
    first = InstitutionFactory(name_en="Kufa University")
    second = InstitutionFactory(name_en="Basra University")
    other = {"default": SimpleNamespace(vendor="sqlite")}
    monkeypatch.setattr(normalize, "connections", other)
    _write_search_text(
        Institution, ["search_text"], [(first.pk, "one"), (second.pk, "two")], using="default"
    )
    assert (stored(first), stored(second)) == ("one", "two")
    with pytest.raises(ValueError, match="zip"):  # a row without its values writes nothing
        _write_search_text(Institution, ["search_text"], [(first.pk,)], using="default")
    assert stored(first) == "one"


def test_every_column_of_the_rows_is_written_in_one_query():
    first = InstitutionFactory(name_en="Kufa University")
    second = InstitutionFactory(name_en="Basra University")
    rows = [(first.pk, "one", "First"), (second.pk, "two", "Second")]
    with CaptureQueriesContext(connection) as queries:
        _write_search_text(Institution, ["search_text", "name_en"], rows, using="default")
    written = Institution.objects.order_by("pk").values_list("search_text", "name_en")
    assert list(written.filter(pk__in=[first.pk, second.pk])) == [rows[0][1:], rows[1][1:]]
    updates = [query["sql"] for query in queries.captured_queries if "UPDATE" in query["sql"]]
    assert len(updates) == 1
    if connection.vendor == "postgresql":  # one UPDATE … FROM (VALUES …), not bulk_update's CASE
        assert "FROM (VALUES" in updates[0] and "CASE" not in updates[0]


def test_the_stored_column_is_found_only_at_the_end_of_a_path():
    assert _search_field(Agreement, "search_text") is Agreement._meta.get_field("search_text")
    assert _search_field(Agreement, "partners__search_text") is Institution._meta.get_field(
        "search_text"
    )
    assert _search_field(Agreement, "title_en") is None  # not a search column
    assert _search_field(Agreement, "nothing") is None
    assert _search_field(Agreement, "nothing__search_text") is None
    assert _search_field(Agreement, "title_en__search_text") is None  # not a relation


def test_a_code_is_asked_alone_only_of_the_one_stored_column_searched():
    assert _code_match(Application, ["search_text"], "kums-1") == Q(reference__startswith="KUMS-1")
    assert _code_match(Application, ["search_text"], "1405") is None
    assert _code_match(Application, ["search_text", "search_text"], "kums-1") is None
    assert _code_match(Institution, ["search_text"], "kums-1") is None  # it has no codes
    assert _code_match(Agreement, ["partners__search_text"], "kums-1") is None


def test_a_code_search_beside_a_computed_field_searches_every_field(make_user):
    applicant = make_user("applicant")
    application = Application.objects.create(
        applicant=applicant, stage="submitted", reference="KUMS-1405-00042", given_name="Ali"
    )
    found = filter_by_search(Application.objects.all(), "kums-1405", ["search_text", "given_name"])
    assert list(found) == [application]
    assert "search_text" in str(found.query).split(" WHERE ")[1]


def test_a_term_is_asked_of_the_own_column_or_among_the_keys_the_partners_give():
    partner = InstitutionFactory(name_en="Zagros Institute")
    zanjan = InstitutionFactory(name_en="Zanjan College")
    by_partner = AgreementFactory(title_en="Nursing", partners=[partner, zanjan])
    by_title = AgreementFactory(title_en="Zagros school")
    AgreementFactory(title_en="Other")
    fields = ["partners__search_text", "search_text"]
    for query in ("zagros", "za"):
        assert set(filter_by_search(Agreement.objects.all(), query, fields)) == {
            by_partner,
            by_title,
        }
    only_partners = filter_by_search(Agreement.objects.all(), "za", ["partners__search_text"])
    assert list(only_partners) == [by_partner]  # two partners match: a subquery, no join
    assert not only_partners.query.distinct
    among = "= ANY(ARRAY(SELECT" if connection.vendor == "postgresql" else "IN (SELECT"
    for query in ("zag", "za"):
        condition = str(filter_by_search(Agreement.objects.all(), query, fields).query)
        assert among in condition and "UNION" not in condition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_postgresql_ors_the_own_columns_index_with_the_partners_keys():
    queryset = filter_by_search(Agreement.objects.all(), "zagros", AGREEMENT_SEARCH)
    assert "BitmapOr" in plan(queryset)


def editor(vendor: str, executed: list) -> SimpleNamespace:
    return SimpleNamespace(
        connection=SimpleNamespace(vendor=vendor),
        quote_name=lambda name: f'"{name}"',
        execute=executed.append,
    )


def test_a_search_column_migration_fills_the_rows_and_indexes_the_column_on_postgresql():
    table = "t" * 60
    historical = SimpleNamespace(
        get_model=lambda app_label, model_name: SimpleNamespace(
            _meta=SimpleNamespace(db_table=table if (app_label, model_name) == ("a", "m") else "")
        )
    )
    refill, index = search_column_operations("a", "m")
    assert isinstance(refill, migrations.RunPython) and refill.elidable
    assert refill.reverse_code is migrations.RunPython.noop
    executed = []
    index.code(historical, editor("postgresql", executed))
    index.reverse_code(historical, editor("postgresql", executed))
    name = f"{table}_search_trgm"[:63]
    assert len(name) == 63
    assert executed == [
        f'CREATE INDEX "{name}" ON "{table}" USING gin ("search_text" gin_trgm_ops)',
        f'DROP INDEX IF EXISTS "{name}"',
    ]
    executed.clear()
    index.code(historical, editor("sqlite", executed))
    index.reverse_code(historical, editor("sqlite", executed))
    assert executed == []
    assert index.reversible and not index.elidable


def test_the_refill_recomputes_the_existing_rows():
    institution = InstitutionFactory(name_en="Kufa University")
    Institution.objects.filter(pk=institution.pk).update(name_en="Erbil University")
    refill = search_column_operations("agreements", "institution")[0]
    refill.code(apps, None)
    assert "erbil university" in stored(institution)


def test_a_partial_save_writes_only_its_fields_and_the_column_they_feed():
    institution = InstitutionFactory(name_en="Kufa University", city="Najaf")
    assert institution.search_text == stored(institution)  # the instance holds it too
    institution.name_en = "Unsaved University"
    institution.city = "Basra"
    institution.save(update_fields=["city"])
    saved = Institution.objects.get(pk=institution.pk)
    assert (saved.name_en, saved.city) == ("Kufa University", "Basra")
    # The column is computed from the instance, as it stands, when it is saved.
    assert stored(institution) == institution.search_text


def test_a_save_passes_its_options_on():
    institution = InstitutionFactory(name_en="Kufa University")
    with pytest.raises(IntegrityError), transaction.atomic():
        institution.save(force_insert=True)
    with pytest.raises(ConnectionDoesNotExist):
        institution.save(update_fields=["city"], using="elsewhere")
