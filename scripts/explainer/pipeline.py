"""The pure core: raw data files in, rendered pages out. No disk, no MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dataset.loader import LoadedFile, parse_yaml
from .dataset.model import Dataset
from .dataset.problems import DataError, Problem
from .dataset.translations import Coverage, localize, read_terms, read_translation, stale_pages
from .dataset.validate import FILES, locate_problems, validate_dataset
from .editions import TRANSLATIONS
from .pages.configs import edition_config
from .pages.i18n import Interface, read_catalogue
from .pages.render import EditionContent, render_site
from .site import SiteInfo, read_config


def load_dataset(raw_files: dict[str, bytes | str | None]) -> Dataset:
    """Parse and validate every data file. ``raw_files`` maps a file's name
    ("events") to its bytes, to None when the file does not exist, or to a sentence
    saying why it cannot be read ("is a folder, not a file")."""
    loaded: dict[str, LoadedFile] = {}
    unreadable: list[Problem] = []
    in_values: list[Problem] = []  # characters a value may not hold: the entries are still known
    for spec in FILES:
        rel = f"data/{spec.name}.yaml"
        raw = raw_files.get(spec.name)
        if raw is None or isinstance(raw, str):
            unreadable.append(Problem(rel, 0, message=raw or "the file is missing"))
            continue
        loaded[spec.name], file_problems = parse_yaml(rel, raw)
        (in_values if loaded[spec.name].root is not None else unreadable).extend(file_problems)
    if unreadable:  # a file that cannot be read cannot be checked against the others
        readable = {name: file for name, file in loaded.items() if file.root is not None}
        raise DataError(unreadable + locate_problems(readable, in_values))
    return validate_dataset(loaded, in_values)


@dataclass(frozen=True)
class TranslationFiles:
    """One language's translation files as read: each data file's translation (bytes, or
    None when there is none yet) and the interface catalogue's text."""

    files: dict[str, bytes | None]
    interface: str | bytes | None = None


@dataclass
class BuildResult:
    files: dict  # path -> text, bytes or CardSpec
    stale: list[Problem] = field(default_factory=list)  # out-of-date translations: `make check` fails
    coverage: dict[str, dict[str, Coverage]] = field(default_factory=dict)  # lang -> data file -> coverage
    interface_coverage: dict[str, tuple[int, int]] = field(default_factory=dict)  # lang -> (translated, total)


def translate_editions(data: Dataset, site: SiteInfo, translations: dict[str, TranslationFiles],
                       terms: bytes | None) -> tuple[list[EditionContent], BuildResult]:
    """Each translated edition's content, or DataError with every problem in the translations."""
    result = BuildResult(files={})
    term_choices, problems = read_terms(terms, tuple(e.lang for e in TRANSLATIONS))
    contents = []
    for edition in TRANSLATIONS:
        given = translations.get(edition.lang, TranslationFiles({}))
        try:
            catalogue = read_catalogue(edition.lang, given.interface)
        except DataError as error:
            problems += error.problems
            catalogue = None
        interface = Interface(edition, catalogue)
        if catalogue is not None:
            messages = [m for m in catalogue if m.id]
            result.interface_coverage[edition.lang] = (sum(1 for m in messages if m.string and not m.fuzzy), len(messages))
        translation = read_translation(data, edition.lang, given.files, term_choices)
        problems += translation.problems
        result.stale += translation.stale
        result.coverage[edition.lang] = translation.coverage
        edition_site = SiteInfo(name=interface.gettext(site.name), url=f"{site.url}{edition.prefix}", lang=edition.lang,
                                description=interface.gettext(site.description) if site.description else "")
        contents.append(EditionContent(edition, localize(data, translation), edition_site, interface))
    if problems:
        raise DataError(problems)
    return contents, result


def build_site(raw_files: dict[str, bytes | None], site: SiteInfo, schemas: dict[str, str], jobs: int = 1,
               translations: dict[str, TranslationFiles] | None = None, terms: bytes | None = None,
               config_text: str | None = None, shared_assets: dict[str, bytes] | None = None,
               handwritten: dict[str, bytes | None] | None = None) -> BuildResult:
    """Every generated file of every edition, with the translations' state; DataError
    with all problems. Without ``translations``, the English edition alone."""
    data = load_dataset(raw_files)
    if translations is None:
        return BuildResult(files=render_site(data, site, schemas, jobs))
    contents, result = translate_editions(data, site, translations, terms)
    result.stale += stale_pages(handwritten or {}, tuple(c.edition.lang for c in contents))
    result.files = render_site(data, site, schemas, jobs, translated=tuple(contents))
    if config_text is not None:
        config = read_config(config_text)
        for content in contents:
            result.files[content.edition.config_file] = edition_config(config, content.edition, content.site, content.interface)
    result.files.update(edition_assets(shared_assets or {}, [""] + [c.prefix for c in contents]))
    return result


def edition_assets(shared: dict[str, bytes], prefixes: list[str]) -> dict[str, bytes]:
    """The hand-written stylesheets (minified: the pages link to site.min.css) for every
    edition, and the scripts and images copied into each translated edition's folder
    (each edition is a site of its own)."""
    from rcssmin import cssmin

    # Each stylesheet is minified once, then placed in every edition.
    published = {f"{rel.removesuffix('.css')}.min.css" if rel.endswith(".css") else rel:
                 cssmin(blob.decode("utf-8")).encode("utf-8") + b"\n" if rel.endswith(".css") else blob
                 for rel, blob in shared.items()}
    return {f"docs/{prefix}{rel}": blob for prefix in prefixes for rel, blob in published.items()
            if prefix or rel.endswith(".min.css")}


def build_pages(raw_files: dict[str, bytes | None], site: SiteInfo, schemas: dict[str, str], jobs: int = 1) -> dict[str, str]:
    """Every generated file of the English edition for the given data, or DataError with
    all problems. ``schemas`` maps each JSON Schema's file name to its text (offered as a
    download); ``jobs`` is how many processes may render (see render_site)."""
    return build_site(raw_files, site, schemas, jobs).files
