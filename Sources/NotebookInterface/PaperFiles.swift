import Foundation
import Synchronization

/// The paper folder as a notebook reads it. A notebook reads files only through the
/// `PaperFiles` it is handed: the builder's records every path with the digest of the
/// bytes read, and caches each result on exactly what it read. Nothing is declared by
/// hand, so nothing can be forgotten.
public protocol PaperFiles: Sendable {
    /// The bytes of a file, by its path relative to the paper folder. Throws a problem
    /// located in that file when it does not exist, cannot be read, or resolves (through
    /// a link) to a place outside the paper folder.
    func read(_ path: String) throws(NotebookError) -> [UInt8]

    /// Whether the file exists; recorded too, since a result may depend on a file's absence.
    func exists(_ path: String) -> Bool
}

extension PaperFiles {
    /// A file's text (UTF-8).
    public func text(_ path: String) throws(NotebookError) -> String {
        let bytes = try read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .problems([Problem(.error, "cannot read the file as UTF-8 text", file: path)])
        }
        return text
    }
}

/// Reads a paper folder directly and records nothing: for tools and tests that call a
/// notebook themselves (the builder hands notebooks its own, recording, reader).
public struct FolderFiles: PaperFiles {
    public let folder: URL

    public init(_ folder: URL) { self.folder = folder }

    public func read(_ path: String) throws(NotebookError) -> [UInt8] {
        let url = folder.appendingPathComponent(path)
        // A data file must really live in the paper folder: a link pointing elsewhere
        // would make results depend on a file the paper does not hold.
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let target = url.resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw .problems([Problem(.error, "the file resolves to '\(target)', outside the paper folder", file: path)])
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw .problems([Problem(.error, exists ? "cannot read the file" : "file not found", file: path)])
        }
        return [UInt8](data)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
    }
}

/// A reader that remembers which paths went through it, for a notebook that keeps what
/// it loaded: a later request that reuses the loaded value reads the same paths again
/// (`replay`), so that its own reader records them too.
public final class ReadLog: PaperFiles {
    public enum Access: Sendable, Hashable {
        case read(String)
        case exists(String)
    }

    private let inner: any PaperFiles
    private let accesses = Mutex<[Access]>([])

    public init(_ inner: any PaperFiles) { self.inner = inner }

    public var log: [Access] { accesses.withLock { $0 } }

    public func read(_ path: String) throws(NotebookError) -> [UInt8] {
        accesses.withLock { $0.append(.read(path)) }
        return try inner.read(path)
    }

    public func exists(_ path: String) -> Bool {
        accesses.withLock { $0.append(.exists(path)) }
        return inner.exists(path)
    }

    /// Makes `files` see the same accesses (their outcomes are ignored: the value they
    /// led to is already known).
    public static func replay(_ log: [Access], into files: any PaperFiles) {
        for access in log {
            switch access {
            case .read(let path): _ = try? files.read(path)
            case .exists(let path): _ = files.exists(path)
            }
        }
    }
}
