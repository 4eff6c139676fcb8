import Foundation
import NotebookInterface

/// `report clean`: removes what builds created in `output`, under the build lock.
/// Returns the files it kept because a build did not create them.
public func clean(output: URL, paper: URL) throws(Diagnostic) -> [String] {
    try OutputFolder.check(output, paper: paper)
    let folder = OutputFolder(url: output)
    guard FileManager.default.fileExists(atPath: output.path) else { return [] }
    let lock = try BuildLock(folder.lockURL) {}
    defer { withExtendedLifetime(lock) {} }
    folder.removeStaleStaging()
    let kept = try folder.clean()
    try? FileManager.default.removeItem(at: folder.lockURL)
    return kept
}

extension Diagnostic {
    /// A notebook problem outside any page (for `report values` and `report list`).
    public init(problem: Problem) {
        self.init(problem, fallback: nil)
    }
}
