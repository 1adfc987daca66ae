"""``linkwatch analyse NAME``: the analyses, with JSON output and their evidence."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from graph_model.connection import session_driver
from linkwatch.context import console, load_settings, reports_errors
from queries.exposure.analysis import rank_exposure
from queries.investigation import common_associates, ego_network, shortest_paths, timeline
from queries.networks.analysis import analyse_networks, vulnerable_people
from queries.people import person_labels
from queries.precursors.analysis import at_risk_dyads, precursor_path
from queries.series.analysis import find_series
from queries.series.report import series_json

app = typer.Typer(help="Run an analysis; every result carries the evidence behind it.")


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
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (schema in the README).")
    ] = False,
) -> None:
    """Candidate linked series of deaths, strongest first, with each link's evidence."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        analysis = find_series(
            driver,
            target.database,
            threshold=threshold,
            hops=hops,
            date_from=date_from.date() if date_from else None,
            date_to=date_to.date() if date_to else None,
        )
    if as_json:
        document = series_json(analysis)
        document["series"] = document["series"][:limit]
        console.print_json(json.dumps(document, default=str))
        return
    console.print(
        f"{analysis.deaths:,} deaths compared in {analysis.candidate_pairs:,} candidate pairs; "
        f"{len(analysis.series)} candidate series at threshold {analysis.threshold:.2f}. "
        "A series is a prompt for review, not a finding."
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
                death.date_found.isoformat(),
                death.cause or "",
                Text(death.address or death.place or ""),
            )
        console.print(table)
        for link in found.links[:8]:
            top = sorted(link.contributions.items(), key=lambda kv: -kv[1])[:5]
            reasons = ", ".join(f"{name} {value:+.2f}" for name, value in top)
            console.print(Text(f"  {link.a} - {link.b}: p={link.probability:.2f} ({reasons})"))


@app.command()
@reports_errors
def exposure(
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Reference date (default today)."),
    ] = None,
    hops: Annotated[int, typer.Option(min=0, max=4, help="Ties exposure travels.")] = 3,
    half_life: Annotated[
        float, typer.Option(min=1, help="Days for an event's weight to halve.")
    ] = 180.0,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="People to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """People most exposed to earlier serious violence through their ties, with the paths."""
    settings = load_settings()
    reference = as_of.date() if as_of else datetime.now().date()
    with session_driver(settings) as (driver, target):
        analysis = rank_exposure(
            driver, target.database, as_of=reference, max_hops=hops, half_life_days=half_life
        )
        top = analysis.ranking[:limit]
        names = person_labels(driver, target.database, (e.person for e in top))
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "as_of": reference.isoformat(),
                    "hops": hops,
                    "half_life_days": half_life,
                    "events": analysis.events,
                    "people_in_network": analysis.graph.number_of_nodes(),
                    "ranking": [
                        {
                            "person": e.person,
                            "name": names.get(e.person),
                            "score": e.score,
                            "contributions": [
                                {
                                    "incident": c.incident,
                                    "occurred_on": c.occurred_on.isoformat(),
                                    "role": c.role,
                                    "path": list(c.path),
                                    "weight": c.weight,
                                }
                                for c in e.contributions[:10]
                            ],
                        }
                        for e in top
                    ],
                }
            )
        )
        return
    console.print(
        f"{analysis.events} serious-violence involvements before {reference}; "
        f"{analysis.graph.number_of_nodes():,} people in the network. "
        "A ranking is a prompt for review, never a decision."
    )
    table = Table("person", "score", "nearest", "strongest contribution", title="Network exposure")
    for entry in top:
        best = entry.contributions[0]
        table.add_row(
            Text(names.get(entry.person, entry.person)),
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
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The time-ordered incidents and partner contacts before a death or incident."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        path = precursor_path(driver, target.database, event, months=months)
        names = person_labels(driver, target.database, (s["person"] for s in path.subjects))
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "event": path.event,
                    "event_date": path.event_date.isoformat(),
                    "subjects": path.subjects,
                    "agencies": path.agencies,
                    "steps": [
                        {
                            "date": s.date.isoformat(),
                            "event": s.event,
                            "agency": s.agency,
                            "kind": s.kind,
                            "people": [list(p) for p in s.people],
                            "stages": list(s.stages),
                            "markers": list(s.markers),
                            "summary": s.summary,
                        }
                        for s in path.steps
                    ],
                }
            )
        )
        return
    who = ", ".join(f"{names.get(s['person'], s['person'])} ({s['role']})" for s in path.subjects)
    console.print(
        Text(
            f"{path.event} on {path.event_date}: {who}. {len(path.steps)} earlier events held by "
            f"{', '.join(path.agencies) or 'no agency'}."
        )
    )
    table = Table(
        "date", "agency", "what", "stage", "whose", title="Precursor path (earliest first)"
    )
    for step in path.steps:
        table.add_row(
            step.date.isoformat(),
            step.agency,
            Text(f"{step.kind}: {step.summary or ''}"),
            ", ".join(step.stages),
            Text("; ".join(role for _, role in step.people)),
        )
    console.print(table)


@app.command("at-risk-dyads")
@reports_errors
def at_risk(
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Reference date (default today)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Live domestic-abuse dyads whose recent incidents follow the homicide timeline."""
    settings = load_settings()
    reference = as_of.date() if as_of else datetime.now().date()
    with session_driver(settings) as (driver, target):
        ranked = at_risk_dyads(driver, target.database, as_of=reference)[:limit]
        names = person_labels(
            driver, target.database, (p for d in ranked for p in (d.victim, d.suspect))
        )
    if as_json:
        console.print_json(
            json.dumps(
                [
                    {
                        "victim": d.victim,
                        "victim_name": names.get(d.victim),
                        "suspect": d.suspect,
                        "suspect_name": names.get(d.suspect),
                        "score": d.score,
                        "incidents": d.incidents,
                        "steps": d.steps,
                    }
                    for d in ranked
                ]
            )
        )
        return
    console.print("A ranking is a prompt for review, never a decision.")
    table = Table(
        "victim",
        "suspect",
        "score",
        "incidents",
        "stages seen (latest year)",
        title="At-risk dyads",
    )
    for d in ranked:
        table.add_row(
            Text(names.get(d.victim, d.victim)),
            Text(names.get(d.suspect, d.suspect)),
            f"{d.score:.0f}",
            str(d.incidents),
            ", ".join(f"{s['stage']} {s['date']}" for s in d.steps),
        )
    console.print(table)


@app.command()
@reports_errors
def networks(
    date_from: Annotated[
        datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="Start of the period.")
    ],
    date_to: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="End of the period.")
    ],
    minimum: Annotated[int, typer.Option(min=2, help="Incidents that make a repeat.")] = 3,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Repeat victims and perpetrators, communities and their central members.

    Also vulnerable people: party to no crime, associated with many who are.
    """
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        result = analyse_networks(
            driver,
            target.database,
            date_from=date_from.date(),
            date_to=date_to.date(),
            minimum=minimum,
        )
        vulnerable = vulnerable_people(driver, target.database, limit=limit)
        shown = [*result.repeat_victims[:limit], *result.repeat_perpetrators[:limit], *vulnerable]
        ids = {row["person"] for row in shown} | {
            p for c in result.communities[:limit] for p, _ in c.centre
        }
        names = person_labels(driver, target.database, ids)
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "repeat_victims": result.repeat_victims[:limit],
                    "repeat_perpetrators": result.repeat_perpetrators[:limit],
                    "people_in_network": result.people_in_network,
                    "communities": [
                        {
                            "id": c.id,
                            "size": len(c.members),
                            "centre": [{"person": p, "betweenness": b} for p, b in c.centre],
                            "members": list(c.members),
                        }
                        for c in result.communities[:limit]
                    ],
                    "vulnerable_people": vulnerable,
                }
            )
        )
        return
    console.print("Rankings are prompts for review, never decisions.")
    for title, rows in (
        ("Repeat victims", result.repeat_victims),
        ("Repeat perpetrators", result.repeat_perpetrators),
    ):
        table = Table("person", "incidents", title=title)
        for row in rows[:limit]:
            table.add_row(Text(names.get(row["person"], row["person"])), str(row["times"]))
        console.print(table)
    table = Table(
        "community",
        "size",
        "most central",
        title=f"Communities ({result.people_in_network:,} people in the network)",
    )
    for community in result.communities[:limit]:
        table.add_row(
            str(community.id),
            str(len(community.members)),
            Text(", ".join(names.get(p, p) for p, _ in community.centre)),
        )
    console.print(table)
    table = Table("person", "associates party to crime", "ties", title="Vulnerable people")
    for row in vulnerable:
        table.add_row(
            Text(names.get(row["person"], row["person"])),
            str(row["associates_party_to_crime"]),
            ", ".join(row["tie_kinds"]),
        )
    console.print(table)


def _print_json(document: object) -> None:
    console.print_json(json.dumps(document, default=str))


@app.command()
@reports_errors
def ego(
    entity: Annotated[str, typer.Argument(help="Id of a person, place or event.")],
    hops: Annotated[int, typer.Option(min=1, max=3)] = 1,
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Relationship types to follow (repeat).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=2000, help="Paths to keep.")] = 500,
) -> None:
    """The neighbourhood of an entity as JSON: nodes (display fields), edges, truncated flag."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        graph = ego_network(driver, target.database, entity, hops=hops, types=types, limit=limit)
    _print_json(
        {
            "centre": graph.centre,
            "truncated": graph.truncated,
            "nodes": graph.nodes,
            "edges": graph.edges,
        }
    )


@app.command()
@reports_errors
def paths(
    a: Annotated[str, typer.Argument(help="First entity id.")],
    b: Annotated[str, typer.Argument(help="Second entity id.")],
    max_hops: Annotated[int, typer.Option(min=1, max=6)] = 4,
) -> None:
    """All shortest paths between two entities, as JSON."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        _print_json(shortest_paths(driver, target.database, a, b, max_hops=max_hops))


@app.command()
@reports_errors
def common(
    a: Annotated[str, typer.Argument(help="First person id.")],
    b: Annotated[str, typer.Argument(help="Second person id.")],
) -> None:
    """People tied to both of two people, as JSON."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        _print_json(common_associates(driver, target.database, a, b))


@app.command("timeline")
@reports_errors
def person_timeline(
    person: Annotated[str, typer.Argument(help="Person id.")],
    limit: Annotated[int, typer.Option(min=1, max=2000)] = 500,
) -> None:
    """A person's incidents, deaths and partner contacts in date order, as JSON."""
    settings = load_settings()
    with session_driver(settings) as (driver, target):
        _print_json(timeline(driver, target.database, person, limit=limit))
