"""Each JSON output carrying ``schema_version`` ships a strict JSON Schema it validates against."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from summarizer.render import SCHEMA_KINDS, SCHEMA_VERSION, json_schema

# kind -> the command line (after the seeds path is filled in) that produces it
COMMANDS = {
    "briefing": ("brief", "{seeds}"),
    "summaries": ("summarize", "{seeds}"),
    "figures": ("figures", "{seeds}"),
    "inspection": ("inspect", "{seeds}/003_d06e6ac7dba8fc6a.txt"),
}
# The only objects a caller may find extra keys in: the recorded options, and maps keyed by id.
OPEN_OBJECTS = {"options", "cells", "counts"}
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# Five fresh interpreters: the tests that read these outputs are in the slow set.
@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Each command's real JSON output on the seeds, run as a user runs it (outside the clone,
    so the installed package runs)."""
    result = {}
    cwd = tmp_path_factory.mktemp("schemas")
    for kind, (command, path) in COMMANDS.items():
        args = [command, path.format(seeds=SEEDS), "-f", "json"]
        run = subprocess.run(
            [sys.executable, "-m", "summarizer", *args], capture_output=True, check=False, cwd=cwd
        )
        assert run.returncode == 0, run.stderr
        result[kind] = json.loads(run.stdout)
    return result


def test_every_kind_has_a_command() -> None:
    assert set(SCHEMA_KINDS) == set(COMMANDS)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


@pytest.mark.slow
@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_real_output_on_the_seeds_validates(kind: str, outputs: dict[str, dict]) -> None:
    jsonschema.Draft202012Validator(json_schema(kind)).validate(outputs[kind])


@pytest.mark.slow
def test_the_seed_outputs_exercise_the_schemas(outputs: dict[str, dict]) -> None:
    # Validation proves little if the arrays it checks are empty.
    assert all(source["summary"] for source in outputs["summaries"]["sources"])
    assert {g["verdict"] for g in outputs["figures"]["figures"]} == {"agree", "diverge", "single"}
    sentences = outputs["inspection"]["sentences"]
    assert any(s["furniture"] for s in sentences)
    assert any(s["figures"] for s in sentences)
    assert any(s["themes"] for s in sentences)


def _objects(schema: object, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every sub-schema that describes an object with named properties."""
    if isinstance(schema, dict):
        if "properties" in schema:
            yield path, schema
        for key, value in schema.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _objects(value, f"{path}/{index}")


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_object_is_closed(kind: str) -> None:
    schema = json_schema(kind)
    assert schema.get("additionalProperties") is False
    for path, sub in _objects(schema):
        assert sub.get("additionalProperties") is False, f"{kind}: {path} accepts any extra key"
        assert set(sub["required"]) == set(sub["properties"]), f"{kind}: {path} has optional keys"


def _first_objects(data: object) -> Iterator[dict]:
    """One dict at each nesting level reachable through lists and dicts (not the open maps)."""
    if isinstance(data, dict):
        yield data
        for key, value in data.items():
            if key not in OPEN_OBJECTS:
                yield from _first_objects(value)
    elif isinstance(data, list) and data:
        yield from _first_objects(data[0])


@pytest.mark.slow
@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_an_extra_or_missing_key_anywhere_fails(kind: str, outputs: dict[str, dict]) -> None:
    validator = jsonschema.Draft202012Validator(json_schema(kind))
    checked = 0
    for index, _ in enumerate(_first_objects(outputs[kind])):
        # Work on fresh copies so each mutation is tested alone.
        data = json.loads(json.dumps(outputs[kind]))
        target = list(_first_objects(data))[index]
        key = next(iter(target))
        target["unexpected"] = 1
        assert not validator.is_valid(data), f"{kind}: extra key beside {key!r} accepted"
        del target["unexpected"]
        del target[key]
        assert not validator.is_valid(data), f"{kind}: missing {key!r} accepted"
        checked += 1
    assert checked >= 4


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "path", "bad"),
    [
        ("figures", ("figures", 0, "verdict"), "maybe"),
        ("figures", ("figures", 0, "mentions", 0, "span"), [1]),
        ("summaries", ("sources", 0, "summary", 0, "rank"), 0),
        ("inspection", ("sentences", 0, "span"), [0, "1"]),
        ("inspection", ("source", "format"), "pdf"),
        ("briefing", ("schema_version",), "2.0"),
    ],
)
def test_wrong_values_fail(kind: str, path: tuple, bad: object, outputs: dict[str, dict]) -> None:
    data = json.loads(json.dumps(outputs[kind]))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = bad
    assert not jsonschema.Draft202012Validator(json_schema(kind)).is_valid(data)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown schema"):
        json_schema("summary")
