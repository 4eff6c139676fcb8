import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file of the output folder and its content.
struct OutputFile: Sendable {
    var path: String     // relative, e.g. "figures/fig-x.png"
    var blob: Blob
}

/// Writes the output folder so that it is always complete: everything goes into a
/// staging folder beside it, which is then swapped in with one atomic rename. A build
/// that fails, or is killed at any moment, leaves the previous folder exactly as it was.
/// A lock beside the folder keeps two builds from mixing their files.
struct OutputFolder {
    let url: URL
    /// The manifest lists every file a build wrote, with its digest: it tells `clean`
    /// what it may delete and lets a build that changes nothing write nothing.
    static let manifestName = ".report-manifest"

    var parent: URL { url.deletingLastPathComponent() }
    var name: String { url.lastPathComponent }
    var lockURL: URL { parent.appendingPathComponent(".\(name).lock") }
    var cacheURL: URL { url.appendingPathComponent(ResultCache.folderName) }

    /// Refuses output folders whose replacement would destroy something that is not
    /// a build: the root, the home folder, the paper folder or a folder containing it,
    /// and any existing folder that a build did not create.
    static func check(_ out: URL, paper: URL) throws(Diagnostic) {
        let outPath = out.resolvingSymlinksInPath().standardizedFileURL.path
        let paperPath = paper.resolvingSymlinksInPath().standardizedFileURL.path
        let home = FileManager.default.homeDirectoryForCurrentUser.resolvingSymlinksInPath().standardizedFileURL.path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().standardizedFileURL.path
        func refuse(_ why: String) -> Diagnostic { .error("refusing to use '\(out.path)' as the output folder: \(why)", at: nil) }
        if outPath == "/" { throw refuse("it is the root folder") }
        if outPath == home { throw refuse("it is the home folder") }
        if outPath == cwd { throw refuse("it is the current folder") }
        if outPath == paperPath { throw refuse("it is the paper folder") }
        if paperPath.hasPrefix(outPath + "/") { throw refuse("it contains the paper folder") }
        if outPath.hasPrefix(paperPath + "/") { throw refuse("it is inside the paper folder") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw refuse("it is a file") }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            if !contents.isEmpty, !contents.contains(manifestName) {
                throw refuse("it exists and was not made by report (no \(manifestName) in it); remove it or choose another --out")
            }
        }
    }

    func readManifest() -> [String: String]? {
        guard let data = try? Data(contentsOf: url.appendingPathComponent(Self.manifestName)) else { return nil }
        // Split as bytes: a large paper's manifest has ten thousand lines, and splitting
        // a String by Characters cost more than the rest of reading it.
        var files: [String: String] = [:]
        for line in [UInt8](data).split(separator: 0x0A) {
            guard let space = line.firstIndex(of: 0x20) else { continue }
            files[String(decoding: line[(space + 1)...], as: UTF8.self)] = String(decoding: line[..<space], as: UTF8.self)
        }
        return files
    }

    static func manifestText(_ files: [OutputFile]) -> String {
        files.sorted { $0.path < $1.path }.map { "\($0.blob.digest) \($0.path)\n" }.joined()
    }

    /// Writes `files` and the cache, unless the folder already holds exactly these
    /// files. Returns whether anything was written.
    /// `pageRecords` are the records of the pages rendered (by page file) and of the
    /// pages taken from the last build, whose records are kept (see `PageRecord`).
    func write(_ files: [OutputFile], cacheEntries: [String: [UInt8]], cacheObjects: [Blob],
               keepOldCache: Bool, verifiedObjects: Set<String> = [], buildKey: [UInt8]? = nil,
               pageRecords: (new: [String: [UInt8]], kept: Set<String>) = ([:], [])) throws(Diagnostic) -> Bool {
        let keyURL = cacheURL.appendingPathComponent(BuildKey.fileName)
        let old = readManifest()   // read once: a large paper's lists ten thousand files
        if let old, old == Dictionary(files.map { ($0.path, $0.blob.digest) }, uniquingKeysWith: { a, _ in a }),
           cacheEntries.isEmpty, pageRecords.new.isEmpty, files.allSatisfy({ FileManager.default.fileExists(atPath: url.path + "/" + $0.path) }) {
            // The output is unchanged; only the record of the inputs may be new (an edit
            // that changes nothing visible). It is replaced by a rename, never half-written.
            if let buildKey, (try? Data(contentsOf: keyURL)).map([UInt8].init) != buildKey {
                let temporary = cacheURL.appendingPathComponent(".\(BuildKey.fileName).\(getpid())")
                if (try? writeFile(buildKey, to: temporary)) != nil { _ = rename(temporary.path, keyURL.path) }
            }
            return false
        }
        let fm = FileManager.default
        let previous = old ?? [:]
        // Files the author put in the output folder are not the build's to delete: they
        // move into the new folder with it; one in the way of a generated file stops the
        // build before anything is written.
        let theirs = authorEntries(previous: previous)
        let generated = Set(files.map(\.path))
        let blocked = theirs.filter { entry in
            generated.contains(entry.path) || generated.contains { $0.hasPrefix(entry.path + "/") }
                || (!entry.isFolder && generated.contains { entry.path.hasPrefix($0 + "/") })
        }
        if let first = blocked.first {
            throw .error("'\(url.appendingPathComponent(first.path).path)' was not written by report and this build would replace it; "
                         + "move it out of the output folder (files of yours elsewhere in it are kept)", at: nil)
        }
        let staging = parent.appendingPathComponent(".\(name).tmp-\(getpid())")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for entry in theirs {
                let source = url.appendingPathComponent(entry.path), target = staging.appendingPathComponent(entry.path)
                if entry.isFolder {
                    try fm.createDirectory(at: target, withIntermediateDirectories: true)
                } else {
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if let destination = entry.linkDestination {
                        try fm.createSymbolicLink(atPath: target.path, withDestinationPath: destination)
                    } else if link(source.path, target.path) != 0 {
                        try fm.copyItem(at: source, to: target)
                    }
                }
            }
            // Files unchanged since the last build are hard-linked from it, not rewritten.
            // (Paths as strings and each folder made once: a large paper has ten thousand
            // files, and URL arithmetic per file cost a tenth of a second.)
            let stagingPath = staging.path + "/", oldPath = url.path + "/"
            var folders: Set<Substring> = []
            for file in files {
                // Drawn afresh this build (bytes in memory): written, not linked, since an
                // old file of that name may be the damaged one that made it redraw.
                if previous[file.path] == file.blob.digest, case .file = file.blob.source {
                    if let slash = file.path.lastIndex(of: "/"), folders.insert(file.path[..<slash]).inserted {
                        try fm.createDirectory(atPath: stagingPath + file.path[..<slash], withIntermediateDirectories: true)
                    }
                    if link(oldPath + file.path, stagingPath + file.path) == 0 { continue }
                }
                try place(file.blob, at: staging.appendingPathComponent(file.path))
            }
            // The cache: the old folder's entries and objects are carried over (hard
            // links, no copying), then this build's new ones are added.
            let cache = staging.appendingPathComponent(ResultCache.folderName)
            try fm.createDirectory(at: cache.appendingPathComponent("entries"), withIntermediateDirectories: true)
            try fm.createDirectory(at: cache.appendingPathComponent("objects"), withIntermediateDirectories: true)
            if keepOldCache {
                // Entries not replaced by this build are kept (an edit that is undone
                // finds its old results), and with them exactly the objects some kept
                // entry names, so that replaced figures do not pile up.
                var referenced = Set(cacheEntries.values.flatMap(objectDigests))
                let entries = cacheURL.appendingPathComponent("entries")
                for item in (try? fm.contentsOfDirectory(atPath: entries.path)) ?? []
                where !item.hasPrefix(".") && cacheEntries[String(item.dropLast(5))] == nil {
                    let source = entries.appendingPathComponent(item)
                    guard let bytes = try? Data(contentsOf: source) else { continue }
                    referenced.formUnion(objectDigests([UInt8](bytes)))
                    linkOrCopy(source, to: cache.appendingPathComponent("entries").appendingPathComponent(item))
                }
                let objects = cacheURL.appendingPathComponent("objects")
                // Objects drawn afresh this build are placed from its bytes below, not
                // carried over: an old file of that name may be the damaged one.
                let fresh = Set(cacheObjects.map(\.digest))
                for item in (try? fm.contentsOfDirectory(atPath: objects.path)) ?? []
                where referenced.contains(item) && !fresh.contains(item) {
                    linkOrCopy(objects.appendingPathComponent(item), to: cache.appendingPathComponent("objects").appendingPathComponent(item))
                }
            }
            for (key, bytes) in cacheEntries {
                try writeFile(bytes, to: ResultCache.entryPath(cache, key: key))
            }
            try fm.createDirectory(at: cache.appendingPathComponent(PageRecord.folderName), withIntermediateDirectories: true)
            for file in pageRecords.kept {
                linkOrCopy(PageRecord.url(in: cacheURL, page: file), to: PageRecord.url(in: cache, page: file))
            }
            for (file, bytes) in pageRecords.new {
                try writeFile(bytes, to: PageRecord.url(in: cache, page: file))
            }
            var placed: Set<String> = []
            for object in cacheObjects {
                let target = ResultCache.objectPath(cache, digest: object.digest)
                if !fm.fileExists(atPath: target.path) {
                    try place(object, at: target)
                    placed.insert(object.digest)
                }
            }
            // Known right: the objects this build wrote or hashed (one carried over
            // under a name this build drew again is known only if it was hashed).
            try ObjectStamps.write(cache: cache, known: verifiedObjects.union(placed),
                                   earlier: keepOldCache ? ObjectStamps.read(cache: cacheURL) : [:])
            if let buildKey { try writeFile(buildKey, to: cache.appendingPathComponent(BuildKey.fileName)) }
            // The manifest last: a folder with a manifest is a complete build.
            try writeFile(Array(Self.manifestText(files).utf8), to: staging.appendingPathComponent(Self.manifestName))
        } catch {
            try? fm.removeItem(at: staging)
            throw .error("cannot write the output folder: \(describe(error))", at: nil)
        }
        try swapIn(staging)
        return true
    }

    /// A file, folder or link in the output folder that no build wrote (not in the
    /// manifest, not the cache), as a path relative to the folder.
    struct AuthorEntry: Equatable {
        var path: String
        var isFolder: Bool
        var linkDestination: String?
    }

    /// Everything in the folder that the last build did not write, parents first. A
    /// folder is listed only when nothing of the build's lies inside it (then the
    /// files of it that are the author's are listed one by one).
    func authorEntries(previous: [String: String]) -> [AuthorEntry] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else { return [] }
        let ours = Set(previous.keys)
        let ourFolders = Set(ours.flatMap { path -> [String] in
            let parts = path.split(separator: "/").dropLast()
            return parts.indices.map { parts[parts.startIndex...$0].joined(separator: "/") }
        })
        var out: [AuthorEntry] = []
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? url : url.appendingPathComponent(relative)
            for item in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                let path = relative.isEmpty ? item : relative + "/" + item
                if relative.isEmpty && (item == ResultCache.folderName || item == Self.manifestName) { continue }
                if ours.contains(path) { continue }
                let full = url.appendingPathComponent(path)
                if let destination = try? fm.destinationOfSymbolicLink(atPath: full.path) {
                    out.append(AuthorEntry(path: path, isFolder: false, linkDestination: destination))
                    continue
                }
                var isDirectory: ObjCBool = false
                fm.fileExists(atPath: full.path, isDirectory: &isDirectory)
                if isDirectory.boolValue {
                    if ourFolders.contains(path) { walk(path) } else {
                        out.append(AuthorEntry(path: path, isFolder: true))
                        walkAll(path)
                    }
                } else {
                    out.append(AuthorEntry(path: path, isFolder: false))
                }
            }
        }
        /// Inside a folder of the author's: everything, as it is.
        func walkAll(_ relative: String) {
            for item in ((try? fm.contentsOfDirectory(atPath: url.appendingPathComponent(relative).path)) ?? []).sorted() {
                let path = relative + "/" + item
                let full = url.appendingPathComponent(path)
                if let destination = try? fm.destinationOfSymbolicLink(atPath: full.path) {
                    out.append(AuthorEntry(path: path, isFolder: false, linkDestination: destination))
                    continue
                }
                var isDirectory: ObjCBool = false
                fm.fileExists(atPath: full.path, isDirectory: &isDirectory)
                out.append(AuthorEntry(path: path, isFolder: isDirectory.boolValue))
                if isDirectory.boolValue { walkAll(path) }
            }
        }
        walk("")
        return out
    }

    /// Writes a blob, hard-linking a cached file when its digest still matches (a
    /// corrupt cache object is rewritten from nothing and reported as an error).
    private func place(_ blob: Blob, at target: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        switch blob.source {
        case .bytes(let bytes):
            try writeFile(bytes, to: target)
        case .file(let source):
            let data = try Data(contentsOf: source)
            guard sha256Hex(data) == blob.digest else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "cache object \(source.lastPathComponent) is corrupt; run 'report build --no-cache'"])
            }
            if link(source.path, target.path) != 0 { try writeFile([UInt8](data), to: target) }
        }
    }

    private func linkOrCopy(_ source: URL, to target: URL) {
        if link(source.path, target.path) != 0 { try? FileManager.default.copyItem(at: source, to: target) }
    }

    /// Puts `staging` where the output folder is, atomically: Linux's renameat2 with
    /// RENAME_EXCHANGE swaps two folders in one step, so there is no moment without a
    /// complete output folder. (It is looked up at run time because Swift's Glibc
    /// module does not declare it.)
    private func swapIn(_ staging: URL) throws(Diagnostic) {
        let fm = FileManager.default
        if !fm.fileExists(atPath: url.path) {
            guard rename(staging.path, url.path) == 0 else {
                try? fm.removeItem(at: staging)
                throw .error("cannot move the new output into place: \(String(cString: strerror(errno)))", at: nil)
            }
            return
        }
        if let exchange = renameExchange, exchange(AT_FDCWD, staging.path, AT_FDCWD, url.path, 2 /* RENAME_EXCHANGE */) == 0 {
            try? fm.removeItem(at: staging)   // now holds the previous build
            return
        }
        // Fallback (file systems without RENAME_EXCHANGE): two renames.
        let old = parent.appendingPathComponent(".\(name).old-\(getpid())")
        guard rename(url.path, old.path) == 0, rename(staging.path, url.path) == 0 else {
            throw .error("cannot move the new output into place: \(String(cString: strerror(errno)))", at: nil)
        }
        try? fm.removeItem(at: old)
    }

    /// Removes staging folders left by builds that were killed.
    func removeStaleStaging() {
        let fm = FileManager.default
        for item in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where item.hasPrefix(".\(name).tmp-") || item.hasPrefix(".\(name).old-") {
            try? fm.removeItem(at: parent.appendingPathComponent(item))
        }
    }

    /// Deletes what builds created: the files listed in the manifest, the cache, the
    /// manifest, and folders left empty. Anything else is kept and reported.
    func clean() throws(Diagnostic) -> [String] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else { return [] }
        guard let manifest = readManifest() else {
            throw .error("'\(url.path)' was not made by report (no \(Self.manifestName)); not removing it", at: nil)
        }
        let root = url.resolvingSymlinksInPath().standardizedFileURL.path + "/"
        for path in manifest.keys {
            let file = url.appendingPathComponent(path)
            // The file's folder, links resolved, must be inside the output folder: a
            // manifest entry never reaches outside through `..` or a symlinked folder.
            let folder = file.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL.path + "/"
            guard file.standardizedFileURL.path.hasPrefix(url.standardizedFileURL.path + "/"), folder.hasPrefix(root) else { continue }
            try? fm.removeItem(at: file)
        }
        try? fm.removeItem(at: cacheURL)
        try? fm.removeItem(at: url.appendingPathComponent(Self.manifestName))
        // Remove empty folders, deepest first; whatever remains was not ours.
        let enumerator = fm.enumerator(atPath: url.path)
        var folders: [String] = []
        var leftovers: [String] = []
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            fm.fileExists(atPath: url.appendingPathComponent(item).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { folders.append(item) } else { leftovers.append(item) }
        }
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            _ = rmdir(url.appendingPathComponent(folder).path)
        }
        _ = rmdir(url.path)
        return leftovers.sorted()
    }
}

/// The object digests a cache entry names: every quoted run of exactly 64 lowercase hex
/// digits (object digests are the only such strings besides the integrity line, which
/// is not quoted). Scanning bytes is much cheaper than decoding each entry's JSON.
func objectDigests(_ bytes: [UInt8]) -> [String] {
    var found: [String] = []
    var i = 0
    while i + 65 < bytes.count {
        if bytes[i] == UInt8(ascii: "\""), bytes[i + 65] == UInt8(ascii: "\""),
           bytes[(i + 1)...(i + 64)].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) {
            found.append(String(decoding: bytes[(i + 1)...(i + 64)], as: UTF8.self))
            i += 66
        } else {
            i += 1
        }
    }
    return found
}

/// Writes a file with plain POSIX calls. Foundation's `Data.write` calls fsync for
/// every file, which made writing a build's ~150 files take 0.4 s; durability against
/// power loss is not what the staging folder is for (it protects against failed and
/// killed builds, for which the page cache is enough).
func writeFile(_ bytes: [UInt8], to url: URL) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
        if n < 0 {
            if errno == EINTR { continue }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        offset += n
    }
}

private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
private let renameExchange: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

/// An exclusive lock on the output folder for the duration of a build, so that two
/// builds started at once write one after the other.
final class BuildLock {
    private let fd: Int32

    init(_ url: URL, onWait: () -> Void) throws(Diagnostic) {
        fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .error("cannot create lock file '\(url.path)': \(String(cString: strerror(errno)))", at: nil)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            _ = flock(fd, LOCK_EX)
        }
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
