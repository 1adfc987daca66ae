"""``linkwatch analyse series|exposure|precursors|at-risk-dyads``: the core analyses."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from linkwatch.analyse_app import AsJson, app, day, print_document
from linkwatch.audited import Justification, audited_session
from linkwatch.context import console, reports_errors
from queries.documents.exposure import exposure_document
from queries.documents.precursors import at_risk_document, precursor_document
from queries.documents.series import series_document
from queries.exposure.analysis import rank_exposure
from queries.people import person_labels
from queries.precursors.analysis import at_risk_dyads, precursor_path
from queries.series.analysis import find_series

__all__ = ["app"]

AsOf = Annotated[
    datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Reference date (default today)."),
]


@app.command()
@reports_errors
def series(
    threshold: Annotated[
        float | None,
        typer.Option(min=0.01, max=0.99, help="Link probability (default: the model's)."),
    ] = None,
    date_from: Annotated[
        datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First date found.")
    ] = None,
    date_to: Annotated[
        datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last date found.")
    ] = None,
    hops: Annotated[
        int, typer.Option(min=1, max=4, help="Association ties apart that still link.")
    ] = 3,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Series to show.")] = 10,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="Use only what was recorded by this date (default: everything).",
        ),
    ] = None,
    near: Annotated[
        int, typer.Option(min=0, max=100, help="Strongest pairs below the threshold to show.")
    ] = 10,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """Candidate linked series of deaths, strongest first, with each link's evidence.

    The pairs that scored just below the threshold follow, so what almost linked is seen.
    """
    options = {
        "threshold": threshold,
        "from": day(date_from),
        "to": day(date_to),
        "hops": hops,
        "limit": limit,
        "as_of": day(as_of),
        "near": near,
    }
    with audited_session("linkwatch analyse series", justification, options) as trail:
        analysis = find_series(
            trail.driver,
            trail.database,
            threshold=threshold,
            hops=hops,
            date_from=day(date_from),
            date_to=day(date_to),
            as_of=day(as_of),
            near=near,
        )
        document = series_document(analysis, limit=limit)
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    recorded = f" recorded by {analysis.as_of}" if analysis.as_of else ""
    console.print(
        f"{analysis.deaths:,} deaths{recorded} compared in {analysis.candidate_pairs:,} "
        f"candidate pairs; {len(analysis.series)} candidate series at threshold "
        f"{analysis.threshold:.2f}. A series is a prompt for review, not a finding."
    )
    for found in analysis.series[:limit]:
        table = Table(
            "death",
            "found",
            "cause",
            "place",
            title=f"{found.id} (strongest link {found.strength:.2f})",
        )
        for death in found.deaths:
            table.add_row(
                death.id,
                f"{death.found_at:%Y-%m-%d %H:%M}" if death.found_at else f"{death.date_found}",
                death.cause or "",
                Text(death.address or death.place or ""),
            )
        console.print(table)
        for link in found.links[:8]:
            top = sorted(link.contributions.items(), key=lambda kv: -kv[1])[:5]
            reasons = ", ".join(f"{name} {value:+.2f}" for name, value in top)
            console.print(Text(f"  {link.a} - {link.b}: p={link.probability:.2f} ({reasons})"))
    if analysis.near_threshold:
        near_table = Table(
            "death", "death", "p", "strongest evidence", title="Near the threshold (not linked)"
        )
        for pair in analysis.near_threshold:
            top = sorted(pair.contributions.items(), key=lambda kv: -kv[1])[:3]
            near_table.add_row(
                pair.a,
                pair.b,
                f"{pair.probability:.2f}",
                Text(", ".join(f"{name} {value:+.2f}" for name, value in top)),
            )
        console.print(near_table)


@app.command()
@reports_errors
def exposure(
    as_of: AsOf = None,
    hops: Annotated[int, typer.Option(min=0, max=4, help="Ties exposure travels.")] = 3,
    half_life: Annotated[
        float, typer.Option(min=1, help="Days for an event's weight to halve.")
    ] = 180.0,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="People to list.")] = 20,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """People most exposed to earlier serious violence through their ties, with the paths."""
    reference = day(as_of) or datetime.now().date()
    options = {"as_of": reference, "hops": hops, "half_life_days": half_life, "limit": limit}
    with audited_session("linkwatch analyse exposure", justification, options) as trail:
        driver, database = trail.driver, trail.database
        analysis = rank_exposure(
            driver, database, as_of=reference, max_hops=hops, half_life_days=half_life
        )
        names = person_labels(driver, database, (e.person for e in analysis.ranking[:limit]))
        document = exposure_document(
            analysis, hops=hops, half_life_days=half_life, limit=limit, names=names
        )
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    console.print(
        f"{document.events} serious-violence involvements before {reference}; "
        f"{document.people_in_network:,} people in the network. {document.notice}"
    )
    table = Table("person", "score", "nearest", "strongest contribution", title="Network exposure")
    for entry in document.ranking:
        best = entry.contributions[0]
        table.add_row(
            Text(entry.name or entry.person),
            f"{entry.score:.3f}",
            f"{entry.ties} ties",
            Text(
                f"{best.role} in {best.incident} ({best.occurred_on}) via {' > '.join(best.path)}"
            ),
        )
    console.print(table)


@app.command()
@reports_errors
def precursors(
    event: Annotated[str, typer.Argument(help="A death or incident id, e.g. death:DR-2024-00012.")],
    months: Annotated[int, typer.Option(min=1, max=120, help="How far back to look.")] = 24,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """The earlier incidents, partner contacts and death reports of an event's people.

    For a death: the deceased and whoever found, reported, was last seen with or is suspected
    of it; for an incident: its victims, suspects and offenders.
    """
    options = {"event_id": event, "months": months}
    with audited_session("linkwatch analyse precursors", justification, options) as trail:
        path = precursor_path(trail.driver, trail.database, event, months=months)
        names = person_labels(trail.driver, trail.database, path.people)
        document = precursor_document(path, names=names)
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    who = ", ".join(f"{s.name or s.person} ({', '.join(s.roles)})" for s in document.subjects)
    when = f"{document.event_at:%Y-%m-%d %H:%M}" if document.event_at else document.event_date
    console.print(
        Text(
            f"{document.event} on {when}: {who}. {len(document.steps)} earlier "
            f"events held by {', '.join(document.agencies) or 'no agency'}."
        )
    )
    table = Table(
        "date", "agency", "what", "stage", "whose", title="Precursor path (earliest first)"
    )
    for step in document.steps:
        table.add_row(
            f"{step.at:%Y-%m-%d %H:%M}" if step.at else step.date.isoformat(),
            step.agency,
            Text(f"{step.kind}: {step.summary or ''}"),
            ", ".join(step.stages),
            Text("; ".join(f"{p.name or p.person}, {p.part}" for p in step.people)),
        )
    console.print(table)


@app.command("at-risk-dyads")
@reports_errors
def at_risk(
    as_of: AsOf = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: AsJson = False,
    justification: Justification = None,
) -> None:
    """Live domestic-abuse dyads whose recent incidents follow the homicide timeline."""
    reference = day(as_of) or datetime.now().date()
    options = {"as_of": reference, "limit": limit}
    with audited_session("linkwatch analyse at-risk-dyads", justification, options) as trail:
        ranked = at_risk_dyads(trail.driver, trail.database, as_of=reference)[:limit]
        names = person_labels(
            trail.driver, trail.database, (p for d in ranked for p in (d.victim, d.suspect))
        )
        document = at_risk_document(ranked, as_of=reference, names=names)
        trail.record_document(document)
    if as_json:
        print_document(document)
        return
    console.print(document.notice)
    table = Table(
        "victim",
        "suspect",
        "score",
        "incidents",
        "stages seen (latest year)",
        title="At-risk dyads",
    )
    for d in document.dyads:
        table.add_row(
            Text(d.victim_name or d.victim),
            Text(d.suspect_name or d.suspect),
            f"{d.score:.0f}",
            str(d.incidents),
            ", ".join(f"{s.stage} {s.date}" for s in d.steps),
        )
    console.print(table)
