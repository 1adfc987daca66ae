"""The keyed audit chain: a rewrite with recomputed hashes, a cut-off tail behind an anchor,
and entries from before the key, against the real database and the real command line."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance.audit import AuditAction, append_entry, verify_chain
from governance.audit_key import load_audit_key
from graph_model.errors import ConfigurationError
from tests.api.conftest import call
from tests.cli.helpers import run_linkwatch


def _sha256_rehash(entry: dict) -> str:
    """What anyone with write access to the database can compute: a plain SHA-256."""
    body = {k: v for k, v in entry.items() if k != "hash" and v is not None}
    return hashlib.sha256(
        json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()


def _entries(driver, target, after: int = 0) -> list[dict]:
    return [
        dict(r["e"])
        for r in driver.execute_query(
            "MATCH (e:AuditEntry) WHERE e.seq > $after RETURN e {.*} AS e ORDER BY e.seq",
            after=after,
            database_=target.database,
        ).records
    ]


def _put(driver, target, entries: list[dict]) -> None:
    """Overwrite entries by number, and point the head at the last of the log."""
    for entry in entries:
        driver.execute_query(
            "MATCH (e:AuditEntry {seq: $seq}) SET e = $entry",
            seq=entry["seq"],
            entry=entry,
            database_=target.database,
        )
    _move_head(driver, target)


def _move_head(driver, target) -> None:
    driver.execute_query(
        "MATCH (h:AuditHead {id: 'audit'}) "
        "OPTIONAL MATCH (e:AuditEntry) WITH h, e ORDER BY e.seq DESC LIMIT 1 "
        "SET h.seq = coalesce(e.seq, 0), h.hash = coalesce(e.hash, $genesis)",
        genesis="0" * 64,
        database_=target.database,
    )


@pytest.fixture
def chain(client, users, driver, target) -> Iterator[list[dict]]:
    """A few fresh entries; every entry is put back as it was afterwards."""
    for _ in range(4):
        call(client, users.keys["investigator"], "GET", "/api/v1/people?name=smith")
    saved = _entries(driver, target)
    yield saved
    driver.execute_query(
        "MATCH (e:AuditEntry) WHERE e.seq > $last DELETE e",
        last=saved[-1]["seq"],
        database_=target.database,
    )
    for entry in saved:
        driver.execute_query(
            "MERGE (e:AuditEntry {seq: $entry.seq}) SET e = $entry",
            entry=entry,
            database_=target.database,
        )
    _move_head(driver, target)


@pytest.mark.parametrize("disguise", ["keeps its scheme", "passes as unkeyed"])
def test_an_edit_with_every_later_hash_recomputed_is_detected(
    chain, client, users, driver, target, disguise: str
) -> None:
    admin = users.keys["admin"]
    assert call(client, admin, "GET", "/api/v1/audit/verify").json()["intact"]
    edited_seq = chain[-3]["seq"]
    rewritten, previous = [], chain[-4]["hash"]
    for entry in chain[-3:]:
        forged = dict(entry, prev_hash=previous)
        if entry["seq"] == edited_seq:
            forged["justification"] = "nothing to see"
        if disguise == "passes as unkeyed":
            forged["scheme"] = None  # SET e = map removes it
        forged["hash"] = previous = _sha256_rehash(forged)
        rewritten.append(forged)
    _put(driver, target, rewritten)
    status = call(client, admin, "GET", "/api/v1/audit/verify").json()
    assert not status["intact"] and status["first_broken"] == edited_seq, status
    cli = run_linkwatch("audit", "verify")
    assert cli.code == 1 and f"broken at entry {edited_seq}" in cli.stderr
    assert "Traceback" not in cli.stderr


def test_deleting_the_newest_entries_behind_an_anchor_is_detected(
    chain, client, users, driver, target, tmp_path: Path
) -> None:
    anchor_file = tmp_path / "anchor.json"
    made = run_linkwatch("audit", "anchor", "--out", str(anchor_file))
    assert made.code == 0, made.stderr
    anchor = json.loads(anchor_file.read_text())
    assert anchor["seq"] >= chain[-1]["seq"] and len(anchor["digest"]) == 64
    assert run_linkwatch("audit", "anchor", "--out", str(anchor_file)).code == 1  # no overwrite
    printed = run_linkwatch("audit", "anchor")
    assert printed.code == 0 and json.loads(printed.stdout)["seq"] >= anchor["seq"]
    good = run_linkwatch("audit", "verify", "--anchor", str(anchor_file))
    assert good.code == 0 and "nothing up to it was lost or changed" in good.stdout
    # Cut the log back to before the anchored entry and move the head back with it.
    cut_from = anchor["seq"] - 1
    driver.execute_query(
        "MATCH (e:AuditEntry) WHERE e.seq >= $seq DELETE e",
        seq=cut_from,
        database_=target.database,
    )
    _move_head(driver, target)
    assert run_linkwatch("audit", "verify").code == 0  # without the anchor it looks whole
    cut = run_linkwatch("audit", "verify", "--anchor", str(anchor_file))
    assert cut.code == 1 and f"broken at entry {cut_from}" in cut.stderr, cut.stderr
    assert "newest entries were deleted" in cut.stderr and "Traceback" not in cut.stderr


def test_an_anchor_with_another_digest_or_no_anchor_at_all_is_refused(
    chain, tmp_path: Path
) -> None:
    anchor_file = tmp_path / "anchor.json"
    assert run_linkwatch("audit", "anchor", "--out", str(anchor_file)).code == 0
    anchor = json.loads(anchor_file.read_text())
    anchor["digest"] = "f" * 64
    anchor_file.write_text(json.dumps(anchor))
    changed = run_linkwatch("audit", "verify", "--anchor", str(anchor_file))
    assert changed.code == 1 and f"broken at entry {anchor['seq']}" in changed.stderr
    assert "differs from the anchor" in changed.stderr
    junk = tmp_path / "junk.json"
    junk.write_text("not json")
    for path in (junk, tmp_path / "missing.json"):
        refused = run_linkwatch("audit", "verify", "--anchor", str(path))
        assert refused.code != 0 and "Traceback" not in refused.stderr
        assert str(path.name) in refused.stderr


@pytest.fixture
def empty_log(driver, target) -> Iterator[None]:
    """The shared log moved aside, so a test can build a log from its first entry."""
    driver.execute_query(
        "MATCH (e:AuditEntry) SET e:AuditEntryAside REMOVE e:AuditEntry",
        database_=target.database,
    )
    driver.execute_query(
        "MATCH (h:AuditHead {id: 'audit'}) SET h.id = 'audit-aside'", database_=target.database
    )
    try:
        yield
    finally:
        driver.execute_query(
            "MATCH (n) WHERE n:AuditEntry OR n:AuditHead AND n.id = 'audit' DELETE n",
            database_=target.database,
        )
        driver.execute_query(
            "MATCH (e:AuditEntryAside) SET e:AuditEntry REMOVE e:AuditEntryAside",
            database_=target.database,
        )
        driver.execute_query(
            "MATCH (h:AuditHead {id: 'audit-aside'}) SET h.id = 'audit'",
            database_=target.database,
        )


def test_entries_from_before_the_key_are_reported_and_sealed_by_the_first_keyed_one(
    empty_log, driver, target, settings
) -> None:
    previous = "0" * 64
    for seq in (1, 2, 3):  # as Linkwatch wrote them before the chain was keyed
        entry = {
            "seq": seq,
            "at": f"2026-11-0{seq}T10:00:00+00:00",
            "actor": "a.analyst",
            "role": "analyst",
            "action": "consultation",
            "endpoint": "GET /api/v1/people",
            "parameters": "{}",
            "people": [],
            "justification": "CASE/1",
            "outcome": "ok",
            "prev_hash": previous,
        }
        entry["hash"] = previous = _sha256_rehash(entry)
        driver.execute_query("CREATE (e:AuditEntry) SET e = $e", e=entry, database_=target.database)
    driver.execute_query(
        "CREATE (:AuditHead {id: 'audit', seq: 3, hash: $hash})",
        hash=previous,
        database_=target.database,
    )
    key = load_audit_key(settings)
    for _ in range(2):
        append_entry(
            driver,
            target.database,
            key=key,
            actor="pytest",
            role="operator",
            action=AuditAction.ALTERATION,
            endpoint="test",
        )
    report = verify_chain(driver, target.database, key=key)
    assert report.intact and report.entries == 5 and report.legacy_entries == 3
    cli = run_linkwatch("audit", "verify")
    assert cli.code == 0 and "Entries 1-3 were written before the chain was keyed" in cli.stdout
    # Re-hashing a legacy entry (and the legacy ones after it) breaks at the first keyed one.
    legacy = _entries(driver, target)[1:3]
    legacy[0]["justification"], previous = "nothing", legacy[0]["prev_hash"]
    for entry in legacy:
        entry["prev_hash"] = previous
        entry["hash"] = previous = _sha256_rehash(entry)
    _put(driver, target, legacy)
    report = verify_chain(driver, target.database, key=key)
    assert report.first_broken == 4, report
    # And the wrong key cannot verify the keyed entries at all.
    assert verify_chain(driver, target.database, key=b"x" * 32).first_broken is not None


def test_the_key_file_is_private_made_once_and_never_followed(settings, tmp_path: Path) -> None:
    home = tmp_path / "home"
    mine = settings.model_copy(update={"linkwatch_home": home, "linkwatch_audit_key": None})
    key = load_audit_key(mine)
    path = home / "audit.key"
    assert len(key) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_audit_key(mine) == key  # read again, not remade
    path.chmod(0o644)
    with pytest.raises(ConfigurationError, match="open to other users"):
        load_audit_key(mine)
    target_file = tmp_path / "elsewhere.key"
    target_file.write_text("ab" * 32)
    target_file.chmod(0o600)
    link = tmp_path / "link.key"
    os.symlink(target_file, link)
    linked = mine.model_copy(update={"linkwatch_audit_key_file": link})
    with pytest.raises(ConfigurationError, match="symbolic link"):
        load_audit_key(linked)
    dangling = tmp_path / "dangling.key"
    os.symlink(tmp_path / "nowhere" / "x.key", dangling)
    with pytest.raises(ConfigurationError, match="symbolic link"):
        load_audit_key(mine.model_copy(update={"linkwatch_audit_key_file": dangling}))
    assert not (tmp_path / "nowhere").exists()  # nothing was created through the link
    cli = run_linkwatch("audit", "verify", env={"LINKWATCH_AUDIT_KEY_FILE": str(link)})
    assert cli.code == 1 and "symbolic link" in cli.stderr and "Traceback" not in cli.stderr
