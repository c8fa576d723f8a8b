"""Who kept a record and in what capacity: "Kept by A, official appointee for B".

The keeper is named in the vault (set up at first run, changed in Settings)
and never inferred from the people recorded; their capacity for each person
is that person's role. Every export prints this line on its cover, on every
page and in its statement, so a reader never takes an appointee's notes for
the claimant's own.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate
from companion.model import Keeper, Person, Relationship, Role

_FOR = {
    Role.OFFICIAL_APPOINTEE: QT_TRANSLATE_NOOP("Keeper", "official appointee for {names}"),
    Role.INFORMAL_HELPER: QT_TRANSLATE_NOOP("Keeper", "informal helper for {names}"),
    Role.POWER_OF_ATTORNEY: QT_TRANSLATE_NOOP("Keeper", "attorney for {names}"),
}


def names_list(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return translate("Keeper", "{first} and {last}").format(
        first=", ".join(names[:-1]), last=names[-1]
    )


def _own(person: Person) -> bool:
    return person.role is Role.CLAIMANT and person.relationship is Relationship.SELF


def capacities(people: Iterable[Person]) -> str:
    """The keeper's capacity for these people, like "official appointee for B and C"."""
    people = list(people)
    parts: list[str] = []
    if any(_own(p) for p in people):
        parts.append(translate("Keeper", "the claimant"))
    for role, text in _FOR.items():
        names = [p.display_name for p in people if p.role is role]
        if names:
            parts.append(translate("Keeper", text).format(names=names_list(names)))
    # A claimant's role given to someone who is not the keeper says nothing about the keeper.
    others = [p.display_name for p in people if p.role is Role.CLAIMANT and not _own(p)]
    if others:
        parts.append(
            translate("Keeper", "keeping the record for {names}").format(names=names_list(others))
        )
    return "; ".join(parts)


def kept_by(keeper: Keeper | None, people: Iterable[Person]) -> str:
    """The sentence every export carries."""
    if keeper is None:
        return translate("Keeper", "Who kept this record is not recorded.")
    roles = capacities(people)
    if not roles:
        return translate("Keeper", "Kept by {name}.").format(name=keeper.name)
    return translate("Keeper", "Kept by {name}, {roles}.").format(name=keeper.name, roles=roles)


def signer_capacity(name: str, keeper: Keeper | None, people: Iterable[Person]) -> str:
    """What the statement says of the signer's capacity: the keeper's, when the keeper signs;
    otherwise that it is not stated, naming who kept the record."""
    if keeper is not None and " ".join(name.split()).casefold() == keeper.name.casefold():
        return capacities(people)
    return translate("Keeper", "not stated (the record's keeper is {keeper})").format(
        keeper=keeper.name if keeper else translate("Keeper", "not recorded")
    )
