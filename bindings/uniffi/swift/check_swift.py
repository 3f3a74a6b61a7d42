"""Parses every Swift file given (generated and hand-written) with the tree-sitter Swift
grammar and fails on any ERROR or MISSING node. This is a syntax check only: no Swift
toolchain exists on these machines, so nothing here type-checks or runs Swift.

It also checks, as text, that the generated bindings still declare what the hand-written
URLSessionTransport.swift relies on (the protocol, error cases and initialisers it uses), so a
renamed field in Rust shows up here; that is a name check, not a type check. And that the
error enums' cases are lowerCamel, and no public type takes a Foundation or standard library name.

Usage: check_swift.py FILE_OR_DIR...   Prints one PASS/FAIL line per file (and one for the
declarations), then "N passed, N failed"; exits non-zero on any failure."""

import pathlib
import re
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

# uniffi emits this attribute, which the grammar does not know; it carries no syntax of its own.
UNKNOWN_ATTRIBUTE = re.compile(r"@_documentation\(visibility:\s*private\)")
# A closure whose body is the empty tuple, `{ () }` (uniffi's `writeReturn` for a foreign method
# returning nothing), is valid Swift the grammar cannot parse; `{ () -> () in }` is the same
# closure spelled in a way it can.
EMPTY_TUPLE_CLOSURE = re.compile(r"\{\s*\(\)\s*\}")


# What URLSessionTransport.swift uses, as the generated file declares it (comments stripped,
# whitespace collapsed).
USED_BY_TRANSPORT = [
    "public protocol HttpTransport: AnyObject, Sendable { func send(request: HttpRequest) async throws -> HttpResponse }",
    "public let method: String", "public let url: String", "public let headers: [HttpHeader]",
    "public let body: String?", "public let timeout: TimeInterval?", "public let followRedirects: Bool",
    "case connect( reason: String ) case timeout( reason: String ) case io( reason: String )",
    "public init( status: Int32, headers: [HttpHeader], body: Data)",
    "public struct HttpHeader: Equatable, Hashable, Codable { public let name: String public let value: String",
    # DefaultTransport.swift, Walks.swift, Cancellation.swift:
    "public convenience init(apiKey: String, options: ClientOptions, transport: HttpTransport)throws",
    "open func workspacePager(pageSize: Int32?)throws -> WorkspacePager",
    "open func keyPager(filters: ListKeysRequest)throws -> KeyPager",
    "open func withCancellation(cancellation: CallCancellation) -> ModelGatesClient",
    "case cancelled( reason: String )",
]


# Type names Foundation or the Swift standard library (and its concurrency module) declare. A
# public type of the same name in the SDK makes every app file that imports both ambiguous
# ("'Timer' is ambiguous"), so the generated and hand-written Swift may declare none of them.
PLATFORM_NAMES = set("""
    Array Bool Bundle Calendar Character CharacterSet Clock Codable Collection Comparable Data Date
    DateComponents DateFormatter DateInterval Decimal Decoder Dictionary Double Duration Encoder
    Equatable Error Expression FileHandle FileManager Float Formatter Hashable Hasher Host
    HTTPCookie HTTPURLResponse IndexPath IndexSet Int JSONDecoder JSONEncoder Locale Measurement
    Mirror Never Notification NotificationCenter NSError Operation OperationQueue Optional Pipe
    Port Predicate Process ProcessInfo Progress PropertyListDecoder PropertyListEncoder Range
    Result RunLoop Scanner Sendable Sequence Set Stream String Task TaskGroup Thread TimeInterval
    TimeZone Timer Unit URL URLCache URLComponents URLCredential URLProtectionSpace URLQueryItem
    URLRequest URLResponse URLSession URLSessionConfiguration URLSessionDelegate
    URLSessionTask URLSessionTaskDelegate UserDefaults UUID Void
""".split())
PUBLIC_TYPE = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public|open)\s+(?:final\s+)?"
    r"(?:class|struct|enum|protocol|typealias|actor)\s+(\w+)",
    re.M,
)


# A generated error enum and the UpperCamel cases left in it (scripts/swift-error-cases.py
# renames them).
ERROR_ENUM = re.compile(r"^(?:public )?enum (\w+): Swift\.Error\b(.*?)^\}", re.M | re.S)
UPPER_CASE = re.compile(r"^\s*case ([A-Z]\w*)\b", re.M)


def normalized(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"\s+", " ", text)


def problems(tree):
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            kind = "MISSING " + node.type if node.is_missing else "ERROR"
            found.append(f"{kind} at line {node.start_point[0] + 1}")
        stack.extend(node.children)
    return found


def main(args):
    parser = Parser(Language(tree_sitter_swift.language()))
    files = []
    for arg in args:
        path = pathlib.Path(arg)
        files.extend(sorted(path.rglob("*.swift")) if path.is_dir() else [path])
    passed = failed = 0
    for path in files:
        text = EMPTY_TUPLE_CLOSURE.sub("{ () -> () in }", UNKNOWN_ATTRIBUTE.sub("", path.read_text()))
        found = problems(parser.parse(text.encode()))
        if found:
            failed += 1
            print(f"FAIL {path}: {'; '.join(found[:5])}")
        else:
            passed += 1
            print(f"PASS {path} ({text.count(chr(10))} lines)")
    if not files:
        failed += 1
        print("FAIL no Swift files found")
    generated = "".join(normalized(p.read_text()) for p in files if p.name == "ModelGates.swift")
    missing = [decl for decl in USED_BY_TRANSPORT if decl not in generated]
    upper = [f"{enum}.{case}" for p in files for enum, body in ERROR_ENUM.findall(p.read_text())
             for case in UPPER_CASE.findall(body)]
    enums = [enum for p in files for enum, _ in ERROR_ENUM.findall(p.read_text())]
    declared = {name for p in files for name in PUBLIC_TYPE.findall(p.read_text())}
    clashes = sorted(declared & PLATFORM_NAMES)
    checks = [
        (generated and not missing,
         f"the generated ModelGates.swift declares the {len(USED_BY_TRANSPORT)} items URLSessionTransport.swift uses",
         f"the generated ModelGates.swift lacks: {missing if generated else 'the file itself'}"),
        (enums and not upper,
         f"the cases of the {len(enums)} error enums are lowerCamel ({', '.join(enums)})",
         f"error cases not in lowerCamel: {upper or 'no error enums found'}"),
        (declared and not clashes,
         f"none of the {len(declared)} public types shares a name with Foundation or the standard library",
         f"public types named as Foundation or the standard library name theirs: {clashes or 'no types found'}"),
    ]
    for ok, passing, failing in checks:
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
        print(f"PASS {passing}" if ok else f"FAIL {failing}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
