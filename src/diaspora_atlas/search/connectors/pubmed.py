"""PubMed through the NCBI E-utilities: esearch with the history server (``usehistory=y``),
then efetch of the stored result in batches of at most 200 records as MEDLINE text, read by
the MEDLINE importer. At most 3 requests a second, 10 with an API key
(DIASPORA_ATLAS_NCBI_API_KEY); the rates and the batch size are in data/rules/engines.yaml."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

from diaspora_atlas.http import HostPolicy, HttpClient
from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.connectors.base import (
    ConnectorError,
    Outcome,
    Page,
    Request,
    RuledConnector,
    checked,
)
from diaspora_atlas.search.engines import EngineRule
from diaspora_atlas.search.importers import medline
from diaspora_atlas.search.importers.base import Origin
from diaspora_atlas.search.importers.lines import MalformedFileError

SERVICE = "PubMed E-utilities"
MAX_BATCH = 200  # efetch returns at most this many records per request (NBK25499)


class PubMed(RuledConnector):
    def __init__(self, rule: EngineRule, api_key: str = "") -> None:
        super().__init__(rule)
        self.api_key = api_key

    def policy(self) -> HostPolicy:
        return HostPolicy(rate=self.rule.rate_with_key if self.api_key else self.rule.rate)

    def _params(self, **params: str | int) -> dict[str, str | int]:
        return {"db": "pubmed", **params, **({"api_key": self.api_key} if self.api_key else {})}

    async def search(self, client: HttpClient, request: Request) -> Outcome:
        url = self.rule.base_url + "esearch.fcgi"
        params = self._params(term=request.query, usehistory="y", retmax=0)
        answer = checked(await client.get(url, params=params), SERVICE)
        count, query_key, web_env = _history(answer.body)
        outcome = Outcome(sent=answer.requested_url or url, hits_reported=count)
        outcome.pages.append(Page("esearch", ".xml", answer.body))
        batch = min(self.rule.page_size or MAX_BATCH, MAX_BATCH)
        for start in range(0, min(count, request.limit), batch):
            size = min(batch, request.limit - start)
            fetched = await client.get(
                self.rule.base_url + "efetch.fcgi",
                params=self._params(
                    query_key=query_key,
                    WebEnv=web_env,
                    retstart=start,
                    retmax=size,
                    rettype="medline",
                    retmode="text",
                ),
            )
            body = checked(fetched, SERVICE).body
            name = f"efetch-{start}"
            outcome.pages.append(Page(name, ".txt", body))
            outcome.records += _records(body, name, request, start)
        return outcome


def _history(body: bytes) -> tuple[int, str, str]:
    """Count, QueryKey and WebEnv of an esearch answer (ConnectorError naming what is wrong)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ConnectorError(f"{SERVICE}: esearch did not answer XML ({exc})") from None
    error = root.findtext("ERROR") or root.findtext("ErrorList/PhraseNotFound")
    count = (root.findtext("Count") or "").strip()
    if not count.isdigit():
        raise ConnectorError(f"{SERVICE}: esearch gave no Count" + (f" ({error})" if error else ""))
    key, env = (root.findtext("QueryKey") or "").strip(), (root.findtext("WebEnv") or "").strip()
    if int(count) and not (key and env):
        raise ConnectorError(f"{SERVICE}: esearch kept no history (no QueryKey/WebEnv)")
    return int(count), key, env


def _records(body: bytes, name: str, request: Request, start: int) -> list[SearchRecord]:
    path = Path(name + ".txt")
    origin = Origin(path=path, run=request.run, source="pubmed")
    lines = body.decode("utf-8", errors="replace").splitlines()
    try:
        parsed = list(medline.read(path, lines))
    except MalformedFileError as exc:
        raise ConnectorError(f"{SERVICE}: efetch answer is not MEDLINE: {exc}") from None
    return [
        dataclasses.replace(
            medline.to_record(record, origin, start + n),
            query=request.query,
            rank=start + n,
        )
        for n, record in enumerate(parsed, 1)
    ]
