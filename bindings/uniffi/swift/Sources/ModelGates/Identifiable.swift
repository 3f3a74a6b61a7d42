// SwiftUI lists and diffing take a model by its `id`: a workspace has one; an API key is
// identified by its `hash` (its `id` in the API's sense), which the key itself never shows.

extension Workspace: Identifiable {}

extension ApiKey: Identifiable {
    /// The key's hash, which identifies it in every operation.
    public var id: String { hash }
}
