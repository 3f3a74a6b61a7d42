import Foundation

// HttpRequest and HttpResponse are structs with a list of headers; HTTP header names are
// case-insensitive, so a lookup by name is one call here rather than in every transport.

extension HttpRequest {
    /// The value of the header `name` (any case), or nil when the request has none.
    public func header(name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

extension HttpResponse {
    /// The value of the header `name` (any case), or nil when the response has none.
    public func header(name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
