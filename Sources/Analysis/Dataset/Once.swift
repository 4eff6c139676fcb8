// Computes something at most once, on first use, however many directives ask for it at
// the same time: a no-op (fully cached) build never pays for loading, and concurrent
// evaluations wait for the one load instead of each starting their own.

import Synchronization
import NotebookInterface

enum Loaded<T: Sendable>: Sendable {
    case success(T)
    case failure([Problem])

    func get() throws(NotebookError) -> T {
        switch self {
        case .success(let value): return value
        case .failure(let problems): throw .problems(problems)
        }
    }
}

final class Once<T: Sendable>: Sendable {
    private let state = Mutex<Loaded<T>?>(nil)

    init() {}

    /// The cached outcome, or `load()`'s, run under the lock so that it runs only once.
    func get(_ load: () -> Loaded<T>) -> Loaded<T> {
        state.withLock { cached in
            if let cached { return cached }
            let outcome = load()
            cached = outcome
            return outcome
        }
    }
}
