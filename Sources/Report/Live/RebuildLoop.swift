import Foundation
import NotebookInterface

/// One build of a live session (`report watch`, `report serve`).
public struct LiveBuild: Sendable {
    public enum Outcome: Sendable {
        case built(BuildReport)
        case failed([Diagnostic])
    }

    public var outcome: Outcome
    /// Paths, relative to the paper folder, whose change started this build; empty for
    /// the first build.
    public var changed: [String]
    public var milliseconds: Int
    /// Counts the builds of this session, from 1.
    public var number: Int

    public var succeeded: Bool {
        if case .built = outcome { return true }
        return false
    }
}

/// Builds once, then again after every burst of changes in the paper folder, one build
/// at a time. A failed build changes nothing on disk (the builder swaps a new output
/// folder in only when everything succeeded), so the last good build stays in place.
public struct RebuildLoop: Sendable {
    public var options: BuildOptions
    /// A fresh notebook per build: a notebook may keep what it read, and a rebuild
    /// must see the edited data.
    public var makeNotebook: @Sendable () -> any Notebook
    public var debounce: Duration = .milliseconds(100)

    public init(options: BuildOptions, debounce: Duration = .milliseconds(100),
                makeNotebook: @escaping @Sendable () -> any Notebook) {
        self.options = options
        self.debounce = debounce
        self.makeNotebook = makeNotebook
    }

    /// Runs until the calling task is cancelled. `onBuild` is called after each build,
    /// before the next one starts; when it is first called, the paper folder is already
    /// watched.
    public func run(onBuild: @Sendable (LiveBuild) async -> Void) async throws(Diagnostic) {
        // Watch before the first build, so that an edit made during it is not missed.
        let changes = try FileWatcher(root: options.paper, debounce: debounce).changes()
        var number = 1
        await onBuild(await build(changed: [], number: number))
        for await paths in changes {
            if Task.isCancelled { break }
            number += 1
            await onBuild(await build(changed: paths.sorted(), number: number))
        }
    }

    func build(changed: [String], number: Int) async -> LiveBuild {
        let start = ContinuousClock.now
        let outcome: LiveBuild.Outcome
        do {
            outcome = .built(try await Builder(notebook: makeNotebook(), options: options).build())
        } catch {
            outcome = .failed(error.diagnostics)
        }
        let elapsed = ContinuousClock.now - start
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return LiveBuild(outcome: outcome, changed: changed, milliseconds: ms, number: number)
    }
}
