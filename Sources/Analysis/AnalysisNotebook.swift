// STUB — the dataset/notebook work replaces this file.
import Foundation
import NotebookInterface

/// The paper's notebook: reads `data/` under the paper folder and answers directives.
public final class AnalysisNotebook: Notebook {
    public let paperDirectory: URL
    public let fingerprint: String

    public init(paperDirectory: URL, fingerprint: String) {
        self.paperDirectory = paperDirectory
        self.fingerprint = fingerprint
    }

    public func offers() throws(NotebookError) -> [Offer] { [] }

    public func evaluate(_ request: Request) throws(NotebookError) -> Result {
        throw .unknownName(request.kind, request.name)
    }
}
