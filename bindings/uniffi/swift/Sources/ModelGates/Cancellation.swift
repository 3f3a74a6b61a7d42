// Swift's async calls into Rust do not hear of the calling task's cancellation on their own
// (uniffi's glue awaits the Rust future to the end), so a cancelled task's request and its
// retries would run on. `cancellable` hands the body a client whose calls a cancellation of
// the current task ends at once: the request in flight is cancelled (its URLSession task too)
// and no retry starts.

extension ModelGatesClient {
    /// Runs `body` with this client's calls bound to the current task:
    ///
    ///     let ws = try await client.cancellable { try await $0.getWorkspace(id: "prod") }
    ///
    /// When the task is cancelled, the calls made through the given client end, and this throws
    /// `CancellationError`.
    public func cancellable<T>(_ body: (ModelGatesClient) async throws -> T) async throws -> T {
        let cancellation = CallCancellation()
        let scoped = withCancellation(cancellation: cancellation)
        return try await withTaskCancellationHandler {
            do {
                return try await body(scoped)
            } catch ModelGatesError.cancelled {
                throw CancellationError()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
