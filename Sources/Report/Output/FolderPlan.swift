import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a folder must hold after a build, path by path, and where each file comes from;
/// `apply` brings a folder to it, whatever that folder held before.
///
/// The folder brought up to date is never the live output folder: it is the spare (the
/// build before last, see `OutputFolder.write`) or a fresh staging folder. Files are
/// hard links shared with the live folder, so nothing is ever written into an existing
/// file: a file that must change is unlinked and created again.
struct FolderPlan {
    enum Source {
        case folder
        /// The live folder's file at the same path (its inode `inode`), hard-linked: kept
        /// where the folder already holds that very file. `otherwise` is written when the
        /// live file is gone; without it the file is copied (an author's file that cannot
        /// be linked).
        case carried(inode: UInt64, otherwise: Blob?)
        /// A symbolic link of the author's.
        case symlink(String)
        /// A hard link of a file this plan writes afresh in the same folder (a figure
        /// drawn in this build, linked to its new cache object, as figures taken from the
        /// cache are): made after the rest; `otherwise` is written if it cannot be linked.
        case sibling(String, otherwise: Blob)
        /// Written afresh: new bytes, or a cache file checked against its digest.
        case blob(Blob)
        case bytes([UInt8])
    }

    /// The live output folder, where carried files come from.
    let live: String
    /// The planned paths in the order planned, and where each is in that list.
    private var entries: [(path: String, source: Source)] = []
    private var index: [String: Int] = [:]
    private var lastFolder = ""

    init(live: String, capacity: Int = 0) {
        self.live = live
        entries.reserveCapacity(capacity)
        index.reserveCapacity(capacity)
    }

    subscript(path: String) -> Source? { index[path].map { entries[$0].source } }

    /// Plans `path`, and the folders it lies in.
    mutating func add(_ path: String, _ source: Source) {
        if let planned = index.updateValue(entries.count, forKey: path) {
            index[path] = planned
            entries[planned].source = source
        } else {
            entries.append((path, source))
        }
        // Slashes found as bytes: a String's character search cost more than the rest
        // of planning a large paper's thirteen thousand files. Files come folder by
        // folder, so the last folder planned is usually this one.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let folder = path[..<slash]
        if folder == lastFolder[...] { return }
        lastFolder = String(folder)
        var end = path.utf8.endIndex
        while let slash = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
            let folder = String(path[..<slash])
            if index[folder] != nil { break }   // planned already, and so are its folders
            index[folder] = entries.count
            entries.append((folder, .folder))
            end = slash
        }
    }

    /// Makes `root` (whose content `existing` lists) hold exactly the plan: what it holds
    /// and the plan does not, or holds otherwise, is removed; then what is missing is
    /// made, folders first. Work is proportional to what differs, besides the listing.
    func apply(to root: String, existing: FolderListing) throws {
        let base = root + "/"
        var held = [Bool](repeating: false, count: entries.count)
        for (path, item) in existing.items {
            if let i = index[path], holds(item, as: entries[i].source, at: { base + path }) {
                held[i] = true
                continue
            }
            // A folder goes with everything in it (nothing planned lies inside a folder
            // the plan does not hold); its contents then come up here as already gone.
            if item.kind == .folder {
                do { try FileManager.default.removeItem(atPath: base + path) } catch { if !missing(error) { throw error } }
            } else if unlink(base + path) != 0 && errno != ENOENT {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
        var folders: [String] = [], files: [(String, Source)] = [], siblings: [(String, Source)] = []
        for (i, entry) in entries.enumerated() where !held[i] {
            switch entry.source {
            case .folder: folders.append(entry.path)
            case .sibling: siblings.append(entry)
            default: files.append(entry)
            }
        }
        for folder in folders.sorted() where mkdir(base + folder, 0o777) != 0 {   // parents sort first
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        for (path, source) in files + siblings { try make(path, in: base, from: source) }
    }

    /// Whether the folder's `item` is already what the plan wants there. Files written
    /// afresh never are: their old file may be the damaged one that made them redrawn.
    private func holds(_ item: FolderListing.Item, as source: Source, at path: () -> String) -> Bool {
        switch source {
        case .folder: return item.kind == .folder
        case .carried(let inode, _): return item.kind != .folder && item.inode == inode
        case .symlink(let destination):
            return item.kind == .link && (try? FileManager.default.destinationOfSymbolicLink(atPath: path())) == destination
        case .sibling, .blob, .bytes: return false
        }
    }

    private func make(_ relative: String, in base: String, from source: Source) throws {
        let path = base + relative
        switch source {
        case .folder: break
        case .carried(_, let otherwise):
            let live = self.live + "/" + relative
            if link(live, path) == 0 { return }
            if let otherwise { try place(otherwise, at: path) } else { try FileManager.default.copyItem(atPath: live, toPath: path) }
        case .symlink(let destination):
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination)
        case .sibling(let sibling, let otherwise):
            if link(base + sibling, path) != 0 { try place(otherwise, at: path) }
        case .blob(let blob): try place(blob, at: path)
        case .bytes(let bytes): try createFile(bytes, at: path)
        }
    }

    private func missing(_ error: Error) -> Bool {
        (error as? CocoaError)?.code == .fileNoSuchFile || (error as NSError).code == Int(ENOENT)
    }
}

/// Writes a blob as a new file, hard-linking a cache file when its digest still matches
/// (a corrupt cache object is rewritten from nothing and reported as an error).
func place(_ blob: Blob, at path: String) throws {
    switch blob.source {
    case .bytes(let bytes):
        try createFile(bytes, at: path)
    case .file(let source):
        let data = try Data(contentsOf: source)
        guard sha256Hex(data) == blob.digest else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "cache object \(source.lastPathComponent) is corrupt; run 'report build --no-cache'"])
        }
        if link(source.path, path) != 0 { try createFile([UInt8](data), at: path) }
    }
}

/// Writes a file that must not exist yet. `O_EXCL` makes sure of it: opening an
/// existing file would write into an inode the live folder may share.
func createFile(_ bytes: [UInt8], at path: String) throws {
    try writeFile(bytes, atPath: path, flags: O_EXCL)
}
