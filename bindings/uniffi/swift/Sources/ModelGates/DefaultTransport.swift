// The client with the package's own transport, so an app needs no networking code to start:
//
//     let client = try ModelGatesClient(apiKey: key)

extension ModelGatesClient {
    /// A client sending through `URLSessionTransport()` (its own ephemeral session).
    public convenience init(apiKey: String, options: ClientOptions = ClientOptions()) throws {
        try self.init(apiKey: apiKey, options: options, transport: URLSessionTransport())
    }
}
