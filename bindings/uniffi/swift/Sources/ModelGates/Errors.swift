import Foundation

// uniffi's own `errorDescription` is `String(reflecting: self)`: a dump of every field with
// `Optional(...)`, the request id in the text (uniffi.toml omits it). Every error of this SDK
// carries its plain words in `reason` (the core's message; the status and the request id stay
// fields), so that is what an alert or a log line shows.

/// The `reason` of an error case, found by name whatever the case's other fields are.
private func reason(of error: Any) -> String? {
    guard let payload = Mirror(reflecting: error).children.first?.value else { return nil }
    // A case whose only field is `reason` holds the text itself.
    if let text = payload as? String { return text }
    return Mirror(reflecting: payload).children.first { $0.label == "reason" }?.value as? String
}

extension ModelGatesError: LocalizedError {
    public var errorDescription: String? { reason(of: self) }
}

extension TransportError: LocalizedError {
    public var errorDescription: String? { reason(of: self) }
}

extension RetryTimerError: LocalizedError {
    public var errorDescription: String? { reason(of: self) }
}

extension ListenerError: LocalizedError {
    public var errorDescription: String? { reason(of: self) }
}
