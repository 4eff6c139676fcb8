// How the notebook answers the measured figures, claims and values: it reads
// data/measurements/machines.csv to find the most recently measured machine (or the one
// a directive names with `:machine:`), then that machine's file. Both files and
// data/networks.csv are the result's inputs, so a new measurement recomputes exactly the
// results drawn from measurements. A paper folder with no measurements offers no
// measured values (and a measured figure says how to make some).

import Foundation
import Synchronization
import NotebookInterface

/// Files read once per notebook, by path.
final class MeasuredMemo: Sendable {
    private let loaded = Mutex<[String: Loaded<Measurements>]>([:])
    func get(_ key: String, _ load: () -> Loaded<Measurements>) -> Loaded<Measurements> {
        loaded.withLock { memo in
            if let hit = memo[key] { return hit }
            let outcome = load()
            memo[key] = outcome
            return outcome
        }
    }
}

extension AnalysisNotebook {
    var hasMeasurements: Bool {
        FileManager.default.fileExists(atPath: paperDirectory.appendingPathComponent(MeasurementsFile.indexPath).path)
    }

    /// The measurements of `machine` (default: the most recently measured) and the files
    /// they were computed from.
    func measured(_ machine: String?) throws(NotebookError) -> (set: MeasuredSet, inputs: [String]) {
        guard hasMeasurements else {
            throw .problem("no measurements: \(MeasurementsFile.indexPath) does not exist; run `make measure` (see measure/README.md)")
        }
        let index: [(name: String, measured: String)]
        switch read(MeasurementsFile.indexPath) {
        case .failure(let problems): throw .problems(problems)
        case .success(let text):
            let result = MeasurementsFile.loadIndex(text)
            guard let machines = result.machines else { throw .problems(result.problems) }
            index = machines
        }
        let name: String
        if let machine {
            guard index.contains(where: { $0.name == machine }) else {
                var message = "no machine '\(machine)' in \(MeasurementsFile.indexPath)"
                if let near = nearest(machine, in: index.map(\.name)) { message += "; did you mean '\(near)'?" }
                throw .problem(message)
            }
            name = machine
        } else {
            // Latest measured first; ISO 8601 times compare as text. Ties: by name.
            name = index.max { ($0.measured, $1.name) < ($1.measured, $0.name) }!.name
        }
        let data = try loadDataset()
        let path = MeasurementsFile.path(name)
        let measurements = try measuredMemo.get(path) {
            switch read(path) {
            case .failure(let problems): return .failure(problems)
            case .success(let text):
                let result = MeasurementsFile.load(text, file: path, networks: architectures.ids)
                return result.measurements.map { .success($0) } ?? .failure(result.problems)
            }
        }.get()
        if measurements.machine.name != name {
            throw .problems([Problem(.error, "the file says '# machine: \(measurements.machine.name)' but is listed as '\(name)'", file: path, line: 1, column: 1)])
        }
        return (MeasuredSet(measurements, dataset: data), [NetworksFile.path, MeasurementsFile.indexPath, path])
    }

    func measuredValueOffers() throws(NotebookError) -> [Offer] {
        guard hasMeasurements else { return [] }
        return MeasuredValues.entries(try measured(nil).set).map { Offer(kind: .value, name: $0.key, summary: $0.summary) }
    }

    func measuredValue(_ request: Request) throws(NotebookError) -> Result {
        if !request.arguments.isEmpty { throw .problem("value '\(request.name)' takes no argument") }
        guard hasMeasurements else { throw .unknownName(.value, request.name) }
        let (set, inputs) = try measured(nil)
        guard let entry = MeasuredValues.entries(set).first(where: { $0.key == request.name }) else {
            throw .unknownName(.value, request.name)
        }
        return Result(.value(entry.value), inputs: inputs)
    }

    func measuredFigure(_ request: Request) throws(NotebookError) -> Result {
        let (set, inputs) = try measured(request.options["machine"])
        return Result(.figure(try MeasuredFigures.make(request.name, set, options: request.options)), inputs: inputs)
    }

    func measuredClaim(_ request: Request) throws(NotebookError) -> Result {
        if !request.arguments.isEmpty { throw .problem("claim '\(request.name)' takes no argument") }
        let (set, inputs) = try measured(request.options["machine"])
        return Result(.claim(try MeasuredClaims.evaluate(request.name, set, options: request.options)), inputs: inputs)
    }
}
