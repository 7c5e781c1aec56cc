"""Screening (issue 11 items 2-3): each candidate organisation's evidence card, the protocol's
criteria decided with evidence, the decision (include, exclude, review) with the protocol's
reason codes, the reviewers' queue (ordered by what their decisions so far predict), dual
review and agreement. The criteria's rules are chosen by what each criterion ``checks``;
nothing here knows the study. See docs/screening.md."""
