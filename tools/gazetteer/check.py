#!/usr/bin/env python3
"""Check the data files: the format conventions of data/README.md, the country spellings of the
generated files, and names or aliases used by more than one entry across ALL data/*.tsv
gazetteers. Exits 1 on a problem in a generated file; a duplicate only among the hand-kept files
is reported as a warning (those files are not the generator's to change).

Usage: check.py [DATA_DIR] [-v]   (-v prints every warning, not the first ten)"""

from __future__ import annotations

import collections
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(os.path.dirname(HERE)), "data")
VERBOSE = False

GENERATED = {"cities.tsv", "subdivisions.tsv", "currencies.tsv", "given-names-world.txt"}
# The gazetteers of data/ and where their forms are: file -> (columns holding one name each,
# columns holding a ;-separated alias list), counted from 0. A file of data/ not listed here
# and not in NOT_GAZETTEERS makes check.py stop, so that a new gazetteer is not missed.
FORM_COLUMNS = {
    "countries.tsv": ([0], [1]),
    "organizations.tsv": ([0], [1]),
    "places.tsv": ([0], [1]),
    "companies.tsv": ([0], [1]),
    "groups.tsv": ([0], [1]),
    "research-and-media.tsv": ([0], [1]),
    "institutions.tsv": ([2], [3]),
    "office-holders-g20.tsv": ([3, 4], [5]),
    "office-holders-regional.tsv": ([3, 4], [5]),
    "cities.tsv": ([0], [1]),
    "subdivisions.tsv": ([0], [1]),
}
NOT_GAZETTEERS = {"units.tsv", "measures.tsv", "named-events.tsv", "currencies.tsv"}
# Files whose rows each describe one entity (office-holder files list a person once per
# office, so a form repeated inside one of them is not a clash).
ONE_ROW_PER_ENTITY = set(FORM_COLUMNS) - {"office-holders-g20.tsv",
                                          "office-holders-regional.tsv"}
GAZETTEERS = list(FORM_COLUMNS)


def row_forms(fname: str, cols: list[str]) -> list[str]:
    """The names and aliases a row of a gazetteer gives (not those starting with `the `)."""
    names, lists = FORM_COLUMNS[fname]
    forms = [cols[i] for i in names if i < len(cols) and cols[i]]
    for i in lists:
        if i < len(cols):
            forms.extend(a for a in cols[i].split(";") if a)
    return [f for f in dict.fromkeys(forms) if not f.startswith("the ")]
COLUMNS = {"cities.tsv": 4, "subdivisions.tsv": 4, "currencies.tsv": 3}
# Columns that take one of a few values (data/README.md lists them): file -> column -> values.
# A kind outside the list is a typo that would leave a body out of its family unseen.
CONTEXTS = {"any", "country"}
ENUMS = {
    "institutions.tsv": {
        1: {"central-bank", "legislature", "foreign-ministry", "executive", "armed-forces",
            "election-commission", "statistics-office", "finance-ministry",
            "financial-regulator"},
        5: CONTEXTS,
    },
    "groups.tsv": {3: {"armed group", "political party"}, 5: CONTEXTS},
    "research-and-media.tsv": {5: CONTEXTS},
}
MONTHS_DAYS = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December", "Monday", "Tuesday",
               "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

errors: list[str] = []
warnings: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


def rows(fname: str):
    path = os.path.join(DATA, fname)
    with open(path, encoding="utf-8") as f:  # fails loudly on invalid UTF-8
        lines = f.read().split("\n")
    if not lines or not lines[0].startswith("#"):
        err(f"{fname}: does not start with a # line")
    if lines and lines[-1] != "":
        err(f"{fname}: does not end with a newline")
    for no, line in enumerate(lines, 1):
        if line and not line.startswith("#"):
            yield no, line


def main() -> int:
    global DATA, VERBOSE
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    VERBOSE = "-v" in sys.argv[1:]
    if args:
        DATA = args[0]
    countries = {line.split("\t")[0] for _, line in rows("countries.tsv")}

    for path in sorted(glob.glob(os.path.join(DATA, "*.tsv"))):
        fname = os.path.basename(path)
        if fname not in FORM_COLUMNS and fname not in NOT_GAZETTEERS:
            err(f"{fname}: unknown data file; add it to FORM_COLUMNS or NOT_GAZETTEERS in "
                f"tools/gazetteer/check.py")
            continue
        widths = collections.Counter()
        generated = fname in GENERATED
        for no, line in rows(fname):
            cols = line.split("\t")
            widths[len(cols)] += 1
            where = f"{fname}:{no}"
            if fname in COLUMNS and len(cols) != COLUMNS[fname]:
                err(f"{where}: {len(cols)} columns, want {COLUMNS[fname]}")
                continue
            for c in cols:
                if c != c.strip():
                    (err if generated else warnings.append)(f"{where}: cell {c!r} has spaces")
            if not cols[0]:
                err(f"{where}: empty first column")
            for i in FORM_COLUMNS.get(fname, ([], []))[1]:
                if i < len(cols) and cols[i]:
                    parts = cols[i].split(";")
                    if any(p == "" or p != p.strip() for p in parts):
                        (err if generated else warnings.append)(
                            f"{where}: alias list {cols[i]!r} has an empty part or spaces by ;")
            for i, allowed in ENUMS.get(fname, {}).items():
                if i >= len(cols) or cols[i] not in allowed:
                    err(f"{where}: column {i + 1} is {cols[i] if i < len(cols) else None!r}, "
                        f"not one of {sorted(allowed)}")
            if fname == "institutions.tsv" and cols[0] not in countries:
                err(f"{where}: country {cols[0]!r} is not a data/countries.tsv name")
            if fname in ("cities.tsv", "subdivisions.tsv") and cols[2] not in countries:
                err(f"{where}: country {cols[2]!r} is not a data/countries.tsv name")
            if fname == "cities.tsv" and (not cols[3].isdigit() or int(cols[3]) < 50_000):
                err(f"{where}: population {cols[3]!r}")
            if fname == "currencies.tsv":
                if not re.fullmatch(r"[A-Z]{3}", cols[0]):
                    err(f"{where}: code {cols[0]!r}")
                if cols[2] and not re.fullmatch(r"\d{3}", cols[2]):
                    err(f"{where}: numeric {cols[2]!r}")
        if fname not in COLUMNS and len(widths) > 1:
            warnings.append(f"{fname}: rows of {dict(widths)} columns")

    # Sorted, unique first columns in the generated files.
    for fname in ("cities.tsv", "subdivisions.tsv", "currencies.tsv"):
        firsts = [line.split("\t")[0] for _, line in rows(fname)]
        if len(set(firsts)) != len(firsts):
            dups = [k for k, n in collections.Counter(firsts).items() if n > 1]
            err(f"{fname}: repeated names {dups[:10]}")
        key = (lambda s: s) if fname == "currencies.tsv" else (lambda s: (s.casefold(), s))
        if firsts != sorted(firsts, key=key):
            err(f"{fname}: rows are not sorted")

    # Every name and alias of every gazetteer, with the entries that use it.
    owners: dict[str, list[str]] = collections.defaultdict(list)
    for fname in GAZETTEERS:
        if not os.path.exists(os.path.join(DATA, fname)):
            continue
        for no, line in rows(fname):
            cols = line.split("\t")
            forms = row_forms(fname, cols)
            for form in forms:
                owners[form].append(f"{fname}:{no} {forms[0]}")
    # Currency codes are read beside amounts, not as names: a clash is worth knowing, no more.
    for _, line in rows("currencies.tsv"):
        code = line.split("\t")[0]
        if code in owners:
            warnings.append(f"currency code {code} is also a gazetteer form: {owners[code]}")
    for form, where in sorted(owners.items()):
        files = [w.split(":")[0] for w in where]
        if len(set(files)) == 1 and files[0] not in ONE_ROW_PER_ENTITY:
            continue
        if len(where) > 1:
            msg = f"{form!r} names {len(where)} entries: {'; '.join(where)}"
            if any(w.split(":")[0] in GENERATED for w in where):
                err(msg)
            else:
                warnings.append(msg)

    # The given-name list.
    names = [line for _, line in rows("given-names-world.txt")]
    if len(set(names)) != len(names):
        err("given-names-world.txt: repeated names")
    if names != sorted(names, key=lambda s: (s.casefold(), s)):
        err("given-names-world.txt: not sorted")
    country_forms = set()
    for _, line in rows("countries.tsv"):
        cols = line.split("\t")
        country_forms.update([cols[0], *[a for a in cols[1].split(";") if a], *cols[2:]])
    for n in names:
        if (len(n) < 2 or " " in n or "\t" in n or n in MONTHS_DAYS or n in country_forms
                or not n[0].isupper()):
            err(f"given-names-world.txt: bad entry {n!r}")

    for w in warnings if VERBOSE else warnings[:10]:
        print(f"warning: {w[:300]}")
    if len(warnings) > 10 and not VERBOSE:
        print(f"warning: ... and {len(warnings) - 10} more (check.py -v lists them all)")
    for e in errors:
        print(f"error: {e}")
    counts = {f: sum(1 for _ in rows(f)) for f in sorted(GENERATED)}
    print("check.py:", ", ".join(f"{f} {n}" for f, n in counts.items()),
          f"- {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
