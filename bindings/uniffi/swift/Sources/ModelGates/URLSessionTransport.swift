import Foundation

/// The default `HttpTransport`, on URLSession with async/await. It only moves bytes and names
/// the failure; retries and errors are decided by the SDK. Cancelling the calling task cancels
/// the request.
public final class URLSessionTransport: HttpTransport, @unchecked Sendable {
    private let session: URLSession

    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func send(request: HttpRequest) async throws -> HttpResponse {
        guard let url = URL(string: request.url()) else {
            throw TransportError.Connect(reason: "not a valid URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method()
        for name in request.headerNames() {
            urlRequest.setValue(request.header(name: name), forHTTPHeaderField: name)
        }
        if let body = request.body() {
            urlRequest.httpBody = Data(body.utf8)
        }
        if let timeout = request.timeout() {
            urlRequest.timeoutInterval = timeout
        }
        let data: Data
        let response: URLResponse
        do {
            // The SDK never follows a redirect (the key would go wherever the server points):
            // the delegate hands the 3xx back, and the SDK makes it an error.
            (data, response) = try await session.data(
                for: urlRequest,
                delegate: request.followRedirects() ? nil : RefuseRedirects.shared
            )
        } catch let error as URLError {
            switch error.code {
            case .timedOut:
                throw TransportError.Timeout(reason: error.localizedDescription)
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
                throw TransportError.Connect(reason: error.localizedDescription)
            default:
                throw TransportError.Io(reason: error.localizedDescription)
            }
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError.Io(reason: "the answer is not an HTTP response")
        }
        let headers = http.allHeaderFields.map { HttpHeader(name: "\($0.key)", value: "\($0.value)") }
        return HttpResponse(status: UInt16(http.statusCode), headers: headers, body: data)
    }
}

/// Refuses every redirect: URLSession then completes the task with the 3xx response itself.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate {
    static let shared = RefuseRedirects()

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
