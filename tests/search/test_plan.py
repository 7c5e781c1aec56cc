"""The search plan: each engine's syntax, the checks, splitting to fit a limit, the counts."""

from __future__ import annotations

from dataclasses import replace

from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.search.checks import bracket_problem, limit_problems, word_count
from diaspora_atlas.search.engines import engine_rule, engine_rules
from diaspora_atlas.search.plan import build_plan, split_to_fit
from diaspora_atlas.search.syntax import write_query

TERMS = ("medical diaspora organization", "medical diaspora engagement")


def test_each_engine_writes_its_own_syntax() -> None:
    assert write_query(engine_rule("pubmed"), "Ghana", TERMS) == (
        '"Ghana"[All Fields] AND ("medical diaspora organization"[All Fields] OR '
        '"medical diaspora engagement"[All Fields])'
    )
    assert write_query(engine_rule("scopus"), "Ghana", TERMS).startswith(
        'TITLE-ABS-KEY("Ghana") AND '
    )
    assert write_query(engine_rule("google"), "Ghana", TERMS) == (
        '"Ghana" ("medical diaspora organization" OR "medical diaspora engagement")'
    )
    lexis = write_query(engine_rule("lexisnexis"), "Ghana", TERMS)
    assert lexis.startswith('"Ghana" AND (') and " OR " in lexis
    assert write_query(engine_rule("stored_pages"), "Ghana", TERMS).startswith(
        "Ghana medical diaspora"
    )


def test_checks_find_unbalanced_quotes_brackets_and_limits() -> None:
    assert bracket_problem('"Ghana" AND ("x" OR "y")') == ""
    assert bracket_problem('"Ghana AND (x') != ""
    assert bracket_problem("(a))") != ""
    google = engine_rule("google")
    long_query = " ".join(f"w{i}" for i in range(33))
    assert word_count(long_query) == 33
    assert limit_problems(long_query, google) and not limit_problems("a b c", google)


def test_a_query_over_the_limit_is_split_into_several_that_fit() -> None:
    tight = replace(engine_rule("google"), max_words=12)
    terms = tuple(f"medical diaspora term{i}" for i in range(6))
    groups = split_to_fit(tight, "Ghana", terms)
    assert len(groups) > 1 and sum(len(g) for g in groups) == len(terms)
    for group in groups:
        assert not limit_problems(write_query(tight, "Ghana", group), tight)


def test_the_frehywot2019_plan_covers_its_137_lmics_on_each_engine() -> None:
    plan = build_plan(load_protocol("frehywot2019"))
    assert plan.countries == 137
    assert set(plan.per_engine().values()) == {137}
    assert not plan.failing
    assert {q.engine for q in plan.queries} <= set(engine_rules())


def test_every_engine_limit_names_its_source() -> None:
    for rule in engine_rules().values():
        assert rule.limit_source and rule.run_by in ("api", "hand")
        if rule.max_words or rule.max_chars:
            assert any(w in rule.limit_source for w in ("http", "tool", "see "))
