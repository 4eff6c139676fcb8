/// The names of a build's stages, in pipeline order: what timings, `--verbose` and a
/// failed build's summary call them.
public enum StageName: String, Sendable, CaseIterable {
    case load, scan, resolve, evaluate, check, draw, render, write
}

/// One named step of a build over the build's context. A stage that `stops` ends the
/// build when errors have been found by then (by it or by any stage before it); the
/// others let later stages add their problems, so that a build reports all at once.
struct Stage: Sendable {
    let name: StageName
    let stops: Bool
    let run: @Sendable (inout BuildContext) async throws(BuildFailure) -> Void
}

extension BuildContext {
    /// Runs one stage, timing it under its name.
    mutating func run(_ stage: Stage) async throws(BuildFailure) {
        let start = ContinuousClock.now
        do {
            try await stage.run(&self)
        } catch {
            throw BuildFailure(sink.all + error.diagnostics, stage: stage.name)
        }
        timings.append(StageTiming(stage: stage.name.rawValue, seconds: secondsSince(start), summed: false))
        if stage.stops, sink.hasErrors { throw BuildFailure(sink.all, stage: stage.name) }
    }
}
