// How the notebook answers the measured figures, claims and values: it reads
// data/measurements/machines.csv to find the most recently measured machine (or the one
// a directive names with `:machine:`), then that machine's file, through the request's
// reader, which records both (and data/networks.csv) as the result's inputs, so a new
// measurement recomputes exactly the results drawn from measurements. A paper folder with no measurements offers no
// measured values (and a measured figure says how to make some).

import Foundation
import Synchronization
import NotebookInterface

/// Values computed once per notebook, by key (each replays its reads, like `Once`).
final class MeasuredMemo<T: Sendable>: Sendable {
    private let loaded = Mutex<[String: Once<T>]>([:])
    func get(_ key: String, _ files: any PaperFiles,
             _ load: (any PaperFiles) -> Loaded<T>) -> Loaded<T> {
        let once = loaded.withLock { memo in
            if let known = memo[key] { return known }
            let once = Once<T>()
            memo[key] = once
            return once
        }
        return once.get(files, load)
    }
}

extension AnalysisNotebook {
    func hasMeasurements(_ files: any PaperFiles) -> Bool {
        files.exists(MeasurementsFile.indexPath)
    }

    /// The measurements of `machine` (default: the most recently measured) and the files
    /// they were computed from.
    func measured(_ machine: String?, _ files: any PaperFiles) throws(NotebookError) -> MeasuredSet {
        guard hasMeasurements(files) else {
            throw .problem("no measurements: \(MeasurementsFile.indexPath) does not exist; run `make measure` (see measure/README.md)")
        }
        let index: [(name: String, measured: String)]
        switch read(MeasurementsFile.indexPath, files) {
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
        // Every measured value, figure and claim asks for the set: it is joined with the
        // dataset once per machine (the join was most of a cold build's time when each
        // of the page's values redid it).
        return try measuredSets.get(name, files) { files in
            do throws(NotebookError) {
                let data = try loadDataset(files)
                let path = MeasurementsFile.path(name)
                let measurements = try measuredMemo.get(path, files) { files in
                    switch read(path, files) {
                    case .failure(let problems): return .failure(problems)
                    case .success(let text):
                        let result = MeasurementsFile.load(text, file: path, networks: architectures.ids)
                        return result.measurements.map { .success($0) } ?? .failure(result.problems)
                    }
                }.get()
                if measurements.machine.name != name {
                    return .failure([Problem(.error, "the file says '# machine: \(measurements.machine.name)' but is listed as '\(name)'", file: path, line: 1, column: 1)])
                }
                return .success(MeasuredSet(measurements, dataset: data))
            } catch {
                switch error {
                case .problems(let problems): return .failure(problems)
                case .unknownName(_, let unknown): return .failure([Problem(.error, "unknown name '\(unknown)'")])
                }
            }
        }.get()
    }

    func measuredValueOffers(_ files: any PaperFiles) throws(NotebookError) -> [Offer] {
        guard hasMeasurements(files) else { return [] }
        return MeasuredValues.entries(try measured(nil, files)).map { Offer(kind: .value, name: $0.key, summary: $0.summary) }
    }

    func measuredValue(_ request: Request, _ files: any PaperFiles) throws(NotebookError) -> Result {
        if !request.arguments.isEmpty { throw .problem("value '\(request.name)' takes no argument") }
        guard hasMeasurements(files) else { throw .unknownName(.value, request.name) }
        let set = try measured(nil, files)
        guard let entry = MeasuredValues.entries(set).first(where: { $0.key == request.name }) else {
            throw .unknownName(.value, request.name)
        }
        return Result(.value(entry.value))
    }

    func measuredFigure(_ request: Request, _ files: any PaperFiles) throws(NotebookError) -> Result {
        let set = try measured(request.options["machine"], files)
        return Result(.figure(try MeasuredFigures.make(request.name, set, options: request.options)))
    }

    func measuredClaim(_ request: Request, _ files: any PaperFiles) throws(NotebookError) -> Result {
        if !request.arguments.isEmpty { throw .problem("claim '\(request.name)' takes no argument") }
        let set = try measured(request.options["machine"], files)
        return Result(.claim(try MeasuredClaims.evaluate(request.name, set, options: request.options)))
    }
}
