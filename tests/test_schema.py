"""The JSON Schemas in schema/ are generated from the models, and must not go stale."""

import subprocess
import sys

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


def check_jsonschema(schema: str, *files) -> subprocess.CompletedProcess:
    """The schema check editors and pre-commit hooks run: ECMA-262 patterns in unicode mode."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(ROOT / "schema" / schema), *map(str, files)],
        capture_output=True,
        text=True,
    )


def test_check_jsonschema_accepts_every_annotation_file_with_the_published_schemas():
    notes = [p for p in sorted((ROOT / "annotations").glob("*.yml")) if p.name != "glossary.yml"]
    result = check_jsonschema("annotations.schema.json", *notes)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("glossary.schema.json", ROOT / "annotations" / "glossary.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_refuses_a_url_that_is_not_http(tmp_path):
    bad = tmp_path / "x.yml"
    bad.write_text(
        "article: x\nabout:\n  note: A note.\n  sources:\n    - title: T\n      url: javascript:alert(1)\n",
        encoding="utf-8",
    )
    result = check_jsonschema("annotations.schema.json", bad)
    assert result.returncode == 1 and "does not match" in result.stdout


def test_the_pre_commit_hooks_run_the_check_and_both_schemas():
    import yaml

    hooks = {
        h["id"]: h for r in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"] for h in r["hooks"]
    }
    assert hooks["reader-check"]["entry"] == "python build_site.py check"
    for hook, schema in (("annotations-schema", "annotations"), ("glossary-schema", "glossary")):
        assert f"--schemafile schema/{schema}.schema.json" in hooks[hook]["entry"]
        assert (ROOT / "schema" / f"{schema}.schema.json").is_file()
