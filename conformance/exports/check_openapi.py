#!/usr/bin/env python3
"""Checks the OpenAPI exports (exports/openapi/*.openapi.json, written by `cargo xtask regenerate`).

1. Every document passes openapi-spec-validator (OpenAPI 3.1).
2. JSON values validate against their schemas (jsonschema, Draft 2020-12 as OpenAPI 3.1 uses):
   - every documented JSON sample (the media types' `example`s, from the schema files' samples),
   - every JSON value of the .NET corpora (h2h-models/tests/fixtures/{dotnet-vectors,own-vectors}:
     what Json.NET wrote: `value.json` (or `value.webapi.json`, what Web API's settings write),
     `sample.json`, and the `json:` line of each read case's result), against the schema of the
     case's root type in the corpus document,
   - with `--values DIR`, generated values: `DIR/<target>/<full CLR name>.jsonl`, one JSON value a
     line, against the contract's schema in `<target>.openapi.json` (the differential suite's
     strategies write them: `cargo test -p h2h-models --test openapi_values`).

Prints "N documents validated, M values validated against K schemas"; exits 1 on any failure.
Numbers are read with `decimal.Decimal`, so a `decimal`'s 29 digits are compared exactly.
"""

import argparse
import decimal
import json
import pathlib
import sys

try:
    import jsonschema
    import referencing
    from openapi_spec_validator import validate as validate_spec
except ImportError as e:  # the Rust test checks for the modules before it runs the script
    print(f"check_openapi.py: missing module: {e.name} "
          "(pip install openapi-spec-validator jsonschema)", file=sys.stderr)
    sys.exit(2)

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "exports" / "openapi"
FIXTURES = ROOT / "h2h-models" / "tests" / "fixtures"
DRAFT = referencing.jsonschema.DRAFT202012

# Root types of corpus cases that are not contracts: .NET's name -> the element schema.
ROOT_PRIMITIVES = {
    "String": {"type": ["string", "null"]},
    "Int32": {"type": "integer", "minimum": -2**31, "maximum": 2**31 - 1},
}


def strip_annotations(node):
    """Removes the keywords each schema lists in `x-dotnet-annotation-keywords`."""
    if isinstance(node, dict):
        for keyword in node.get("x-dotnet-annotation-keywords", []):
            node.pop(keyword, None)
        for child in node.values():
            strip_annotations(child)
    elif isinstance(node, list):
        for child in node:
            strip_annotations(child)
    return node


def load_json(text):
    return json.loads(text, parse_float=decimal.Decimal)


class Checker:
    def __init__(self):
        self.documents = {}  # target -> document
        self.registry = referencing.Registry()
        # The same documents without the help page's annotations (`x-dotnet-annotation-keywords`):
        # what the serializers accept, which the server's model validation may still refuse.
        self.relaxed_registry = referencing.Registry()
        self.relaxed_validators = {}
        self.annotation_only = {}
        self.by_type = {}  # (target, CLR type) -> component name
        self.validators = {}
        self.values = 0
        self.schemas_used = set()
        self.failures = []
        self.counts = {}

    def load(self):
        paths = sorted(EXPORTS.glob("*.openapi.json"))
        if not paths:
            self.failures.append(f"no documents in {EXPORTS}")
        for path in paths:
            target = path.name[: -len(".openapi.json")]
            document = json.loads(path.read_text(encoding="utf-8"))
            try:
                validate_spec(document)
            except Exception as e:  # the validator's own error types
                self.failures.append(f"{path.name}: not a valid OpenAPI document: {e}")
                continue
            self.documents[target] = document
            resource = referencing.Resource.from_contents(document, default_specification=DRAFT)
            self.registry = self.registry.with_resource(self.uri(target), resource)
            relaxed = referencing.Resource.from_contents(strip_annotations(json.loads(json.dumps(document))),
                                                         default_specification=DRAFT)
            self.relaxed_registry = self.relaxed_registry.with_resource(self.uri(target), relaxed)
            for name, schema in document.get("components", {}).get("schemas", {}).items():
                if "x-dotnet-declared-type" in schema:  # Any<Name>: the class or a subtype
                    self.by_type[(target, schema["x-dotnet-declared-type"])] = name
                elif "x-dotnet-type" in schema and not name.endswith("Members"):
                    self.by_type.setdefault((target, schema["x-dotnet-type"]), name)
        self.registry = self.registry.crawl()
        self.relaxed_registry = self.relaxed_registry.crawl()
        return len(self.documents)

    @staticmethod
    def uri(target):
        return f"urn:h2h:openapi:{target}"

    def validator(self, key, schema):
        if key not in self.validators:
            self.validators[key] = jsonschema.Draft202012Validator(schema, registry=self.registry)
        return self.validators[key]

    def check(self, kind, what, key, schema, value, annotations_apply=True):
        self.values += 1
        self.counts[kind] = self.counts.get(kind, 0) + 1
        self.schemas_used.add(key)
        errors = sorted(self.validator(key, schema).iter_errors(value), key=lambda e: list(e.path))
        if errors and not annotations_apply:
            if key not in self.relaxed_validators:
                self.relaxed_validators[key] = jsonschema.Draft202012Validator(schema, registry=self.relaxed_registry)
            if self.relaxed_validators[key].is_valid(value):
                self.annotation_only[kind] = self.annotation_only.get(kind, 0) + 1
                return
        if errors:
            e = errors[0]
            path = "/".join(str(p) for p in e.absolute_path) or "(root)"
            text = json.dumps(value, default=str)
            if len(text) > 300:
                text = text[:300] + "…"
            self.failures.append(
                f"{what}: at {path}: {e.message[:300]} (schema: {'/'.join(map(str, e.absolute_schema_path))})\n    value: {text}")

    def ref(self, target, pointer):
        return {"$ref": f"{self.uri(target)}#{pointer}"}

    def samples(self):
        """The media types' examples (the documented samples) against the media types' schemas."""
        for target, document in self.documents.items():
            for route, item in document.get("paths", {}).items():
                for method, op in item.items():
                    bodies = []
                    if "requestBody" in op:
                        bodies.append(("request", ["requestBody"], op["requestBody"]))
                    for status, response in op.get("responses", {}).items():
                        bodies.append((f"response {status}", ["responses", status], response))
                    for label, where, body in bodies:
                        for media, entry in body.get("content", {}).items():
                            if "example" not in entry or "json" not in media:
                                continue
                            pointer = "/".join(
                                ["", "paths", route.replace("~", "~0").replace("/", "~1"), method]
                                + where + ["content", media.replace("/", "~1"), "schema"])
                            key = (target, pointer)
                            value = load_json(json.dumps(entry["example"]))
                            self.check("documented samples", f"{target}: {method.upper()} {route} {label} {media}",
                                       key, self.ref(target, pointer), value)

    def root_schema(self, target, root, full):
        """The schema of a corpus case's root: a contract (or null), or a list of one."""
        for prefix, suffix in (("List<", ">"), ("", "[]")):
            if root.startswith(prefix) and root.endswith(suffix) and root != full and (prefix or suffix):
                inner = root[len(prefix): len(root) - len(suffix)]
                if inner == root:
                    continue
                element = self.root_schema(target, inner, None)
                if element is None:
                    return None
                return {"type": ["array", "null"], "items": element}
        if root in ROOT_PRIMITIVES:
            return ROOT_PRIMITIVES[root]
        name = None
        if full:
            name = self.by_type.get((target, full))
        if name is None:
            matches = [n for (t, clr), n in self.by_type.items() if t == target and clr.split(".")[-1] == root]
            name = matches[0] if len(matches) == 1 else None
        if name is None:
            return None
        return {"anyOf": [self.ref(target, f"/components/schemas/{name}"), {"type": "null"}]}

    def corpus(self):
        target = "corpus"
        if target not in self.documents:
            self.failures.append("no corpus document (exports/openapi/corpus.openapi.json)")
            return
        cases = sorted(p for d in ("dotnet-vectors", "own-vectors") for p in (FIXTURES / d).iterdir() if p.is_dir())
        if len(cases) < 300:
            self.failures.append(f"the corpus fixtures are missing ({len(cases)} cases found)")
        self.skipped_cases = []
        for case in cases:
            header = ""
            contract = case / "contract.cs"
            if contract.exists():
                for line in contract.read_text(encoding="utf-8").splitlines():
                    if line.startswith("// Root type: "):
                        header = line[len("// Root type: "):]
                        break
            root = header.split(" ")[0] if header else ""
            full = header[header.find("(") + 1: header.rfind(")")] if "(" in header else None
            values = []
            value_file = case / "value.webapi.json"
            if not value_file.exists() or value_file.read_bytes().startswith(b"ERROR"):
                value_file = case / "value.json"
            if value_file.exists():
                values.append((value_file.name, value_file.read_text(encoding="utf-8")))
            if (case / "sample.json").exists():
                values.append(("sample.json", (case / "sample.json").read_text(encoding="utf-8")))
            # A read case's result: Web API's settings where measured, else Json.NET's defaults.
            results = [f for f in ("webapi-result.txt", "jsonnet-result.txt") if (case / f).exists()]
            results = results[:1] + [f for f in ("dcs-result.txt",) if (case / f).exists()]
            for result in results:
                for line in (case / result).read_text(encoding="utf-8").splitlines():
                    if line.startswith("json: "):
                        values.append((result, line[len("json: "):]))
            if not values:
                continue
            schema = self.root_schema(target, root, full)
            if schema is None:
                self.skipped_cases.append(f"{case.name} (root {root})")
                continue
            for name, text in values:
                try:
                    value = load_json(text)
                except ValueError as e:
                    self.failures.append(f"corpus {case.name}/{name}: not JSON: {e}")
                    continue
                self.check("corpus values", f"corpus {case.parent.name}/{case.name}/{name} ({root})",
                           (target, root), schema, value)

    def generated(self, directory):
        directory = pathlib.Path(directory)
        files = sorted(directory.glob("*/*.jsonl"))
        if not files:
            self.failures.append(f"no generated values in {directory}")
        for path in files:
            target, clr = path.parent.name, path.name[: -len(".jsonl")]
            name = self.by_type.get((target, clr))
            if name is None:
                self.failures.append(f"{path}: no schema of {clr} in {target}.openapi.json")
                continue
            schema = self.ref(target, f"/components/schemas/{name}")
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                # The strategies know nothing of the help page's annotations (`Max length: 3`).
                self.check("generated values", f"generated {target} {clr} #{i + 1}", (target, name), schema,
                           load_json(line), annotations_apply=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--values", help="folder of generated values (<target>/<CLR name>.jsonl)")
    args = parser.parse_args()
    checker = Checker()
    documents = checker.load()
    checker.samples()
    checker.corpus()
    if args.values:
        checker.generated(args.values)
    for kind, n in sorted(checker.counts.items()):
        note = ""
        if checker.annotation_only.get(kind):
            note = (f" ({checker.annotation_only[kind]} of them valid but for a help-page annotation such as "
                    "`Max length`, which the serializers do not enforce and the server's model validation does)")
        print(f"  {kind}: {n}{note}")
    if getattr(checker, "skipped_cases", None):
        print(f"  corpus cases whose root has no schema (skipped): {', '.join(checker.skipped_cases)}")
    if checker.failures:
        shown = checker.failures[:int(__import__("os").environ.get("H2H_SHOW", "40"))]
        print(f"{len(checker.failures)} failure(s):", file=sys.stderr)
        for f in shown:
            print(f"  {f}", file=sys.stderr)
        if len(checker.failures) > len(shown):
            print(f"  ... and {len(checker.failures) - len(shown)} more", file=sys.stderr)
    print(f"{documents} documents validated, {checker.values} values validated against "
          f"{len(checker.schemas_used)} schemas, {len(checker.failures)} failures")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
