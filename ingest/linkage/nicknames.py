"""Short forms and nicknames of English forenames, and the name keys compared through them.

Two forenames are treated as the same name when their keys overlap: "Bob" and "Robert"
share ``robert``, "Steve" and "Steven" share ``stephen`` and ``steven``. The table is
deliberately small and common-sense; it is data, not a model, and a force can extend it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["NICKNAMES", "name_keys"]

#: Full forename -> its common short forms and nicknames (lower case).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "abigail": ("abbie", "abby", "abi"),
    "aisha": ("ayesha",),
    "agnieszka": ("aga",),
    "albert": ("al", "bert", "bertie"),
    "alexander": ("alex", "alec", "sandy", "xander"),
    "alexandra": ("alex", "lexi", "sandra", "sandy"),
    "alfred": ("alf", "alfie", "fred"),
    "alison": ("ali", "allie"),
    "amanda": ("mandy", "manda"),
    "amelia": ("millie", "amy"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony", "ant"),
    "arthur": ("art", "artie"),
    "ayesha": ("aisha",),
    "barbara": ("babs", "barb"),
    "benjamin": ("ben", "benny", "benji"),
    "bernard": ("bernie",),
    "callum": ("cal",),
    "catherine": ("cath", "cathy", "kate", "katie", "kay"),
    "charles": ("charlie", "chas", "chuck"),
    "charlie": ("charles",),
    "charlotte": ("charlie", "lottie", "lotte"),
    "christine": ("chris", "chrissie", "tina"),
    "christopher": ("chris", "kit", "topher"),
    "daniel": ("dan", "danny"),
    "danielle": ("dani",),
    "david": ("dave", "davey", "davy"),
    "deborah": ("debbie", "deb", "debs"),
    "dorothy": ("dot", "dolly", "dottie"),
    "douglas": ("doug",),
    "edward": ("ed", "eddie", "ted", "teddy", "ned"),
    "eleanor": ("ellie", "nell", "nora"),
    "elizabeth": ("liz", "beth", "lizzie", "betty", "eliza", "libby", "bess"),
    "frederick": ("fred", "freddie"),
    "gareth": ("gaz",),
    "gerald": ("gerry",),
    "gregory": ("greg",),
    "hannah": ("han",),
    "harry": ("henry", "haz"),
    "henry": ("harry", "hal"),
    "jacqueline": ("jackie", "jacqui"),
    "james": ("jim", "jimmy", "jamie", "jimbo"),
    "jennifer": ("jen", "jenny", "jenna"),
    "jessica": ("jess", "jessie"),
    "joanne": ("jo", "joanna", "jojo"),
    "john": ("jon", "johnny", "jack"),
    "jonathan": ("jon", "jonny", "johnny"),
    "joseph": ("joe", "joey"),
    "joshua": ("josh",),
    "katarzyna": ("kasia",),
    "katherine": ("kath", "kathy", "kate", "katie"),
    "katie": ("kate", "catherine", "katherine"),
    "kenneth": ("ken", "kenny"),
    "kieran": ("kiernan",),
    "lawrence": ("larry", "laurie"),
    "leonard": ("len", "lenny", "leo"),
    "louise": ("lou",),
    "lukasz": ("luke",),
    "margaret": ("maggie", "peggy", "meg", "marge", "madge"),
    "matthew": ("matt", "matty"),
    "megan": ("meg",),
    "michael": ("mike", "mick", "micky", "mikey"),
    "michelle": ("shelley", "shell"),
    "mohammed": ("mohammad", "muhammad", "mohamed", "mo"),
    "muhammad": ("mohammed", "mohammad", "mo"),
    "natalie": ("nat",),
    "nathan": ("nate", "nat"),
    "nicholas": ("nick", "nicky"),
    "nicola": ("nicky", "nikki"),
    "olivia": ("liv", "livvy"),
    "patricia": ("pat", "trish", "patsy"),
    "patrick": ("pat", "paddy"),
    "peter": ("pete",),
    "philip": ("phil",),
    "piotr": ("peter",),
    "raymond": ("ray",),
    "rebecca": ("becky", "becca", "bex"),
    "richard": ("rich", "dick", "richie", "rick", "ricky"),
    "robert": ("rob", "bob", "bobby", "robbie", "bert"),
    "ronald": ("ron", "ronnie"),
    "samantha": ("sam", "sammi", "sammy"),
    "samuel": ("sam", "sammy"),
    "sandra": ("sandy",),
    "stephen": ("steve", "steven", "stevie"),
    "steven": ("steve", "stephen", "stevie"),
    "susan": ("sue", "susie", "suzy"),
    "terence": ("terry", "tel"),
    "terry": ("terence",),
    "thomas": ("tom", "tommy"),
    "timothy": ("tim", "timmy"),
    "tomasz": ("tom",),
    "victoria": ("vicky", "vicki", "tori"),
    "william": ("will", "bill", "billy", "willie"),
}


def _full_names_by_short_form() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for full, shorts in NICKNAMES.items():
        for short in shorts:
            index.setdefault(short, set()).add(full)
    return {short: frozenset(fulls) for short, fulls in index.items()}


_FULL_NAMES = _full_names_by_short_form()


def name_keys(names: Iterable[str]) -> list[str]:
    """Return the sorted keys under which lower-case forenames match as the same name.

    A name's keys are the name itself and every full name it is a short form of.

    Parameters
    ----------
    names
        Lower-case forenames (a given name, further given names, known-as names).

    Returns
    -------
    list[str]
        Sorted, without duplicates; two people share a forename when their keys overlap.

    Examples
    --------
    >>> name_keys(["bob"])
    ['bob', 'robert']
    >>> sorted(set(name_keys(["steve"])) & set(name_keys(["steven"])))
    ['stephen', 'steven']
    """
    keys: set[str] = set()
    for name in names:
        if name:
            keys.add(name)
            keys.update(_FULL_NAMES.get(name, ()))
    return sorted(keys)
