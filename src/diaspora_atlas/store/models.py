"""The statement store (DESIGN.md §2) and its read models. The only module with the ORM schema.

Truth lives in ``Source``, ``Statement``, ``StatementEvent`` and ``Judgement``, all
append-only: no row is ever updated or deleted. A statement's content never changes; that it
was asserted, retracted and asserted again are events, each tied to the load that made it.
``CurrentStatement`` (which statements stand now) and everything in ``OrganisationRecord`` /
``OfficeRecord`` and the directory tables are projections rebuilt from them: caches.
"""

from __future__ import annotations

from django.db import models


class Source(models.Model):
    id = models.CharField(primary_key=True, max_length=200)
    kind = models.CharField(max_length=40)
    title = models.TextField()
    url = models.TextField(blank=True, default="")
    licence = models.CharField(max_length=200, blank=True, default="")
    publisher = models.CharField(max_length=300, blank=True, default="")
    retrieved_at = models.CharField(max_length=40, blank=True, default="")
    dated = models.CharField(max_length=40, blank=True, default="")
    citation = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return self.id


class DatasetLoad(models.Model):
    """One row per load of a dataset that changed something (its id is the load id); the
    content hash makes reloading an unchanged dataset a no-op."""

    dataset = models.CharField(max_length=100, db_index=True)
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField()
    run_id = models.CharField(max_length=40, blank=True, default="")
    statements_added = models.IntegerField(default=0)
    statements_retracted = models.IntegerField(default=0)
    statements_unchanged = models.IntegerField(default=0)


class Entity(models.Model):
    id = models.CharField(primary_key=True, max_length=100)
    schema = models.CharField(max_length=40, db_index=True)
    first_seen = models.DateTimeField()

    def __str__(self) -> str:
        return self.id


class Statement(models.Model):
    key = models.CharField(max_length=32, unique=True)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="statements")
    prop = models.CharField(max_length=80, db_index=True)
    value = models.TextField()
    original_value = models.TextField(blank=True, default="")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="statements")
    source_url = models.TextField(blank=True, default="")
    dataset = models.CharField(max_length=100, db_index=True)
    retrieved_at = models.CharField(max_length=40, blank=True, default="")
    asserted_by = models.CharField(max_length=200, blank=True, default="")
    rationale = models.TextField(blank=True, default="")
    inferred_from = models.TextField(blank=True, default="")
    preferred = models.BooleanField(default=False)
    proposed = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["entity", "prop"])]


class StatementEvent(models.Model):
    """That a statement was asserted or retracted, by which load, when. Append-only."""

    ASSERTED = "asserted"
    RETRACTED = "retracted"

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="events")
    load = models.ForeignKey(DatasetLoad, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10)
    at = models.DateTimeField()


class CurrentStatement(models.Model):
    """Cache: the statements that stand now (whose latest event is an assertion)."""

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, primary_key=True, related_name="current"
    )
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    dataset = models.CharField(max_length=100, db_index=True)
    since = models.DateTimeField()


class Judgement(models.Model):
    """A human decision; append-only. An undo is a new row pointing at the one it undoes."""

    kind = models.CharField(max_length=20)
    subject = models.CharField(max_length=100, db_index=True)
    object = models.CharField(max_length=100, blank=True, default="", db_index=True)
    prop = models.CharField(max_length=80, blank=True, default="")
    value = models.TextField(blank=True, default="")
    reason_code = models.CharField(max_length=80, blank=True, default="")
    note = models.TextField(blank=True, default="")
    author = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    undoes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)


class BuildRun(models.Model):
    """One run of the pipeline (build, report, ...). A store is complete once a build
    finished; a killed run stays ``running`` for ever and says so."""

    id = models.CharField(primary_key=True, max_length=40)
    command = models.CharField(max_length=40)
    protocol = models.CharField(max_length=100, blank=True, default="")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10)  # running | finished | failed
    process = models.CharField(max_length=200, blank=True, default="")  # host:pid


class StageRun(models.Model):
    """One stage of a run: what its inputs were (fingerprint) and what it did, or why skipped."""

    run = models.ForeignKey(BuildRun, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=60, db_index=True)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=10)  # finished | skipped | failed
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict)


class CountryRecord(models.Model):
    """Reference data copied into the store so the web directory can join and facet on it."""

    iso3 = models.CharField(primary_key=True, max_length=3)
    iso2 = models.CharField(max_length=2, blank=True, default="")
    name = models.CharField(max_length=200)
    official_name = models.CharField(max_length=300, blank=True, default="")
    un_region = models.CharField(max_length=40, blank=True, default="")
    un_subregion = models.CharField(max_length=80, blank=True, default="")
    wb_region = models.CharField(max_length=80, blank=True, default="")
    paper_continent = models.CharField(max_length=40, blank=True, default="")


class IncomeRecord(models.Model):
    country = models.ForeignKey(CountryRecord, on_delete=models.CASCADE, related_name="incomes")
    fiscal_year = models.IntegerField()
    income_group = models.CharField(max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "fiscal_year"], name="uniq_income_fy")
        ]


class OrganisationRecord(models.Model):
    """Read model: one row per organisation, rebuilt from statements."""

    id = models.CharField(primary_key=True, max_length=100)
    name = models.CharField(max_length=300)
    paper_row = models.IntegerField(null=True)
    host_iso3 = models.CharField(max_length=3, db_index=True)
    origin_iso3 = models.JSONField(default=list)
    origin_subnational = models.CharField(max_length=200, blank=True, default="")
    website = models.TextField(blank=True, default="")
    online_presence = models.CharField(max_length=20)
    paper_note = models.TextField(blank=True, default="")
    data = models.JSONField(default=dict)
    search_text = models.TextField(blank=True, default="")
    last_modified = models.DateTimeField()
    last_verified = models.DateTimeField(null=True)


class OrganisationOrigin(models.Model):
    """One row per (organisation, origin country): lets queries facet by origin."""

    organisation = models.ForeignKey(
        OrganisationRecord, on_delete=models.CASCADE, related_name="origins"
    )
    country = models.ForeignKey(CountryRecord, on_delete=models.PROTECT, related_name="+")


class OfficeRecord(models.Model):
    """Read model: one row per government body named in an office inventory."""

    id = models.CharField(primary_key=True, max_length=100)
    country_iso3 = models.CharField(max_length=3, db_index=True)
    name = models.TextField()
    parent = models.TextField(blank=True, default="")
    institution_type = models.CharField(max_length=30)
    is_government_body = models.BooleanField(default=True)
    websites = models.JSONField(default=list)
    events = models.JSONField(default=list)
    data = models.JSONField(default=dict)
    last_modified = models.DateTimeField()
    last_verified = models.DateTimeField(null=True)


class OfficeListing(models.Model):
    """Read model: one row per country row of an office inventory (Table 2), bodies or not."""

    id = models.CharField(primary_key=True, max_length=100)
    row_order = models.IntegerField()
    country_text = models.CharField(max_length=200)
    country_iso3 = models.JSONField(default=list)
    status = models.CharField(max_length=20)
    office_text = models.TextField(blank=True, default="")
    website_text = models.TextField(blank=True, default="")
    year_text = models.CharField(max_length=100, blank=True, default="")


class DirectoryEntry(models.Model):
    """Read model for the web directory: one row per organisation, its search fields and sort
    keys (filled by ``store.directory_index`` with the other projections). On SQLite an FTS5
    table (``store_directory_fts``) mirrors the text columns."""

    organisation = models.OneToOneField(
        OrganisationRecord, on_delete=models.CASCADE, primary_key=True, related_name="entry"
    )
    sort_name = models.CharField(max_length=300, db_index=True)
    founded_year = models.IntegerField(null=True)
    aliases = models.TextField(blank=True, default="")
    acronyms = models.TextField(blank=True, default="")
    mission = models.TextField(blank=True, default="")
    body = models.TextField(blank=True, default="")
    summary = models.JSONField(default=dict)


class OrganisationFacet(models.Model):
    """Read model: one row per (organisation, facet, value) for counts and filters.

    Facets: host, origin, continent, income (one row per fiscal year: ``fiscal_year`` set),
    role, presence, verified. ``fiscal_year`` is 0 for facets that do not depend on it."""

    organisation = models.ForeignKey(
        OrganisationRecord, on_delete=models.CASCADE, related_name="facets"
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=80)
    fiscal_year = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "fiscal_year"]),
            models.Index(fields=["organisation", "facet"]),
        ]
