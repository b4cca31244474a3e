"""The JSON Schemas in schema/ are generated from the models, and must not go stale."""

from reader.annotations.schema import schemas

from .conftest import ROOT


def test_committed_schemas_match_the_models():
    for name, text in schemas().items():
        committed = ROOT / "schema" / name
        assert committed.is_file(), f"run: python build_site.py schema ({name} is missing)"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is stale: run python build_site.py schema"


def test_the_schema_refuses_unknown_keys():
    import json

    schema = json.loads(schemas()["annotations.schema.json"])
    assert schema["additionalProperties"] is False
    assert all(d.get("additionalProperties") is False for d in schema["$defs"].values() if d.get("type") == "object")
