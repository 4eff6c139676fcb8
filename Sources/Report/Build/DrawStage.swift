import Chart
import NotebookInterface

extension BuildContext {
    /// Draws each figure the notebook computed in this build, in every format, and stores
    /// it for the cache. Each figure is laid out once per width, then its six files are
    /// drawn as tasks of their own, so that the cores share even one large figure's work;
    /// the largest figures start first, and in each the PNG (most of its time), so that
    /// no long drawing is left to run alone at the end.
    mutating func drawFigures() async {
        let date = options.sourceDateEpoch
        let undrawn = outcomes.compactMap { request, outcome in outcome.undrawn.map { (request, $0) } }
            .sorted { $0.1.figure.chart.drawingCost > $1.1.figure.chart.drawingCost }
        guard !undrawn.isEmpty else { return }
        let drawn = await withTaskGroup(of: (Request, Swift.Result<[ChartFormat: Blob], ChartError>).self) { group in
            for (request, figure) in undrawn {
                let chart = figure.figure.chart
                group.addTask {
                    do {
                        let laidOut = try chart.laidOut(for: ChartFormat.allCases)
                        let files = try await withThrowingTaskGroup(of: (ChartFormat, Blob).self) { formats in
                            for format in ChartFormat.largestFirst {
                                formats.addTask { (format, Blob(bytes: try laidOut.render(format, date: date))) }
                            }
                            var files: [ChartFormat: Blob] = [:]
                            for try await (format, blob) in formats { files[format] = blob }
                            return files
                        }
                        return (request, .success(files))
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

private extension ChartFormat {
    /// Every format, the slowest to draw first: the PNG, at twice the size in pixels,
    /// then the PDF, then the SVGs.
    static let largestFirst: [ChartFormat] = [.png, .pdf] + allCases.filter { $0 != .png && $0 != .pdf }
}

private extension Chart {
    /// A rough measure of how long the chart takes to draw, to start the slowest first:
    /// its area (the PNG's pixels) and its number of marks (labels to place).
    var drawingCost: Double {
        width * height * (1 + Double(layers.reduce(0) { $0 + $1.data.count }) / 50)
    }
}
