import Foundation
import NotebookInterface

extension BuildContext {
    /// Renders every page and collects the output files: pages, stylesheet, each
    /// directive's files and copied images (or the whole paper as one file).
    mutating func renderFiles() throws(BuildFailure) {
        let results = self.results
        var info = buildInfo()
        info.inputsDigest = inputsDigest()
        if options.selfContained { return try renderWholePaper(info: info) }
        let inputs = RenderInputs(project: project, resolution: resolution, results: results, info: info)
        let renderer = PageRenderer(inputs: inputs)
        let previous = output?.readManifest() ?? [:]
        let coder = QuestionCoder(requests: requests)
        let recorded = RecordedAnswers(inputs: inputs, coder: coder)
        let context = inputs.contextDigest()
        // Where the render stage's time goes, as parts of it (`--timings`).
        var checking = 0.0, rendering = 0.0
        var kept = (unasked: 0, asked: 0)
        let keys = project.pages.map { project.pageKeys[$0.file] ?? "" }
        if options.useCache, let previousPages {
            let start = ContinuousClock.now
            // Only records taken under another context have their questions asked again.
            recorded.prepare(zip(project.pages, keys).compactMap { page, key in
                previousPages.record(for: page.file).flatMap { $0.key == key && $0.context != context ? $0 : nil }
            })
            checking += secondsSince(start)
        }
        for (page, key) in zip(project.pages, keys) {
            let start = ContinuousClock.now
            if let (file, asked) = keptPage(page, key: key, context: context, recorded: recorded, previous: previous) {
                log.append(.page(file: page.file, changed: false, rendered: false))
                files.append(file)
                if asked { kept.asked += 1 } else { kept.unasked += 1 }
                checking += secondsSince(start)
                continue
            }
            checking += secondsSince(start)
            let renderStart = ContinuousClock.now
            defer { rendering += secondsSince(renderStart) }
            let marked = renderer.document(page, body: renderer.bodyHTML(page))
            // What the page read: its digest, and its record for the next build (none when
            // a name cannot be written on a line).
            let (asked, answers) = reading(of: page, inputs: inputs, coder: coder)
            let html = inputs.filledPageDigestBytes(marked, of: page, digest: PageDigest.digest(key: key, answers: answers))
            let file = OutputFile(path: page.outputName, blob: Blob(bytes: html))
            log.append(.page(file: page.file, changed: previous[file.path] != file.blob.digest, rendered: true))
            files.append(file)
            if asked.allSatisfy({ $0.1 != nil }) {
                newPageRecords[page.file] = PageRecord(key: key, html: file.blob.digest, answers: answers, context: context,
                                                       questions: asked.map { $0.1! }, scan: page.factsArchive,
                                                       shape: page.shapeDigest)
            }
        }
        var start = ContinuousClock.now
        files += pageResources(taken: Set(files.map(\.path)))
        let resources = secondsSince(start)
        start = ContinuousClock.now
        LinkCheck.check(project, files: files, sink: &sink)
        timings += [StageTiming(stage: "render: checking pages' records", seconds: checking, summed: true),
                    StageTiming(stage: "render: rendering pages", seconds: rendering, summed: true),
                    StageTiming(stage: "render: results' files", seconds: resources, summed: true),
                    StageTiming(stage: "render: link check", seconds: secondsSince(start), summed: true)]
        log.append(.pagesKept(unasked: kept.unasked, asked: kept.asked))
        log.append(.parsed(pages: project.pages.filter(\.isParsed).map(\.file),
                           scansTaken: project.pages.filter(\.scanFromCache).count))
    }

    /// What a page's rendering asked, in a stable order, each with its line for the page's
    /// record (nil when a name cannot be written on a line), and the digest of the answers.
    func reading(of page: Page, inputs: RenderInputs, coder: QuestionCoder) -> (asked: [(RenderQuestion, String?)], answers: String) {
        let asked = (inputs.asked[page.file] ?? []).map { ($0, coder.line($0)) }
            .sorted { ($0.1 ?? "\u{1}\($0.0)") < ($1.1 ?? "\u{1}\($1.0)") }
        return (asked, inputs.answersDigest(asked.map(\.0)))
    }

    /// The files the pages link to: the stylesheet, each directive's files, copied images
    /// and the published inputs (none at a path in `taken`).
    mutating func pageResources(taken: Set<String>) -> [OutputFile] {
        let results = self.results
        var files = [OutputFile(path: "\(OutputPaths.assets)/style.css", blob: Blob(bytes: Array(stylesheet.utf8)))]
        // A result's files are made once (its CSV written and digested once) however many
        // blocks show it; each block's copies are named after its own label.
        var filesByRequest: [Request: (label: String, files: [OutputFile])] = [:]
        for page in project.pages {
            for block in page.blocks {
                guard let label = resolution.blockLabels[block.location], let request = block.request,
                      let result = results[request] else { continue }
                if let made = filesByRequest[request] {
                    files += made.files.map { $0.relabelled(from: made.label, to: label) }
                } else {
                    let made = block.kind.files(label, result)
                    filesByRequest[request] = (label, made)
                    files += made
                }
            }
        }
        files += copiedImages()
        // (A few inputs, thousands of files: each input is looked for, no set is built.)
        files += inputFiles { path in taken.contains(path) || files.contains { $0.path == path } }
        return files
    }

    /// The last build's HTML of a page, when its record shows that rendering it now
    /// would give the same bytes: same source and fingerprint, and the same answers to the
    /// questions it asked — known without asking them when nothing an answer reads has
    /// changed since (the same context). The file is still in the output folder (the
    /// manifest says so).
    private mutating func keptPage(_ page: Page, key: String, context: String?, recorded: RecordedAnswers,
                                   previous: [String: String]) -> (file: OutputFile, asked: Bool)? {
        guard options.useCache, let output, let digest = previous[page.outputName],
              let record = previousPages?.record(for: page.file), record.key == key, record.html == digest
        else { return nil }
        let url = output.url.appendingPathComponent(page.outputName)
        let sameContext = context != nil && record.context == context
        guard sameContext || recorded.match(record), FileManager.default.fileExists(atPath: url.path) else { return nil }
        if page.scanFromCache && sameContext {
            keptPageRecords.insert(page.file)
        } else {
            // The answers were asked again and are the same: the record now holds for
            // this context. A page scanned afresh although its source is the same (the
            // record's scan did not read back) keeps the new scan, so the next build need not.
            var renewed = record
            renewed.context = context ?? "-"
            if !page.scanFromCache { renewed.scan = page.factsArchive }
            renewed.shape = page.shapeDigest
            newPageRecords[page.file] = renewed
        }
        return (OutputFile(path: page.outputName, blob: Blob(digest: digest, file: url)), !sameContext)
    }

    /// Facts about the build shown on every page and in every figure's citation.
    private func buildInfo() -> BuildInfo {
        let first = project.pages.first
        var lastChanged = first?.frontMatter.date
        if let epoch = options.sourceDateEpoch {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
            lastChanged = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
        }
        let file = project.file
        return BuildInfo(paperTitle: file?.title ?? first?.title ?? "Untitled",
                         authors: (file?.authors.isEmpty == false ? file?.authors : nil) ?? first?.frontMatter.authors ?? [],
                         date: file?.date ?? first?.frontMatter.date, fingerprint: notebook.fingerprint, reportVersion: options.reportVersion,
                         lastChanged: lastChanged)
    }

    /// Every data file any result read.
    private var allInputs: Set<String> { Set(outcomes.values.flatMap(\.evaluation.inputs)) }

    /// The digest of everything the paper's results read, for "Cite this paper" (see
    /// `BuildInfo.inputsDigest`).
    private func inputsDigest() -> String {
        var text = "fingerprint\0\(notebook.fingerprint)\nversion\0\(options.reportVersion)\n"
        if let bib = project.sources[Project.bibliographyFile] { text += "bib\0\(sha256Hex(bib))\n" }
        for path in allInputs.sorted() { text += "input\0\(path)\0\(evaluator.inputs.digest(path))\n" }
        return sha256Hex(text)
    }

    /// The data files the results were computed from (`data/networks.csv`, …), published
    /// at the same path so that a reader can download the inputs beside the outputs. A
    /// file is published only with the content its digest was taken from.
    private mutating func inputFiles(taken: (String) -> Bool) -> [OutputFile] {
        allInputs.sorted().compactMap { path -> OutputFile? in
            let url = options.paper.appendingPathComponent(path)
            guard !taken(path), !path.hasPrefix("/"), !path.split(separator: "/").contains(".."),
                  !path.hasSuffix(".html"), pathProblem(url, inside: options.paper) == nil,
                  let data = try? Data(contentsOf: url) else { return nil }
            guard sha256Hex(data) == evaluator.inputs.digest(path) else {
                sink.error("'\(path)' changed while the paper was being built; build again",
                           at: SourceLocation(file: path, line: 1, column: 1))
                return nil
            }
            return OutputFile(path: path, blob: Blob(bytes: [UInt8](data)))
        }
    }

    /// Local images named in pages, copied to the same relative path in the output.
    private mutating func copiedImages() -> [OutputFile] {
        var files: [String: OutputFile] = [:]
        for page in project.pages {
            for fragment in page.fragments {
                for image in fragment.images {
                    let (raw, location) = (image.url, image.location)
                    guard !raw.isEmpty else { continue }
                    let path = (raw.removingPercentEncoding ?? raw).split(separator: "#").first.map(String.init) ?? raw
                    let url = options.paper.appendingPathComponent(path)
                    if path.hasPrefix("/") || path.split(separator: "/").contains("..") || pathProblem(url, inside: options.paper) != nil {
                        sink.error("image '\(path.prefix(80))' is outside the paper folder; only files inside it can be used", at: location)
                        continue
                    }
                    guard let data = try? Data(contentsOf: url) else {
                        sink.error("image '\(path.prefix(80))' does not exist in the paper folder", at: location)
                        continue
                    }
                    if OutputPaths.generated.contains(where: { path.hasPrefix($0 + "/") }) || path.hasSuffix(".html") {
                        sink.error("image '\(path.prefix(80))' would overwrite a generated file; move it to another folder", at: location)
                        continue
                    }
                    files[path] = OutputFile(path: path, blob: Blob(bytes: [UInt8](data)))
                }
            }
        }
        return files.values.sorted { $0.path < $1.path }
    }
}

extension OutputFile {
    /// The same content under another label: a block's files are named `FOLDER/LABEL.EXT`
    /// (`figures/fig-x.dark.svg`, `data/fig-x.csv`), so only the name's label changes.
    func relabelled(from old: String, to new: String) -> OutputFile {
        // (On UTF-8 bytes: thousands of files are relabelled in a build of a large paper.)
        let bytes = path.utf8
        guard old != new, let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return self }
        let name = bytes[bytes.index(after: slash)...]
        precondition(name.starts(with: old.utf8) && name.dropFirst(old.utf8.count).first == UInt8(ascii: "."),
                     "a block's file '\(path)' is not named after its label '\(old)'")
        let folder = Substring(bytes[...slash]), rest = Substring(name.dropFirst(old.utf8.count))
        return OutputFile(path: folder + new + rest, blob: blob)
    }
}
