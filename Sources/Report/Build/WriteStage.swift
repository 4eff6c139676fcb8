import Foundation
import NotebookInterface

extension BuildContext {
    /// Writes the output folder (unless this is `report check`) with this build's new
    /// cache entries, under the build lock, and records the build key.
    mutating func writeOutput() throws(BuildFailure) {
        guard let output else { return }
        var entries: [String: [UInt8]] = [:]
        var objects: [Blob] = []
        for outcome in outcomes.values {
            guard let new = outcome.newEntry else { continue }
            entries[new.key] = ResultCache.encode(new.entry)
            objects += new.objects
        }
        do {
            let lock = try BuildLock(output.lockURL) {
                FileHandle.standardError.write(Data("report: waiting for another build of '\(output.url.path)' to finish\n".utf8))
            }
            defer { withExtendedLifetime(lock) {} }
            output.removeStaleStaging()
            wrote = try output.write(files, cacheEntries: entries, cacheObjects: objects, keepOldCache: options.useCache,
                                     verifiedObjects: evaluator.cache.verified.all,
                                     buildKey: buildKey(),
                                     pageRecords: (newPageRecords.mapValues(\.encoded), keptPageRecords))
        } catch {
            throw BuildFailure([error])
        }
        log.append(wrote ? .wrote(files: files.count, to: options.output?.path ?? "") : .nothingWritten)
    }

    /// The record that lets the next build with identical inputs stop early (`BuildKey`).
    private func buildKey() -> [UInt8]? {
        let evaluated = Set(outcomes.values.flatMap(\.evaluation.inputs))
        var inputs = evaluated
        for page in project.pages {
            for fragment in page.fragments {
                for image in fragment.images { inputs.insert(image.url.removingPercentEncoding ?? image.url) }
            }
        }
        // Every source file read is an input too: pages in subfolders, which only
        // report.yaml names, are not among the paper folder's files the key lists (an
        // edit of one left the build "up to date").
        inputs.formUnion(project.sources.keys)
        let list = inputs.sorted()
        // The key is made of what this build read (pages as loaded, data as evaluated),
        // not of the files as they are now, which may have changed since.
        let sources = project.sources.mapValues { sha256Hex($0) }
        let read = { (path: String) -> BuildKey.Read? in
            if let digest = sources[path] { return .digest(digest) }
            guard evaluated.contains(path) else { return nil }
            let digest = evaluator.inputs.digest(path)
            return digest == InputDigests.absent || digest == InputDigests.unreadable ? .missing : .digest(digest)
        }
        guard let digest = BuildKey.compute(paper: options.paper, inputs: list, fingerprint: fingerprint,
                                            options: options, read: read) else { return nil }
        return BuildKey(digest: digest, inputs: list, directives: outcomes.count, warnings: sink.warnings).encoded()
    }
}
