import Foundation

/// The default `HttpTransport`, on URLSession with async/await. It only moves bytes and names
/// the failure; retries and errors are decided by the SDK.
///
/// - Its own session by default, from an ephemeral configuration: no cookies, no URL cache and
///   no credentials shared with the app's `URLSession.shared`.
/// - It never follows a redirect (the key would go wherever the server points): the 3xx comes
///   back as it is and the SDK makes it an error.
/// - Each attempt's timeout bounds the whole exchange, body included (`timeoutInterval` alone
///   is an idle timeout).
/// - A TLS or App Transport Security failure is `Connect` (nothing was sent, so a retry is
///   safe), as are DNS and refused connections.
public final class URLSessionTransport: HttpTransport {
    private let session: URLSession

    /// `session`: the app's own, to share its configuration; the default is ephemeral.
    public init(session: URLSession = URLSession(configuration: .ephemeral)) {
        self.session = session
    }

    public func send(request: HttpRequest) async throws -> HttpResponse {
        guard let url = URL(string: request.url) else {
            throw TransportError.connect(reason: "not a valid URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.httpShouldHandleCookies = false
        for header in request.headers {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if let body = request.body {
            urlRequest.httpBody = Data(body.utf8)
        }
        let timeout = request.timeout
        if let timeout {
            urlRequest.timeoutInterval = timeout
        }
        let delegate: RefuseRedirects? = request.followRedirects ? nil : RefuseRedirects.shared
        let session = self.session
        let (data, response) = try await withThrowingTaskGroup(of: (Data, URLResponse).self) { group in
            group.addTask {
                do {
                    return try await session.data(for: urlRequest, delegate: delegate)
                } catch let error as URLError {
                    throw Self.named(error)
                }
            }
            if let timeout {
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                    throw TransportError.timeout(reason: "no complete response within \(timeout) s")
                }
            }
            // The first to finish wins; the other is cancelled (URLSession then aborts the task).
            defer { group.cancelAll() }
            guard let first = try await group.next() else {
                throw TransportError.io(reason: "the exchange ended without an answer")
            }
            return first
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError.io(reason: "the answer is not an HTTP response")
        }
        let headers = http.allHeaderFields.map { HttpHeader(name: "\($0.key)", value: "\($0.value)") }
        return HttpResponse(status: Int32(clamping: http.statusCode), headers: headers, body: data)
    }

    /// The failure as the SDK's kind: `Connect` only where nothing can have been sent.
    private static func named(_ error: URLError) -> Error {
        switch error.code {
        case .cancelled:
            return CancellationError()
        case .timedOut:
            return TransportError.timeout(reason: error.localizedDescription)
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
             .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid,
             .clientCertificateRejected, .clientCertificateRequired,
             .appTransportSecurityRequiresSecureConnection:
            return TransportError.connect(reason: error.localizedDescription)
        default:
            return TransportError.io(reason: error.localizedDescription)
        }
    }
}

/// Refuses every redirect: URLSession then completes the task with the 3xx response itself.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
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
