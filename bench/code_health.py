"""Code-health counts over the ``summarizer/`` package (issue 14).

    python bench/code_health.py [--root summarizer] [--out bench/results-health.json] [--label NAME]
    python bench/code_health.py --files summarizer/ingest summarizer/segment.py   # a subset
    python bench/code_health.py --list private     # every private import, one per line

Counts, each lower is better:

- ``private_imports``: private names used across module borders: names starting with ``_`` in a
  ``from X import ...`` (``__future__`` and dunders aside), a ``from`` import out of a private
  module (``from a._b import c``), plus ``module._name`` attribute access on a module bound by an
  import.
- ``word_lists``: word lists and tables with more than 10 string entries written in a ``.py`` file:
  set/list/tuple/dict literals (``__all__`` and ``Literal[...]`` types aside; a dict's string keys
  count only when its values are literal data, so a template context or a JSON record built from
  computed values is not a word list), strings of more
  than 10 white-space separated lower-case words (``"a b c".split()`` and the like), and regex
  alternations of more than 10 plain words.
- ``complex_functions``: functions with cyclomatic complexity 11 or more (radon), and their share
  of all functions. radon is an optional bench dependency: ``pip install radon`` (6.x); without
  it these two fields are ``null``.
- ``duplicate_pairs``: pairs of places inside the package that share six or more lines, from the
  ``duplicates`` command when it is on ``PATH`` (else ``null``).

It prints one table and writes the counts as JSON (``--out``), keyed by ``--label`` so that a
``before`` and an ``after`` run can sit side by side in one file. Nothing here is imported by the
package or the tests.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIST_MIN = 11  # "more than 10 string entries"
COMPLEXITY_MIN = 11  # radon grade C and worse
WORD = re.compile(r"[A-Za-z][A-Za-z'\-. ]*")
LOWER_WORD = re.compile(r"[a-z][a-z0-9.'’\-]*")


def python_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``.py`` file at or below ``paths``, sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*.py") if ".venv" not in p.parts)
        elif path.suffix == ".py":
            found.add(path)
    return sorted(found)


# The standard library's documented functions whose names start with an underscore.
PUBLIC_UNDERSCORED = frozenset({"os._exit"})


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, description) of each private name this module takes from another module."""
    module_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            source = "." * node.level + (node.module or "")
            if any(_is_private(part) for part in (node.module or "").split(".")):
                yield node.lineno, f"from {source} import ... (a private module)"
            for alias in node.names:
                if _is_private(alias.name):
                    yield node.lineno, f"from {source} import {alias.name}"
                elif node.module is None or alias.name.islower():
                    module_names.add(alias.asname or alias.name)  # may be a submodule
        elif isinstance(node, ast.Import):
            for alias in node.names:
                module_names.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _is_private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in module_names
            and f"{node.value.id}.{node.attr}" not in PUBLIC_UNDERSCORED
        ):
            yield node.lineno, f"{node.value.id}.{node.attr}"


def _strings(nodes: Iterable[ast.expr | None]) -> int:
    """String constants among ``nodes``, counting inside nested tuples and lists."""
    count = 0
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            count += 1
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            count += _strings(node.elts)
    return count


def _is_literal(node: ast.expr) -> bool:
    """A constant (``-1`` too), or a tuple, list, set or dict literal of constants."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        node = node.operand
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_literal(k) for k in node.keys) and all(
            _is_literal(v) for v in node.values
        )
    return False


def _inner(node: ast.expr) -> Iterator[ast.expr]:
    """The collections nested in a collection literal (counted with it, not again)."""
    for child in ast.walk(node):
        if child is not node and isinstance(child, ast.Tuple | ast.List | ast.Set | ast.Constant):
            yield child


def _alternation_words(pattern: str) -> int:
    """How many plain words a regex alternation lists (``a|b|c`` -> 3), 0 if it is no word list."""
    best = 0
    for group in re.findall(r"\(\?:([^()]*)\)|\(([^()?]*)\)", pattern):
        body = group[0] or group[1]
        parts = body.split("|")
        best = max(best, sum(bool(WORD.fullmatch(p.replace("\\", ""))) for p in parts))
    whole = pattern.split("|")
    return max(best, sum(bool(WORD.fullmatch(p.replace("\\", ""))) for p in whole))


def word_lists(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, description) of each literal word list or table with more than 10 string entries."""
    nested: set[int] = set()
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            nested.add(id(node.slice))  # Literal["a", "b", ...] is a type, not a word list
            nested.update(id(child) for child in _inner(node.slice))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            nested.add(id(node.value))  # the export list is no word list
            continue
        entries = 0
        kind = ""
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            if id(node) in nested:
                continue
            entries, kind = _strings(node.elts), type(node).__name__.lower()
            nested.update(id(child) for child in _inner(node))  # a tuple of tuples counts once
        elif isinstance(node, ast.Dict):
            keys = [k for k in node.keys if k is not None]
            # A table maps its string keys to data (month -> number, word -> word); string keys
            # whose values are computed (a template context, a JSON record) are code, not a list.
            data = all(_is_literal(value) for value in node.values)
            entries = max(_strings(keys) if data else 0, _strings(node.values))
            kind = "dict"
            nested.update(id(child) for child in _inner(node))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings or id(node) in nested:
                continue
            if "|" in node.value:
                entries, kind = _alternation_words(node.value), "regex alternation"
            elif all(LOWER_WORD.fullmatch(t) for t in node.value.split()):
                entries, kind = len(node.value.split()), "word string"
        elif isinstance(node, ast.JoinedStr):
            nested.update(id(part) for part in node.values)
        if entries >= LIST_MIN:
            yield node.lineno, f"{kind} of {entries} entries"


def complexity(source: str) -> tuple[int, list[tuple[int, str, int]]] | None:
    """(number of functions, [(line, name, complexity) for those at 11 or more]); None w/o radon."""
    try:
        from radon.complexity import cc_visit
        from radon.visitors import Class
    except ImportError:
        return None
    blocks = []
    for block in cc_visit(source):
        if isinstance(block, Class):
            blocks.extend(block.methods)
        else:
            blocks.append(block)
            blocks.extend(getattr(block, "closures", []))
    high = [(b.lineno, b.name, b.complexity) for b in blocks if b.complexity >= COMPLEXITY_MIN]
    return len(blocks), high


def duplicate_pairs(root: Path, files: list[Path]) -> tuple[int | None, list[str]]:
    """Pairs that ``duplicates`` finds below ``root`` with both sides among ``files``."""
    command = shutil.which("duplicates")
    if command is None:
        return None, []
    result = subprocess.run(
        [command, "--repo", str(root), "--most", "200", "--seconds", "120"],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    rows = [line for line in result.stdout.splitlines() if re.match(r"D\d+ ", line)]
    wanted = {str(f.resolve().relative_to(root.resolve())) for f in files}
    kept = []
    for row in rows:
        sides = re.findall(r"(\S+\.py):\d+-\d+", row)
        if sides and all(side in wanted for side in sides):
            kept.append(row)
    return len(kept), kept


def measure(root: Path, files: list[Path]) -> dict[str, object]:
    """All counts over ``files`` (paths below ``root``)."""
    details: dict[str, list[str]] = {"private": [], "lists": [], "complex": []}
    functions = 0
    have_radon = True
    for path in files:
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
        name = str(path.relative_to(root))
        details["private"] += [f"{name}:{line}: {what}" for line, what in private_imports(tree)]
        details["lists"] += [f"{name}:{line}: {what}" for line, what in word_lists(tree)]
        measured = complexity(source)
        if measured is None:
            have_radon = False
            continue
        count, high = measured
        functions += count
        details["complex"] += [f"{name}:{line}: {fn} cc {cc}" for line, fn, cc in high]
    pairs, pair_rows = duplicate_pairs(root, files)
    complex_count = len(details["complex"]) if have_radon else None
    return {
        "files": len(files),
        "private_imports": len(details["private"]),
        "word_lists": len(details["lists"]),
        "functions": functions if have_radon else None,
        "complex_functions": complex_count,
        "complex_share": round(complex_count / functions, 4) if have_radon and functions else None,
        "duplicate_pairs": pairs,
        "details": {**details, "duplicates": pair_rows},
    }


def table(results: dict[str, dict[str, object]]) -> str:
    """The counts as a plain-text table, one column per measured set."""
    rows = [
        ("files", "files"),
        ("private imports", "private_imports"),
        ("word lists > 10", "word_lists"),
        ("functions", "functions"),
        ("cc >= 11", "complex_functions"),
        ("cc >= 11 share", "complex_share"),
        ("duplicate pairs", "duplicate_pairs"),
    ]
    labels = list(results)
    width = max(len(label) for label in labels) + 2

    def cell(value: object) -> str:
        if value is None:
            return "n/a"
        return f"{value:.1%}" if isinstance(value, float) else str(value)

    lines = ["measure".ljust(18) + "".join(label.rjust(width) for label in labels)]
    for title, key in rows:
        cells = "".join(cell(results[name][key]).rjust(width) for name in labels)
        lines.append(title.ljust(18) + cells)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO, help="the repository (default: this)")
    parser.add_argument("--files", nargs="*", type=Path, help="measure only these files/folders")
    parser.add_argument("--label", default="now", help="key of this run in the JSON file")
    parser.add_argument("--out", type=Path, help="write/merge the counts into this JSON file")
    parser.add_argument("--list", choices=["private", "lists", "complex", "duplicates"])
    args = parser.parse_args(argv)
    root = args.root.resolve()
    targets = [(root / f) for f in args.files] if args.files else [root / "summarizer"]
    files = python_files(targets)
    result = measure(root, files)
    if args.list:
        print("\n".join(result["details"][args.list]))  # type: ignore[index]
        return 0
    print(table({args.label: result}))
    if args.out:
        stored = json.loads(args.out.read_text()) if args.out.exists() else {}
        stored[args.label] = result
        args.out.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
