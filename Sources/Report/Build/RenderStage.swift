import Foundation
import NotebookInterface

extension BuildContext {
    /// Renders every page and collects the output files: pages, stylesheet, each
    /// directive's files and copied images (or the whole paper as one file).
    mutating func renderFiles() throws(BuildFailure) {
        let results = self.results
        var info = buildInfo()
        info.inputsDigest = inputsDigest()
        if options.selfContained { return try renderWholePaper(info: info, pageDigests: pageDigests()) }
        let inputs = RenderInputs(project: project, resolution: resolution, results: results, info: info,
                                  pageDigests: pageDigests())
        let renderer = PageRenderer(inputs: inputs)
        let previous = output?.readManifest() ?? [:]
        let coder = QuestionCoder(requests: requests)
        let recorded = RecordedAnswers(inputs: inputs, coder: coder)
        for page in project.pages {
            let key = PageRecord.key(source: project.sources[page.file] ?? [], fingerprint: fingerprint,
                                     version: options.reportVersion)
            if let kept = keptPage(page, key: key, recorded: recorded, previous: previous) {
                log.append(.page(file: page.file, changed: false, rendered: false))
                files.append(kept)
                continue
            }
            let html = renderer.document(page, body: renderer.bodyHTML(page))
            let file = OutputFile(path: page.outputName, blob: Blob(bytes: Array(html.utf8)))
            log.append(.page(file: page.file, changed: previous[file.path] != file.blob.digest, rendered: true))
            files.append(file)
            // What the page read, for the next build (not when a name cannot be written down).
            let asked = (inputs.asked[page.file] ?? []).map { ($0, coder.line($0)) }
            if asked.allSatisfy({ $0.1 != nil }) {
                let sorted = asked.sorted { $0.1! < $1.1! }
                newPageRecords[page.file] = PageRecord(key: key, html: file.blob.digest, answers: inputs.answersDigest(sorted.map(\.0)),
                                                       questions: sorted.map { $0.1! })
            }
        }
        files += pageResources(taken: Set(files.map(\.path)))
        LinkCheck.check(project, files: files, sink: &sink)
    }

    /// The files the pages link to: the stylesheet, each directive's files, copied images
    /// and the published inputs (none at a path in `taken`).
    mutating func pageResources(taken: Set<String>) -> [OutputFile] {
        let results = self.results
        var files = [OutputFile(path: "\(OutputPaths.assets)/style.css", blob: Blob(bytes: Array(stylesheet.utf8)))]
        for page in project.pages {
            for block in page.body.blocks {
                guard let label = resolution.blockLabels[block.node], let result = block.request.flatMap({ results[$0] }) else { continue }
                files += block.kind.files(label, result)
            }
        }
        files += copiedImages()
        files += inputFiles(taken: taken.union(files.map(\.path)))
        return files
    }

    /// The last build's HTML of a page, when its record shows that rendering it now
    /// would give the same bytes: same source and fingerprint, and the same answers to the
    /// questions it asked. The file is still in the output folder (the manifest says so).
    private mutating func keptPage(_ page: Page, key: String, recorded: RecordedAnswers,
                                   previous: [String: String]) -> OutputFile? {
        guard options.useCache, let output, let digest = previous[page.outputName],
              let bytes = try? Data(contentsOf: PageRecord.url(in: output.cacheURL, page: page.file)),
              let record = PageRecord([UInt8](bytes)), record.key == key, record.html == digest
        else { return nil }
        let url = output.url.appendingPathComponent(page.outputName)
        guard recorded.match(record), FileManager.default.fileExists(atPath: url.path) else { return nil }
        keptPageRecords.insert(page.file)
        return OutputFile(path: page.outputName, blob: Blob(digest: digest, file: url))
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

    /// A digest per page of everything its HTML depends on: its own source, the data
    /// files its results read, the bibliography, the paper-wide numbering and navigation,
    /// and the analysis fingerprint. Two readers with the same digest see the same page;
    /// editing one page's paragraph changes only that page's digest (and file).
    func pageDigests() -> [String: String] {
        var context = "fingerprint\0\(fingerprint)\nversion\0\(options.reportVersion)\n"
        if let bib = project.sources[Project.bibliographyFile] { context += "bib\0\(sha256Hex(bib))\n" }
        for page in project.pages {
            context += "page\0\(page.file)\0\(page.title)\n"
            // The first page lists every page's sections in its contents.
            for heading in page.headings where heading.level <= 3 { context += "heading\0\(heading.level)\0\(heading.text)\n" }
            if page === project.pages.first {
                context += "front\0\(page.frontMatter.authors.map { "\($0.name)/\($0.affiliation ?? "")" })\0\(page.frontMatter.date ?? "")\0\(page.frontMatter.url ?? "")\0\(page.frontMatter.repository ?? "")\n"
            }
        }
        for (label, target) in resolution.targets.sorted(by: { $0.key < $1.key }) {
            context += "target\0\(label)\0\(target.name)\0\(target.page.file)\n"
        }
        // Links anywhere preview a block's caption: its text, and the data its values read.
        var captionInputs: Set<String> = []
        for page in project.pages {
            for block in page.body.blocks {
                guard let body = block.body else { continue }
                context += "caption\0" + body.tree.nodes().compactMap(\.literal).joined(separator: "\u{1}") + "\n"
                for value in body.values { captionInputs.formUnion(outcomes[value.request]?.evaluation.inputs ?? []) }
            }
        }
        for path in captionInputs.sorted() { context += "caption-input\0\(path)\0\(evaluator.inputs.digest(path) ?? "-")\n" }
        for (key, n) in resolution.citationNumbers.sorted(by: { $0.key < $1.key }) { context += "cite\0\(key)\0\(n)\n" }
        let contextDigest = sha256Hex(context)
        var digests: [String: String] = [:]
        for page in project.pages {
            var text = "context\0\(contextDigest)\nsource\0\(sha256Hex(project.sources[page.file] ?? []))\n"
            // The first page cites the whole paper by the digest of all its inputs.
            var read: Set<String> = page === project.pages.first ? allInputs : []
            for fragment in page.fragments {
                for request in fragment.blocks.compactMap(\.request) + fragment.values.map(\.request) {
                    read.formUnion(outcomes[request]?.evaluation.inputs ?? [])
                }
            }
            for path in read.sorted() { text += "input\0\(path)\0\(evaluator.inputs.digest(path))\n" }
            digests[page.file] = sha256Hex(text)
        }
        return digests
    }

    /// Every data file any result read.
    private var allInputs: Set<String> { Set(outcomes.values.flatMap(\.evaluation.inputs)) }

    /// The digest of everything the paper's results read, for "Cite this paper" (see
    /// `BuildInfo.inputsDigest`).
    private func inputsDigest() -> String {
        var text = "fingerprint\0\(notebook.fingerprint)\nversion\0\(options.reportVersion)\n"
        if let bib = project.sources[Project.bibliographyFile] { text += "bib\0\(sha256Hex(bib))\n" }
        for path in allInputs.sorted() { text += "input\0\(path)\0\(evaluator.inputs.digest(path) ?? "-")\n" }
        return sha256Hex(text)
    }

    /// The data files the results were computed from (`data/networks.csv`, …), published
    /// at the same path so that a reader can download the inputs beside the outputs. A
    /// file is published only with the content its digest was taken from.
    private mutating func inputFiles(taken: Set<String>) -> [OutputFile] {
        allInputs.sorted().compactMap { path -> OutputFile? in
            let url = options.paper.appendingPathComponent(path)
            guard !taken.contains(path), !path.hasPrefix("/"), !path.split(separator: "/").contains(".."),
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
                for (raw, location) in fragment.images {
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
