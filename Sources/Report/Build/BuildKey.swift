import Foundation

/// The digest of everything a build's output depends on, recorded with each build so
/// that a rebuild with nothing changed can stop before parsing or evaluating anything.
///
/// It covers: the name and bytes of every page, of the bibliography and of the project
/// file (`report.yaml`), the notebook fingerprint, the build options that change output,
/// and the digest of every file the last build's results read (data files, local
/// images). Results depend on nothing else (the notebook contract), so an equal key
/// means an identical output folder.
struct BuildKey: Equatable {
    static let fileName = "build-key"

    var digest: String
    /// Files read by the last build's results, relative to the paper folder.
    var inputs: [String]
    var directives: Int
    var warnings: [Diagnostic]

    /// What a build read of a file: the digest of its bytes, or that it was missing.
    enum Read { case digest(String), missing }

    /// The key for the current sources, given the input list of the previous build.
    /// `read` gives what this build read of a file, where it did: a key computed from
    /// that describes the output even when a file changed during the build (a page saved
    /// while `watch` builds), so the next build, reading the file as it is, rebuilds.
    /// Files it did not read are read now.
    static func compute(paper: URL, inputs: [String], fingerprint: String, options: BuildOptions,
                        read: (String) -> Read? = { _ in nil }) -> String? {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: paper.path) else { return nil }
        var text = "fingerprint\0\(fingerprint)\nversion\0\(options.reportVersion)\n"
        text += "epoch\0\(options.sourceDateEpoch.map(String.init) ?? "-")\nself-contained\0\(options.selfContained)\n"
        // The project file too: without it an edit of `report.yaml` (the paper's title,
        // its page order) left the build "up to date", showing the old ones.
        let sources = names.filter {
            ($0.hasSuffix(".md") && !$0.hasPrefix(".")) || $0 == Project.bibliographyFile || $0 == ProjectFile.name
        }.sorted()
        let root = paper.resolvingSymlinksInPath().standardizedFileURL.path, base = paper.path + "/"
        for path in sources + ["--inputs--"] + inputs.sorted() {
            if path == "--inputs--" { text += "inputs\n"; continue }
            switch read(path) {
            case .digest(let digest)?: text += "file\0\(path)\0\(digest)\n"; continue
            case .missing?: text += "missing\0\(path)\n"; continue
            case nil: break
            }
            // A file the folder itself holds (not a link, not in a subfolder) lies inside
            // it; only the others need their links resolved (resolving each of a large
            // paper's 600 pages cost most of a build that finds nothing changed).
            var info = stat()
            let plain = !path.contains("/") && lstat(base + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            guard plain || pathProblem(URL(fileURLWithPath: base + path), insideResolved: root) == nil,
                  let data = FileManager.default.contents(atPath: base + path) else {
                text += "missing\0\(path)\n"
                continue
            }
            text += "file\0\(path)\0\(sha256Hex(data))\n"
        }
        return sha256Hex(text)
    }

    func encoded() -> [UInt8] {
        var text = "\(digest)\n\(directives)\n"
        for path in inputs { text += "input\t\(path)\n" }
        for w in warnings {
            let l = w.location
            text += "warning\t\(l?.file ?? "")\t\(l?.line ?? 0)\t\(l?.column ?? 0)\t\(w.message.replacingOccurrences(of: "\n", with: " "))\n"
        }
        return Array(text.utf8)
    }

    static func read(_ url: URL) -> BuildKey? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, lines[0].count == 64, let directives = Int(lines[1]) else { return nil }
        var key = BuildKey(digest: lines[0], inputs: [], directives: directives, warnings: [])
        for line in lines.dropFirst(2) where !line.isEmpty {
            let parts = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, parts[0] == "input" {
                key.inputs.append(parts[1])
            } else if parts.count == 5, parts[0] == "warning", let line = Int(parts[2]), let column = Int(parts[3]) {
                let location = parts[1].isEmpty ? nil : SourceLocation(file: parts[1], line: line, column: column)
                key.warnings.append(.warning(parts[4], at: location))
            } else {
                return nil
            }
        }
        return key
    }
}
