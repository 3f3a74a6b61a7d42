// The walks as AsyncSequences over the core's pagers:
//
//     for try await workspace in client.workspaces(pageSize: 50) { ... }
//
// Each iteration walks from the start with a pager of its own, a page at a time as the loop
// asks (nothing is fetched ahead). A walk never ends early in silence: a page that fails, or a
// list that cannot be walked right, throws its ModelGatesError from the loop. Breaking out of
// the loop just stops.

/// Every item of a list, page by page.
public struct Walk<Element: Sendable>: AsyncSequence, Sendable {
    private let nextPage: @Sendable () throws -> @Sendable () async throws -> [Element]?

    fileprivate init(_ makePager: @escaping @Sendable () throws -> @Sendable () async throws -> [Element]?) {
        self.nextPage = makePager
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(makePager: nextPage)
    }

    public struct Iterator: AsyncIteratorProtocol {
        private let makePager: @Sendable () throws -> @Sendable () async throws -> [Element]?
        private var nextPage: (@Sendable () async throws -> [Element]?)?
        private var page: [Element] = []
        private var index = 0
        private var done = false

        fileprivate init(makePager: @escaping @Sendable () throws -> @Sendable () async throws -> [Element]?) {
            self.makePager = makePager
        }

        public mutating func next() async throws -> Element? {
            while index == page.count {
                if done { return nil }
                // The pager is made on the first step, so bad settings throw from the loop.
                let fetch = try nextPage ?? makePager()
                nextPage = fetch
                guard let next = try await fetch() else {
                    done = true
                    return nil
                }
                page = next
                index = 0
            }
            defer { index += 1 }
            return page[index]
        }
    }
}

extension ModelGatesClient {
    /// Every workspace, each once (`pageSize`: per request, 1 to 100; nil for the API's default).
    public func workspaces(pageSize: Int32? = nil) -> Walk<Workspace> {
        Walk {
            let pager = try self.workspacePager(pageSize: pageSize)
            return { try await pager.nextPage() }
        }
    }

    /// Every API key `filters` selects, each once.
    public func keys(filters: ListKeysRequest = ListKeysRequest()) -> Walk<ApiKey> {
        Walk {
            let pager = try self.keyPager(filters: filters)
            return { try await pager.nextPage() }
        }
    }
}
