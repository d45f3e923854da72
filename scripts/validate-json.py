#!/usr/bin/env python3
"""Validate JSON files against a JSON Schema (draft 2020-12, draft-07, ...).

usage: scripts/validate-json.py [--lines] SCHEMA FILE...

With --lines, every line of each FILE is a document of its own (NDJSON, such as
`hostcheck check --format ndjson`; docs/schema/ndjson-1.json), reported as FILE:LINE.

Every *.json schema next to SCHEMA is registered by its $id, so cross-file references
(results-3.json -> snapshot-2.json) resolve without network access. Prints one line per
problem and exits 0 when every file is valid, 1 when any file is invalid, 2 on a usage
error or an unreadable schema. Needs the `jsonschema` package (Debian python3-jsonschema,
or `pip install jsonschema`).
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError as error:
    print(f"validate-json: error: {error}; install it with `pip install jsonschema`", file=sys.stderr)
    sys.exit(2)
try:  # jsonschema >= 4.18 resolves references through `referencing`
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError:  # older jsonschema (Debian bookworm's 4.10): RefResolver with a store
    Registry = None

MAX_ERRORS_PER_FILE = 20


def load_json(path):
    with open(path, "rb") as handle:
        return json.loads(handle.read().decode("utf-8-sig"))


def sibling_schemas(schema_path):
    found = {}
    for candidate in sorted(pathlib.Path(schema_path).resolve().parent.glob("*.json")):
        try:
            contents = load_json(candidate)
        except (OSError, ValueError):
            continue
        if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
            found[contents["$id"]] = contents
    return found


def make_validator(validator_class, schema, schema_path):
    format_checker = getattr(validator_class, "FORMAT_CHECKER", None)
    if Registry is None:
        resolver = jsonschema.RefResolver.from_schema(schema, store=sibling_schemas(schema_path))
        return validator_class(schema, resolver=resolver, format_checker=format_checker)
    return validator_class(schema, registry=build_registry(schema_path), format_checker=format_checker)


def build_registry(schema_path):
    resources = []
    for candidate in sorted(pathlib.Path(schema_path).resolve().parent.glob("*.json")):
        try:
            contents = load_json(candidate)
        except (OSError, ValueError):
            continue
        if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
            resource = Resource.from_contents(contents, default_specification=DRAFT202012)
            resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


def location(error):
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path)
    return "$" + path


def documents(path, lines):
    """(name, document or the error) of FILE, or of each of its lines with --lines."""
    if not lines:
        try:
            return [(path, load_json(path))]
        except (OSError, ValueError) as error:
            return [(path, error)]
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
    except (OSError, ValueError) as error:
        return [(path, error)]
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue
        try:
            found.append((f"{path}:{number}", json.loads(line)))
        except ValueError as error:
            found.append((f"{path}:{number}", error))
    if not found:
        found.append((path, ValueError("no line")))
    return found


def main(argv):
    lines = "--lines" in argv[1:2]
    if lines:
        argv = argv[:1] + argv[2:]
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema_path, files = argv[1], argv[2:]
    try:
        schema = load_json(schema_path)
        validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        validator_class.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as error:
        print(f"{schema_path}: error: not a usable schema: {str(error).splitlines()[0]}", file=sys.stderr)
        return 2
    validator = make_validator(validator_class, schema, schema_path)
    failed = 0
    checked = 0
    for path, document in [item for name in files for item in documents(name, lines)]:
        checked += 1
        if isinstance(document, Exception):
            print(f"{path}: error: not readable JSON: {str(document).splitlines()[0]}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors[:MAX_ERRORS_PER_FILE]:
            message = error.message if len(error.message) <= 300 else error.message[:300] + "..."
            print(f"{path}: error: {location(error)}: {message}")
        if len(errors) > MAX_ERRORS_PER_FILE:
            print(f"{path}: error: ... and {len(errors) - MAX_ERRORS_PER_FILE} more")
        if errors:
            failed += 1
        elif not lines:
            print(f"{path}: valid against {pathlib.Path(schema_path).name}")
    if failed:
        what = "line(s)" if lines else "file(s)"
        print(f"validate-json: {failed} of {checked} {what} invalid", file=sys.stderr)
        return 1
    if lines:
        print(f"{', '.join(files)}: {checked} line(s), each valid against {pathlib.Path(schema_path).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
