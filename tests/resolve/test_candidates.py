"""Resolution of candidate mentions: the near-identical names of different organisations
(tests/resolve/near_identical.csv, from the 2019 inventory and the search data) are never
merged; spelling variants are; every link has its score and evidence; people's judgements
are respected."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from diaspora_atlas.extract.hostorigin import infer_host_origin
from diaspora_atlas.resolve.candidates import MentionIn, resolve_mentions
from diaspora_atlas.resolve.candidates.domains import own_domain, site_of
from diaspora_atlas.resolve.candidates.names import name_key

PAIRS = list(csv.DictReader((Path(__file__).parent / "near_identical.csv").open(encoding="utf-8")))


def mention(ident: str, name: str, url: str = "", acronym: str = "") -> MentionIn:
    found = infer_host_origin(name)
    return MentionIn(ident, name, found.host_iso3, found.origin_iso3, acronym or None, url)


def pair_mentions(n: int, row: dict[str, str]) -> tuple[MentionIn, MentionIn]:
    return (
        mention(f"cand-{n:03d}a", row["name_a"], row["url_a"], row["acronym_a"]),
        mention(f"cand-{n:03d}b", row["name_b"], row["url_b"], row["acronym_b"]),
    )


def test_the_set_is_large_enough() -> None:
    assert len(PAIRS) >= 40 and sum(r["same"] == "no" for r in PAIRS) >= 30


@pytest.mark.parametrize("row", PAIRS, ids=[f"{r['name_a']} | {r['name_b']}" for r in PAIRS])
def test_each_pair_alone(row: dict[str, str]) -> None:
    a, b = pair_mentions(0, row)
    clusters = resolve_mentions([a, b]).clusters
    together = len(clusters) == 1
    assert together == (row["same"] == "yes"), [c.members for c in clusters]


def test_all_names_at_once_no_wrong_merge() -> None:
    mentions = [m for n, row in enumerate(PAIRS) for m in pair_mentions(n, row)]
    resolution = resolve_mentions(mentions)
    where = {m.id: c.id for c in resolution.clusters for m in c.members}
    wrong = [
        (r["name_a"], r["name_b"])
        for n, r in enumerate(PAIRS)
        if (where[f"cand-{n:03d}a"] == where[f"cand-{n:03d}b"]) != (r["same"] == "yes")
    ]
    assert wrong == []


def test_every_link_has_its_score_and_evidence() -> None:
    a = mention("cand-1", "Sudanese American Medical Association")
    b = mention("cand-2", "Sudanese-American Medical Assocation")
    (cluster,) = resolve_mentions([a, b]).clusters
    joined = next(m for m in cluster.members if m.id == "cand-2")
    assert joined.score == 0.97 and "assocation→association" in joined.evidence
    assert cluster.name == "Sudanese American Medical Association"  # not the misspelt one


def test_judgements_win() -> None:
    a = mention("cand-1", "Sudanese American Medical Association")
    b = mention("cand-2", "Sudanese American Medical Association")
    c = mention("cand-3", "Sudanese American Physicians Association")
    apart = resolve_mentions([a, b], different=[("cand-1", "cand-2")]).clusters
    assert len(apart) == 2
    together = resolve_mentions([a, c], same=[("cand-1", "cand-3")]).clusters
    assert len(together) == 1 and "a person judged" in together[0].members[1].evidence


def test_a_mention_with_no_host_joins_the_only_host_its_name_has() -> None:
    us = MentionIn("cand-1", "Iranian Medical Society", "USA", ("IRN",))
    bare = MentionIn("cand-2", "Iranian Medical Society", None, ("IRN",))
    assert len(resolve_mentions([us, bare]).clusters) == 1
    uk = MentionIn("cand-3", "Iranian Medical Society", "GBR", ("IRN",))
    clusters = resolve_mentions([us, bare, uk]).clusters
    assert len(clusters) == 3  # two hosts for the words: the bare one is ambiguous
    lone = next(c for c in clusters if c.member_ids == ("cand-2",))
    assert any("ambiguous" in n for n in lone.notes)


def test_chapters_fold_into_their_headquarters() -> None:
    hq = mention("cand-1", "Sudanese American Medical Association")
    ch = mention("cand-2", "Texas Chapter of the Sudanese American Medical Association")
    clusters = {c.name: c for c in resolve_mentions([hq, ch]).clusters}
    chapter = clusters["Texas Chapter of the Sudanese American Medical Association"]
    assert chapter.chapter and chapter.chapter_of == clusters[hq.name].id
    assert "texas" in chapter.chapter_evidence


def test_inventory_links_and_never_two_inventory_organisations_in_one() -> None:
    inventory = [
        MentionIn("org-1", "Iranian Medical Society", "USA", ("IRN",), inventory=True),
        MentionIn("org-2", "Iranian Medical Society", "USA", ("IRN",), inventory=True),
    ]
    m = MentionIn("cand-1", "Iranian Medical Society", "USA", ("IRN",))
    clusters = resolve_mentions([m, *inventory]).clusters
    assert len(clusters) == 1 and clusters[0].inventory_match in ("org-1", "org-2")


def test_names_and_domains() -> None:
    assert name_key("Afghan Medical Association of America", "USA").tokens == (
        "afghan", "medical", "association", "@USA",
    )  # fmt: skip
    assert name_key("Burmese Medical Association", "AUS").tokens[0] == "burmese"
    assert name_key("Texas Chapter of X Medical Society").chapter
    assert site_of("https://www.bmsuk.org.uk/x") == "bmsuk.org.uk"
    assert site_of("http://www.mohfw.nic.in/") == "mohfw.nic.in"  # the verifier's rule too
    assert site_of("https://uscma.wordpress.com/") == "uscma.wordpress.com"
    assert site_of("https://www.facebook.com/BIMAUK") == ""
    assert own_domain(
        "https://aapiusa.org/about", "American Association of Physicians of Indian Origin"
    )[0]
    assert own_domain("http://www.afghanmed.org", "Afghan Medical Association of America")[0]
    assert own_domain("https://news.example/sudan", "Sudanese American Medical Association") == (
        "",
        "",
    )


def test_the_89_of_2019_stay_89() -> None:
    """Every organisation of Table 1, as a mention with its website: no two merge."""
    from diaspora_atlas.refdata import data_dir

    with (data_dir() / "sources" / "frehywot2019" / "table1.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    mentions = [
        MentionIn(
            r["org_id"],
            r["name"],
            r["host_iso3"],
            tuple(r["origin_iso3"].split(";")),
            url=r["website"],
        )
        for r in rows
    ]
    assert len(resolve_mentions(mentions).clusters) == 89
