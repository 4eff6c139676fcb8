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
        var inputs = Set(outcomes.values.flatMap(\.evaluation.inputs))
        for page in project.pages {
            for fragment in page.fragments {
                for image in fragment.images { inputs.insert(image.url.removingPercentEncoding ?? image.url) }
            }
        }
        let list = inputs.sorted()
        guard let digest = BuildKey.compute(paper: options.paper, inputs: list, fingerprint: fingerprint,
                                            options: options) else { return nil }
        return BuildKey(digest: digest, inputs: list, directives: outcomes.count, warnings: sink.warnings).encoded()
    }
}
