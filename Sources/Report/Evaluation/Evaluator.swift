import Chart
import Foundation
import NotebookInterface
import Synchronization

/// The paper's files as one build reads them: each file once (its bytes and SHA-256),
/// so that every request, every cache check and every page digest of the build sees the
/// same bytes, and a digest recorded is the digest of the bytes a result was computed from.
final class InputDigests: Sendable {
    private let folder: FolderFiles
    private let memo = Mutex<[String: Read]>([:])

    struct Read: Sendable {
        var bytes: Swift.Result<[UInt8], NotebookError>
        /// SHA-256 of the bytes; `absent` for a missing file, `unreadable` for one that
        /// cannot be read or lies outside the folder.
        var digest: String
    }
    static let absent = "absent", unreadable = "unreadable"

    init(folder: URL) { self.folder = FolderFiles(folder) }

    func read(_ path: String) -> Read {
        if let known = memo.withLock({ $0[path] }) { return known }
        let read: Read
        do throws(NotebookError) {
            let bytes = try folder.read(path)
            read = Read(bytes: .success(bytes), digest: sha256Hex(bytes))
        } catch {
            read = Read(bytes: .failure(error), digest: folder.exists(path) ? Self.unreadable : Self.absent)
        }
        memo.withLock { $0[path] = read }
        return read
    }

    /// The digest of a file as this build reads it.
    func digest(_ path: String) -> String { read(path).digest }
}

/// One request's reader: reads through the build's `InputDigests` and records every
/// path it was asked for, with the digest of what it got. The recording is the result's
/// list of inputs; nothing is declared by hand.
final class RecordingFiles: PaperFiles {
    private let inputs: InputDigests
    private let recorded = Mutex<[String: String]>([:])

    init(_ inputs: InputDigests) { self.inputs = inputs }

    /// Path → digest of everything read (or checked for existence) so far.
    var reads: [String: String] { recorded.withLock { $0 } }

    func read(_ path: String) throws(NotebookError) -> [UInt8] {
        let read = inputs.read(path)
        recorded.withLock { $0[path] = read.digest }
        return try read.bytes.get()
    }

    func exists(_ path: String) -> Bool {
        let digest = inputs.digest(path)
        recorded.withLock { $0[path] = digest }
        return digest != "absent"
    }
}

/// Evaluates requests against the notebook, concurrently, through the cache.
struct Evaluator: Sendable {
    let notebook: any Notebook
    let cache: ResultCache
    let inputs: InputDigests
    /// Time in the notebook, summed over tasks.
    let clock = StageClock()

    /// The offers, fetched once and only if a request misses the cache (fetching them
    /// may make the notebook load its data, which a fully cached build never needs).
    private let offers = OffersMemo()

    init(notebook: any Notebook, cache: ResultCache, inputs: InputDigests) {
        self.notebook = notebook
        self.cache = cache
        self.inputs = inputs
    }

    /// A fresh entry to store, with the figure files it refers to.
    struct NewEntry: Sendable {
        var key: String
        var entry: ResultCache.Entry
        var objects: [Blob]
    }

    struct Outcome: Sendable {
        var evaluation: Evaluation
        var newEntry: NewEntry? = nil
        /// Problems with the options, by option key, to report at the option's line.
        var optionProblems: [(key: String, message: String)] = []
        /// A figure computed but not drawn yet: the draw stage draws it and stores it.
        var undrawn: Undrawn? = nil

        struct Undrawn: Sendable {
            var figure: Figure
            var inputs: [String: String]
        }

        /// Sets the result and the cache entry that stores it.
        mutating func store(_ result: Evaluated, request: Request,
                            inputs: [String: String], cache: ResultCache, objects: [Blob] = []) {
            evaluation.result = result
            let entry = ResultCache.Entry(version: ResultCache.formatVersion, request: request,
                                          fingerprint: cache.fingerprint, inputs: inputs,
                                          warnings: evaluation.problems, output: result)
            newEntry = NewEntry(key: ResultCache.key(request), entry: entry, objects: objects)
            undrawn = nil
        }
    }

    func evaluate(_ requests: [Request]) async -> [Request: Outcome] {
        await withTaskGroup(of: (Request, Outcome).self) { group in
            // Bounded parallelism: enough tasks to keep every core busy, no more.
            let width = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
            var iterator = requests.makeIterator()
            for _ in 0..<width {
                guard let request = iterator.next() else { break }
                group.addTask { (request, await evaluate(request)) }
            }
            var results: [Request: Outcome] = [:]
            for await (request, outcome) in group {
                results[request] = outcome
                if let next = iterator.next() {
                    group.addTask { (next, await evaluate(next)) }
                }
            }
            return results
        }
    }

    func evaluate(_ request: Request) async -> Outcome {
        let why: String
        switch cache.lookup(request, inputDigest: inputs.digest) {
        case .hit(let entry):
            let evaluation = Evaluation(result: entry.output, inputs: entry.inputs.keys.sorted(),
                                        problems: entry.warnings, unknownName: false, provenance: .cached)
            return Outcome(evaluation: evaluation)
        case .miss(let reason):
            why = reason
        }

        func failure(_ problems: [Problem], unknown: Bool = false) -> Outcome {
            Outcome(evaluation: Evaluation(result: nil, inputs: [], problems: problems, unknownName: unknown,
                                           provenance: .computed(why)))
        }

        // Check options and arguments against what the notebook offers.
        // A name the author wrote (a formatted value, a CSV cell, an expression) is
        // answered without listing every offer, which may load data it does not need.
        var offer: Offer? = notebook.offer(for: request)
        if offer == nil {
            do {
                offer = try offers.get(notebook, inputs).first { $0.kind == request.kind && $0.name == request.name }
            } catch {
                if case .problems(let problems) = error { return failure(problems) }
            }
        }
        guard let offer else { return failure([], unknown: true) }
        var optionProblems: [(String, String)] = []
        // The builder's own options of this kind are near misses too (`:lable:`).
        let builderOptions = DirectiveKind.all.first { $0.offerKind == request.kind }?.options.map(\.name) ?? []
        for (key, value) in request.options.sorted(by: { $0.key < $1.key }) {
            guard let allowed = offer.options[key] else {
                optionProblems.append((key, unknownOption(key, for: "\(request.kind.rawValue) '\(request.name)'",
                                                          among: offer.options.keys.sorted() + builderOptions)))
                continue
            }
            if let problem = invalidValue(value, for: key, allowed: allowed) { optionProblems.append((key, problem)) }
        }
        // An argument named "…..." takes any number of words (the words of an expression,
        // the networks a claim names).
        let variadic = offer.arguments.last?.hasSuffix("...") == true
        let fixed = offer.arguments.count - (variadic ? 1 : 0)
        if variadic ? request.arguments.count < fixed : request.arguments.count != fixed {
            let expected = offer.arguments.isEmpty ? "no arguments"
                : offer.arguments.map { "<\($0)>" }.joined(separator: " ")
            return failure([Problem(.error, "\(request.kind.rawValue) '\(request.name)' takes \(expected), got \(request.arguments.count)")])
        }
        if !optionProblems.isEmpty {
            var outcome = failure([])
            outcome.optionProblems = optionProblems
            return outcome
        }

        let result: Result
        let files = RecordingFiles(inputs)
        do {
            let start = ContinuousClock.now
            defer { clock.add("notebook (summed over tasks)", secondsSince(start)) }
            result = try notebook.evaluate(request, reading: files)
        } catch {
            switch error {
            case .unknownName: return failure([], unknown: true)
            case .problems(let problems): return failure(problems)
            }
        }

        let inputDigests = files.reads
        var outcome = Outcome(evaluation: Evaluation(result: nil, inputs: inputDigests.keys.sorted(), problems: result.warnings,
                                                     unknownName: false, provenance: .computed(why)))
        switch result.output {
        case .value(let v): outcome.store(.value(v), request: request, inputs: inputDigests, cache: cache)
        case .table(let t): outcome.store(.table(t), request: request, inputs: inputDigests, cache: cache)
        case .claim(let c): outcome.store(.claim(c), request: request, inputs: inputDigests, cache: cache)
        case .figure(let figure): outcome.undrawn = Outcome.Undrawn(figure: figure, inputs: inputDigests)
        }
        return outcome
    }

    /// Every offer, for suggestions after an unknown name.
    func allOffers() -> [Offer] { (try? offers.get(notebook, inputs)) ?? [] }
}

/// Seconds per stage, added from concurrent tasks.
final class StageClock: Sendable {
    private let seconds = Mutex<[String: Double]>([:])

    func add(_ stage: String, _ s: Double) { seconds.withLock { $0[stage, default: 0] += s } }

    func totals() -> [StageTiming] {
        seconds.withLock { $0 }.sorted { $0.key < $1.key }.map { StageTiming(stage: $0.key, seconds: $0.value, summed: true) }
    }
}

/// `offers()` of a notebook, computed once.
final class OffersMemo: Sendable {
    private let value = Mutex<Swift.Result<[Offer], NotebookError>?>(nil)

    func get(_ notebook: any Notebook, _ inputs: InputDigests) throws(NotebookError) -> [Offer] {
        let result = value.withLock { memo -> Swift.Result<[Offer], NotebookError> in
            if let memo { return memo }
            let computed: Swift.Result<[Offer], NotebookError>
            do throws(NotebookError) { computed = .success(try notebook.offers(reading: RecordingFiles(inputs))) } catch { computed = .failure(error) }
            memo = computed
            return computed
        }
        return try result.get()
    }
}
