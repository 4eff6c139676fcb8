import Chart
import NotebookInterface

extension BuildContext {
    /// Draws each figure the notebook computed in this build, in every format (one
    /// layout shared by the three), in parallel, and stores it for the cache.
    mutating func drawFigures() async {
        let date = options.sourceDateEpoch
        let undrawn = outcomes.compactMap { request, outcome in outcome.undrawn.map { (request, $0) } }
        guard !undrawn.isEmpty else { return }
        let drawn = await withTaskGroup(of: (Request, Swift.Result<[ChartFormat: Blob], ChartError>).self) { group in
            for (request, figure) in undrawn {
                group.addTask {
                    do {
                        return (request, .success(try figure.figure.chart.render(ChartFormat.allCases, date: date).mapValues { Blob(bytes: $0) }))
                    } catch let error as ChartError {
                        return (request, .failure(error))
                    } catch {
                        return (request, .failure(ChartError("\(error)")))
                    }
                }
            }
            var all: [(Request, Swift.Result<[ChartFormat: Blob], ChartError>)] = []
            for await result in group { all.append(result) }
            return all
        }
        for (request, result) in drawn {
            guard let pending = outcomes[request]?.undrawn else { continue }
            switch result {
            case .success(let files):
                let chart = pending.figure.chart, csv = pending.figure.data.csv, cache = evaluator.cache
                outcomes[request]?.store(
                    .figure(RenderedFigure(width: chart.width, height: chart.height, files: files, csv: csv)),
                    request: request, inputs: pending.inputs, cache: cache, objects: Array(files.values))
            case .failure(let error):
                outcomes[request]?.undrawn = nil
                sink.error("could not draw figure '\(request.name)': \(error)", at: firstUse[request])
            }
        }
    }
}
