"""The site never shows an empty or half-built store as if it were the data.

``serve`` refuses to start on one (``web.serve.refuse_unbuilt_store``). If the store becomes
empty or unreadable while the site runs (its database replaced, flushed, or a build started
over it), every page, twin and API route answers 503 ``store_not_ready`` with what happened
and how to build the store, until a build has finished; static files are still served. The
store's state is read at most once per data version (every ``cache.VERSION_TTL`` seconds).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from diaspora_atlas.store.runs import readable_store_state
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.problems import Problem, problem_response

HOW_TO_BUILD = (
    "Run `diaspora-atlas build` (with the same DIASPORA_ATLAS_HOME or DATABASE_URL) and "
    "reload this page when it has finished."
)


def store_problem() -> str:
    """Why the store cannot be shown now, or "" when it is completely built."""
    state = memo("store-state", readable_store_state)
    return "" if state.complete else state.reason


class StoreReadyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/static/"):
            return self.get_response(request)
        problem = store_problem()
        if problem:
            message = f"The directory is not showing any data: {problem}. {HOW_TO_BUILD}"
            return problem_response(request, Problem(503, message))
        return self.get_response(request)
