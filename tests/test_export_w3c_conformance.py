"""The W3C export read by real tools: the W3C Web Annotation test suite's JSON schemas
(tests/data/web-annotation-tests, with jsonschema) and a JSON-LD processor (pyld)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from newsreader import __version__
from newsreader.exporting import w3c
from newsreader.storage import Library

from .test_export_markdown import PARAGRAPHS, add_article, highlight

SUITE = Path(__file__).parent / "data" / "web-annotation-tests"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
# The agent assertions that fit what the export writes (a creator Person without personal
# data, a generator with type and name), the stylesheet and the motivations.
OPTIONAL_ASSERTIONS = (
    "3.3.1-annotationCreatorImplemented.json",
    "3.3.2-annotationCreatorAgentTypeImplemented.json",
    "3.3.1-annotationGeneratorImplemented.json",
    "3.3.2-annotationGeneratorAgentTypeImplemented.json",
    "3.3.2-annotationGeneratorAgentNameImplemented.json",
    "3.3.5-annotationMotivationImplemented.json",
)
BODY_DEFINITIONS = ("optionalBodyPropertiesMust", "optionalBodyPropertiesShould",
                    "optionalBodyPurposePropertyShould", "formatPropertyFound")


def _registry() -> Registry[Any]:
    """Every vendored schema under its file name, which is how the suite's ``$ref``s name
    them (``bodyTarget.json#/definitions/...``)."""
    resources: list[tuple[str, Resource[Any]]] = []
    for path in sorted(SUITE.glob("*/*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, DRAFT4.create_resource(contents)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def _validator(schema: dict[str, Any]) -> Draft4Validator:
    return Draft4Validator(schema, registry=REGISTRY,
                           format_checker=Draft4Validator.FORMAT_CHECKER)


def _assertion(name: str) -> dict[str, Any]:
    loaded = json.loads((SUITE / "annotations" / name).read_text(encoding="utf-8"))
    assert loaded["expectedResult"] == "valid"
    return loaded  # type: ignore[no-any-return]


def _must_assertions() -> list[str]:
    """The files the suite's ``annotationMusts.test`` lists."""
    test = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text("utf-8"))
    return [entry.split("/", 1)[1] for entry in test["assertions"]]


def _failures(name: str, item: dict[str, Any]) -> list[str]:
    return [error.message for error in _validator(_assertion(name)).iter_errors(item)]


def _standalone(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Each annotation as a document of its own: the collection's context applies to the
    items of its pages, so a lone annotation carries that context."""
    for item in data["first"]["items"]:
        yield {"@context": data["@context"], **item}


@pytest.fixture
def exported(library: Library) -> dict[str, Any]:
    """A collection with every kind of annotation: highlights with a note (in Markdown)
    and without, an orphan with a note, article notes, an article without an address."""
    article_id = add_article(library, "Conformance")
    highlight(library, article_id, "quote we will highlight", color="pink",
              note="- a list\n- in **Markdown**")
    highlight(library, article_id, "closes the story")
    library.annotations.add_article_note(article_id, "On the whole story.")
    local = add_article(library, "Local", url=None, source="/articles/local.txt")
    highlight(library, local, "sets the scene")
    highlight(library, local, "quote we will highlight", note="second thoughts")
    add_article(library, "Local", url=None, source="/articles/local.txt",
                paragraphs=(PARAGRAPHS[0], "A new middle.", PARAGRAPHS[2]))
    library.annotations.add_article_note(local, "Local thoughts.")
    return w3c.collection(library)


def test_the_suite_is_vendored_and_its_checks_can_fail(exported: dict[str, Any]) -> None:
    musts = _must_assertions()
    assert len(musts) == 14 and all((SUITE / "annotations" / m).is_file() for m in musts)
    item = next(_standalone(exported))
    # The format checks are live: a bad date or address is caught, not skipped.
    assert _failures("3.3.1-annotationCreatedValidated.json", {**item, "created": "today"})
    assert _failures("3.1-annotationIdValidated.json", {**item, "id": "not an address"})
    assert _failures("3.1-annotationContextValidated.json", {**item, "@context": "x"})
    assert _failures("3.2.5-notBodyBodyValue.json", {**item, "body": [], "bodyValue": "x"})


def test_every_annotation_passes_every_must_assertion(exported: dict[str, Any]) -> None:
    items = list(_standalone(exported))
    assert len(items) == 6 == exported["total"]
    for name in _must_assertions():
        for item in items:
            assert not _failures(name, item), (name, item["id"], _failures(name, item))


def test_annotations_name_their_creator_and_generator(exported: dict[str, Any]) -> None:
    for item in _standalone(exported):
        for name in OPTIONAL_ASSERTIONS:
            assert not _failures(name, item), (name, item["id"], _failures(name, item))
        if item["motivation"] == "highlighting" or "selector" in item["target"]:
            assert not _failures("4.4-annotationStylesheetImplemented.json", item)
        assert item["creator"] == {"type": "Person"}
        generator = item["generator"]
        assert generator["type"] == "Software"
        assert generator["name"] == f"newsreader {__version__}"


def test_bodies_are_markdown_textual_bodies(exported: dict[str, Any]) -> None:
    bodies = [body for item in exported["first"]["items"]
              for body in (item["body"] if isinstance(item.get("body"), list)
                           else [item["body"]] if "body" in item else [])]
    assert sorted(body["value"] for body in bodies) == sorted(
        ["- a list\n- in **Markdown**", "second thoughts", "On the whole story.",
         "Local thoughts."])
    for body in bodies:
        assert body["type"] == "TextualBody" and body["format"] == "text/markdown"
        assert body["purpose"] == "commenting"
        for definition in BODY_DEFINITIONS:
            schema = {"$ref": f"bodyTarget.json#/definitions/{definition}"}
            errors = [e.message for e in _validator(schema).iter_errors(body)]
            assert not errors, (definition, body, errors)


def _document_loader(url: str, options: object = None) -> dict[str, Any]:
    """Serves the Web Annotation context from the vendored copy; anything else is an
    error (the tests never reach the network)."""
    if url.rstrip("/") not in (ANNO_CONTEXT, "https://www.w3.org/ns/anno.jsonld"):
        raise ValueError(f"no network in tests: {url}")
    document = json.loads((SUITE / "context" / "anno.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _types(node: dict[str, Any]) -> set[str]:
    return set(node.get("@type", []))


def test_json_ld_gives_each_annotation_and_each_body_its_own_node(
        exported: dict[str, Any]) -> None:
    flat = jsonld.flatten(exported, None, {"documentLoader": _document_loader})
    nodes = flat["@graph"] if isinstance(flat, dict) else flat
    annotations = [n for n in nodes if f"{OA}Annotation" in _types(n)]
    bodies = [n for n in nodes if f"{OA}TextualBody" in _types(n)]
    assert len(annotations) == exported["total"] == 6
    assert len(bodies) == 4
    # Flattening merges nodes that share an id: no node may be both.
    assert not any(f"{OA}TextualBody" in _types(n) for n in annotations)
    ids = [n["@id"] for n in annotations]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    linked = {ref["@id"] for n in annotations for ref in n.get(f"{OA}hasBody", [])}
    assert linked == {n["@id"] for n in bodies}
    values = sorted(n["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"][0]["@value"]
                    for n in bodies)
    assert values == sorted(["- a list\n- in **Markdown**", "second thoughts",
                             "On the whole story.", "Local thoughts."])
