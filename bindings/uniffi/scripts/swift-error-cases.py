#!/usr/bin/env python3
"""Spells the cases of the generated Swift error enums in lowerCamel case (`.api`, `.invalidInput`).

uniffi (up to 0.32) names an error enum's cases as the Rust variants are named (`.Api(...)`),
where every other Swift enum, the Swift API guidelines and Foundation's own errors use
lowerCamel; uniffi has no setting for it (mozilla/uniffi-rs#2262). A case is spelled in three
places in the generated file: its declaration in the enum, `return .Case(` when an error is read
from Rust, and `case let .Case(` when one is written back. All three are rewritten; a name that
is a Swift keyword is declared in backticks (`` case `internal`(reason:) ``, used as
`.internal`). It fails, naming the file, when it finds no error enum or leaves an UpperCamel
case behind (a uniffi upgrade must then adapt this step, not skip it in silence).

    swift-error-cases.py FILE.swift [FILE.swift ...]
"""

import re
import sys

from generated_code import patch_files, template_changed

# `enum ModelGatesError: Swift.Error, ...{` up to the enum's closing brace at column 0.
ERROR_ENUM = re.compile(r"^(?:public )?enum (\w+): Swift\.Error\b.*?^\}", re.M | re.S)
CASE_DECLARATION = re.compile(r"^(\s*)case ([A-Z]\w*)\b", re.M)
# Keywords that must be backquoted to name a declaration (The Swift Programming Language,
# "Lexical Structure"); after a `.` they need no quotes.
KEYWORDS = set("""
    associatedtype class deinit enum extension fileprivate func import init inout internal let
    open operator private precedencegroup protocol public rethrows static struct subscript
    typealias var break case catch continue default defer do else fallthrough for guard if in
    repeat return switch throw where while as await false is nil self super throws true try
""".split())


def lower_camel(name):
    return name[0].lower() + name[1:]


def rewrite(text):
    """The text with every error case renamed, and the UpperCamel names that were found."""
    names = set()

    def rename_declarations(enum):
        def declaration(case):
            names.add(case.group(2))
            new = lower_camel(case.group(2))
            return f"{case.group(1)}case {'`' + new + '`' if new in KEYWORDS else new}"

        return CASE_DECLARATION.sub(declaration, enum.group(0))

    text = ERROR_ENUM.sub(rename_declarations, text)
    for name in names:
        text = re.sub(rf"(return |case let )\.{name}\b", rf"\1.{lower_camel(name)}", text)
    return text, names


def lower_camel_cases(path, text):
    text, names = rewrite(text)
    left = [n for n in names if re.search(rf"\.{n}\(|^\s*case {n}\b", text, re.M)]
    if left:
        template_changed(f"{path}: UpperCamel error cases left after renaming: {sorted(left)}")
    return text, len(names)


if __name__ == "__main__":
    paths = sys.argv[1:]
    if patch_files(paths, lower_camel_cases, lambda found: f"{found} error case names in lowerCamel") == 0:
        template_changed(f"no Swift error enum with UpperCamel cases in {paths}: has uniffi's ErrorTemplate.swift changed?")
