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
    private let state = Mutex<(outcome: Loaded<T>, reads: [ReadLog.Access])?>(nil)

    init() {}

    /// The cached outcome, or `load()`'s, run under the lock so that it runs only once.
    func get(_ load: () -> Loaded<T>) -> Loaded<T> {
        state.withLock { cached in
            if let cached { return cached.outcome }
            let outcome = load()
            cached = (outcome, [])
            return outcome
        }
    }

    /// The same for a value loaded from files: the first caller's `files` sees the reads
    /// as they happen; every later caller's sees them replayed, so each request's reader
    /// records every file its result depends on, however much was already loaded.
    func get(_ files: any PaperFiles, _ load: (any PaperFiles) -> Loaded<T>) -> Loaded<T> {
        let (outcome, reads, fresh) = state.withLock { cached -> (Loaded<T>, [ReadLog.Access], Bool) in
            if let cached { return (cached.outcome, cached.reads, false) }
            let log = ReadLog(files)
            let outcome = load(log)
            cached = (outcome, log.log)
            return (outcome, log.log, true)
        }
        if !fresh { ReadLog.replay(reads, into: files) }
        return outcome
    }
}
