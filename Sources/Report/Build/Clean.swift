import Foundation
import NotebookInterface

/// `report clean`: removes what builds created in `output`, under the build lock.
/// Returns the files it kept because a build did not create them.
public func clean(output: URL, paper: URL) throws(Diagnostic) -> [String] {
    try OutputFolder.check(output, paper: paper)
    let folder = OutputFolder(url: output)
    let fm = FileManager.default
    guard fm.fileExists(atPath: output.path) || fm.fileExists(atPath: folder.spareURL.path) else { return [] }
    let lock = try BuildLock(folder.lockURL) {}
    defer { withExtendedLifetime(lock) {} }
    folder.removeStaleStaging()
    let kept = fm.fileExists(atPath: output.path) ? try folder.clean() : []
    folder.removeSpare()
    try? FileManager.default.removeItem(at: folder.lockURL)
    return kept
}

extension Diagnostic {
    /// A notebook problem outside any page (for `report values` and `report list`).
    public init(problem: Problem) {
        self.init(problem, fallback: nil)
    }
}
