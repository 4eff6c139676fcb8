import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file of the output folder and its content.
struct OutputFile: Sendable {
    var path: String     // relative, e.g. "figures/fig-x.png"
    var blob: Blob
}

/// Writes the output folder so that it is always complete: the new folder is put
/// together beside it (in the spare, or a staging folder), then swapped in with one
/// atomic rename. A build that fails, or is killed at any moment, leaves the previous
/// folder exactly as it was. A lock beside the folder keeps two builds from mixing
/// their files.
struct OutputFolder {
    let url: URL
    /// Whether to swap folders with RENAME_EXCHANGE; tests turn it off to take the path
    /// of file systems that lack it.
    var swapByExchange = true
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
        // Lines found with memchr in the bytes: a large paper's manifest has thirteen
        // thousand lines, and each build reads it three times (splitting a String by
        // Characters, then an array of byte slices, cost more than the rest of reading).
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [String: String] in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return [:] }
            var files: [String: String] = [:]
            files.reserveCapacity(bytes.count / 100)
            var start = 0
            while start < bytes.count {
                let end = memchr(base + start, 0x0A, bytes.count - start)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                if let space = memchr(base + start, 0x20, end - start) {
                    let at = base.distance(to: space.assumingMemoryBound(to: UInt8.self))
                    let digest = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                    files[String(decoding: UnsafeBufferPointer(rebasing: bytes[(at + 1)..<end]), as: UTF8.self)] = digest
                }
                start = end + 1
            }
            return files
        }
    }

    /// Whether every file `manifest` lists is in the folder: one listing of the folder,
    /// where a `stat` per file cost a large paper's no-op build a third of its time.
    func holdsEveryFile(of manifest: [String: String]) -> Bool {
        let listing = FolderListing(url.path, capacity: manifest.count + 1024)
        return manifest.keys.allSatisfy { listing.items[$0] != nil }
    }

    /// The manifest's bytes, built as bytes: interpolating a String per line cost a
    /// large paper's build more than writing the file.
    static func manifestBytes(_ files: [OutputFile]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(files.count * 100)
        for file in files.sorted(by: { $0.path < $1.path }) {
            bytes += file.blob.digest.utf8
            bytes.append(0x20)
            bytes += file.path.utf8
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Writes `files` and the cache, unless the folder already holds exactly these
    /// files. Returns whether anything was written.
    /// `pageRecords` are the records of the pages rendered (by page file) and of the
    /// pages taken from the last build, whose records are kept (see `PageRecord`).
    ///
    /// The new folder is put together beside the live one and exchanged with it in one
    /// atomic step, so a build stopped at any moment leaves the previous folder whole.
    /// The folder it replaces is kept as the spare (`spareURL`): the next build brings
    /// the spare up to date by changing only the files that differ (a one-page edit of
    /// a 600-page paper changes a few files of 13,000), instead of linking every file
    /// into a new folder and deleting the old one.
    func write(_ files: [OutputFile], cacheEntries: [String: [UInt8]], cacheObjects: [Blob],
               keepOldCache: Bool, verifiedObjects: Set<String> = [], buildKey: [UInt8]? = nil,
               pageRecords: (new: [String: [UInt8]], kept: Set<String>) = ([:], [])) throws(Diagnostic) -> Bool {
        let keyURL = cacheURL.appendingPathComponent(BuildKey.fileName)
        let old = readManifest()   // read once: a large paper's lists ten thousand files
        if let old, cacheEntries.isEmpty, pageRecords.new.isEmpty,
           old == Dictionary(files.map { ($0.path, $0.blob.digest) }, uniquingKeysWith: { a, _ in a }), holdsEveryFile(of: old) {
            // The output is unchanged; only the record of the inputs may be new (an edit
            // that changes nothing visible). It is replaced by a rename, never half-written.
            if let buildKey, (try? Data(contentsOf: keyURL)).map([UInt8].init) != buildKey {
                let temporary = cacheURL.appendingPathComponent(".\(BuildKey.fileName).\(getpid())")
                if (try? writeFile(buildKey, to: temporary)) != nil { _ = rename(temporary.path, keyURL.path) }
            }
            return false
        }
        let previous = old ?? [:]
        let live = FolderListing(url.path, capacity: previous.count + 1024)
        // Files the author put in the output folder are not the build's to delete: they
        // move into the new folder with it; one in the way of a generated file stops the
        // build before anything is written.
        let theirs = authorEntries(previous: previous, live: live)
        // (Looked up by path and by folder: an author's few files each compared with
        // every generated path cost milliseconds apiece on a large paper.)
        let generated = theirs.isEmpty ? [] : Set(files.map(\.path))
        var generatedFolders: Set<Substring> = []
        if !theirs.isEmpty {
            for path in generated {
                var end = path.utf8.endIndex
                while let slash = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")),
                      generatedFolders.insert(path[..<slash]).inserted {
                    end = slash
                }
            }
        }
        let blocked = theirs.filter { entry in
            // Theirs where a generated file goes, or where a generated file's folder goes.
            if generated.contains(entry.path) || generatedFolders.contains(Substring(entry.path)) { return true }
            // A file of theirs inside a generated file's place.
            guard entry.kind != .folder else { return false }
            var end = entry.path.utf8.endIndex
            while let slash = entry.path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                if generated.contains(String(entry.path[..<slash])) { return true }
                end = slash
            }
            return false
        }
        if let first = blocked.first {
            throw .error("'\(url.appendingPathComponent(first.path).path)' was not written by report and this build would replace it; "
                         + "move it out of the output folder (files of yours elsewhere in it are kept)", at: nil)
        }
        let (folder, existing) = workFolder(capacity: live.items.count + 1024)
        do {
            let plan = try plan(files, previous: previous, live: live, theirs: theirs, cacheEntries: cacheEntries,
                                cacheObjects: cacheObjects, keepOldCache: keepOldCache, buildKey: buildKey, pageRecords: pageRecords)
            try plan.apply(to: folder.path, existing: existing)
            // Known right: the objects this build wrote or hashed (one carried over
            // under a name this build drew again is known only if it was hashed).
            try ObjectStamps.write(cache: folder.appendingPathComponent(ResultCache.folderName),
                                   known: verifiedObjects.union(cacheObjects.map(\.digest)),
                                   earlier: keepOldCache ? ObjectStamps.read(cache: cacheURL) : [:])
            // The manifest last: a folder with a manifest is a complete build.
            try createFile(Self.manifestBytes(files), at: folder.path + "/" + Self.manifestName)
        } catch {
            // A spare left without its manifest is discarded by the next build.
            if folder != spareURL { try? FileManager.default.removeItem(at: folder) }
            throw .error("cannot write the output folder: \(describe(error))", at: nil)
        }
        try swapIn(folder)
        return true
    }

    /// The spare: the folder the last build replaced, kept beside the output folder (and
    /// hidden, like the lock) for the next build to bring up to date. Nothing but a build
    /// under the lock touches it; `clean` removes it.
    var spareURL: URL { parent.appendingPathComponent(".\(name).spare") }

    /// Where this build puts the new folder together, and what it holds: the spare, when
    /// the build that left it finished it (its manifest is there), or else a new, empty
    /// staging folder. The spare's manifest is removed before anything in it changes, so
    /// that a spare whose update was stopped halfway is known as such and discarded.
    private func workFolder(capacity: Int) -> (URL, FolderListing) {
        let fm = FileManager.default
        let spare = spareURL, manifest = spare.path + "/" + Self.manifestName
        // A folder of its own (not a link, which might lead to the live folder itself).
        var info = stat()
        let isFolder = lstat(spare.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        if isFolder, fm.fileExists(atPath: manifest), unlink(manifest) == 0 {
            return (spare, FolderListing(spare.path, capacity: capacity))
        }
        try? fm.removeItem(at: spare)
        let staging = parent.appendingPathComponent(".\(name).tmp-\(getpid())")
        try? fm.removeItem(at: staging)
        try? fm.createDirectory(at: staging, withIntermediateDirectories: true)
        return (staging, FolderListing())
    }

    /// The new folder, path by path: the generated files, the author's files, the cache.
    /// Whatever is the same as in the live folder is carried from it (a hard link, kept
    /// where the work folder already has it); the rest is written afresh.
    private func plan(_ files: [OutputFile], previous: [String: String], live: FolderListing, theirs: [AuthorEntry],
                      cacheEntries: [String: [UInt8]], cacheObjects: [Blob], keepOldCache: Bool, buildKey: [UInt8]?,
                      pageRecords: (new: [String: [UInt8]], kept: Set<String>)) throws -> FolderPlan {
        var plan = FolderPlan(live: url.path, capacity: max(files.count, live.items.count) + 1024)
        let livePath = url.path + "/"
        // Objects drawn in this build: a file of the same digest is written from the new
        // bytes, not carried, since the old file may be the damaged one that made it redraw
        // (the published figure is a hard link of the object).
        let fresh = Set(cacheObjects.map(\.digest))
        let relative = { (url: URL) in String(url.path.dropFirst(livePath.count)) }
        var objectPaths: [String: String] = [:]   // by digest (a URL per file cost more than the rest)
        var written: [String: String] = [:]       // a path written from bytes, by digest
        for file in files {
            var drawn = false
            if case .bytes = file.blob.source { drawn = fresh.contains(file.blob.digest) }
            // Unchanged since the last build: its file is carried. (That includes files
            // made again from bytes, such as a table's CSV: the manifest says the live
            // file has these bytes, as it does for a page taken from the last build.)
            if previous[file.path] == file.blob.digest, !drawn, let item = live.items[file.path], item.kind == .file {
                plan.add(file.path, .carried(inode: item.inode, otherwise: file.blob))
            } else if drawn {
                // Written once, as the object: the 100-times paper shows each of its 102
                // drawn files under a hundred labels (1.3 GB written, where 13 MB are new).
                let object = objectPaths[file.blob.digest] ?? relative(ResultCache.objectPath(cacheURL, digest: file.blob.digest))
                objectPaths[file.blob.digest] = object
                plan.add(file.path, .sibling(object, otherwise: file.blob))
            } else if case .bytes = file.blob.source, let first = written[file.blob.digest] {
                // The same bytes under another name (the CSV of a figure shown under many
                // labels): one file, linked.
                plan.add(file.path, .sibling(first, otherwise: file.blob))
            } else {
                plan.add(file.path, .blob(file.blob))
                if case .bytes = file.blob.source { written[file.blob.digest] = file.path }
            }
        }
        for entry in theirs {
            switch entry.kind {
            case .folder: plan.add(entry.path, .folder)
            case .link: plan.add(entry.path, .symlink(entry.linkDestination ?? ""))
            case .file, .other: plan.add(entry.path, .carried(inode: entry.inode, otherwise: nil))
            }
        }
        // The cache, by paths relative to the output folder (ResultCache and PageRecord
        // say where each file lies).
        let entries = relative(cacheURL.appendingPathComponent("entries")), objects = relative(cacheURL.appendingPathComponent("objects"))
        let pages = relative(cacheURL.appendingPathComponent(PageRecord.folderName))
        for folder in [entries, objects, pages] { plan.add(folder, .folder) }
        var references: [String: [String]] = [:]   // entry file name → objects it names
        if keepOldCache {
            // Entries not replaced by this build are kept (an edit that is undone finds
            // its old results), and with them exactly the objects some kept entry names,
            // so that replaced figures do not pile up.
            let recorded = EntryObjects.read(cache: cacheURL)
            for name in live.names[entries] ?? [] where !name.hasPrefix(".") && cacheEntries[String(name.dropLast(5))] == nil {
                let path = entries + "/" + name
                guard let item = live.items[path], item.kind == .file else { continue }
                if let named = recorded[name] {
                    references[name] = named
                } else {
                    guard let bytes = FileManager.default.contents(atPath: livePath + path) else { continue }
                    references[name] = objectDigests([UInt8](bytes))
                }
                plan.add(path, .carried(inode: item.inode, otherwise: nil))
            }
        }
        for (key, bytes) in cacheEntries {
            let path = relative(ResultCache.entryPath(cacheURL, key: key))
            references[String(path.dropFirst(entries.count + 1))] = objectDigests(bytes)
            plan.add(path, .bytes(bytes))
        }
        plan.add(relative(cacheURL.appendingPathComponent(EntryObjects.fileName)), .bytes(EntryObjects.encoded(references)))
        if keepOldCache {
            let referenced = Set(references.values.joined())
            for digest in live.names[objects] ?? [] where referenced.contains(digest) && !fresh.contains(digest) {
                let path = objects + "/" + digest
                guard let item = live.items[path], item.kind == .file else { continue }
                plan.add(path, .carried(inode: item.inode, otherwise: nil))
            }
        }
        for object in cacheObjects {
            let path = relative(ResultCache.objectPath(cacheURL, digest: object.digest))
            if plan[path] == nil { plan.add(path, .blob(object)) }
        }
        // (Paths joined as strings: a URL per page record cost more than the rest.)
        for file in pageRecords.kept {
            let path = pages + "/" + PageRecord.fileName(page: file)
            guard let item = live.items[path], item.kind == .file else { continue }
            plan.add(path, .carried(inode: item.inode, otherwise: nil))
        }
        for (file, bytes) in pageRecords.new {
            plan.add(pages + "/" + PageRecord.fileName(page: file), .bytes(bytes))
        }
        if let buildKey { plan.add(relative(cacheURL.appendingPathComponent(BuildKey.fileName)), .bytes(buildKey)) }
        return plan
    }

    /// A file, folder or link in the output folder that no build wrote (not in the
    /// manifest, not the cache), as a path relative to the folder.
    struct AuthorEntry: Equatable {
        var path: String
        var kind: FolderListing.Kind
        var inode: UInt64
        var linkDestination: String?
    }

    /// Everything in the folder that the last build did not write, parents first:
    /// whatever is neither listed in the manifest, nor a folder holding listed files,
    /// nor inside a listed file's place, nor the cache or the manifest.
    func authorEntries(previous: [String: String], live: FolderListing) -> [AuthorEntry] {
        // One look at each name: listed ones mark their folders as the build's, the
        // others are the author's unless they lie in a folder of the build's (which is
        // not theirs to claim) or inside a listed file's place.
        let cache = ResultCache.folderName
        var ours: Set<String> = [], unlisted: [String] = []
        for (folder, names) in live.names where folder != cache && !folder.utf8.starts(with: (cache + "/").utf8) {
            var holdsListed = false
            for name in names {
                if folder.isEmpty && (name == cache || name == Self.manifestName) { continue }
                let path = folder.isEmpty ? name : folder + "/" + name
                if previous[path] != nil { holdsListed = true } else { unlisted.append(path) }
            }
            guard holdsListed else { continue }
            var folder = Substring(folder)
            while !folder.isEmpty, ours.insert(String(folder)).inserted {
                folder = folder.utf8.lastIndex(of: UInt8(ascii: "/")).map { folder[..<$0] } ?? ""
            }
        }
        var out: [AuthorEntry] = []
        for path in unlisted {
            guard let item = live.items[path], !(item.kind == .folder && ours.contains(path)) else { continue }
            var inside = false, end = path.utf8.endIndex
            while !inside, let slash = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                inside = previous[String(path[..<slash])] != nil
                end = slash
            }
            if inside { continue }
            let destination = item.kind == .link ? try? FileManager.default.destinationOfSymbolicLink(atPath: url.path + "/" + path) : nil
            out.append(AuthorEntry(path: path, kind: item.kind, inode: item.inode, linkDestination: destination))
        }
        return out.sorted { $0.path < $1.path }
    }

    /// Puts the new folder where the output folder is, atomically, and keeps the one it
    /// replaces as the spare. Linux's renameat2 with RENAME_EXCHANGE swaps two folders in
    /// one step, so there is no moment without a complete output folder. (It is looked
    /// up at run time because Swift's Glibc module does not declare it.)
    private func swapIn(_ folder: URL) throws(Diagnostic) {
        let fm = FileManager.default
        if !fm.fileExists(atPath: url.path) {
            guard rename(folder.path, url.path) == 0 else {
                let why = String(cString: strerror(errno))
                if folder != spareURL { try? fm.removeItem(at: folder) }
                throw .error("cannot move the new output into place: \(why)", at: nil)
            }
            return
        }
        if swapByExchange, let exchange = renameExchange,
           exchange(AT_FDCWD, folder.path, AT_FDCWD, url.path, 2 /* RENAME_EXCHANGE */) == 0 {
            keepAsSpare(folder)   // it now holds the previous build
            return
        }
        // File systems without RENAME_EXCHANGE: two renames, with a moment between
        // them without an output folder (`removeStaleStaging` puts the old one back if
        // a build is killed in it).
        let old = parent.appendingPathComponent(".\(name).old-\(getpid())")
        guard rename(url.path, old.path) == 0 else {
            throw .error("cannot move the new output into place: \(String(cString: strerror(errno)))", at: nil)
        }
        guard rename(folder.path, url.path) == 0 else {
            let why = String(cString: strerror(errno))
            _ = rename(old.path, url.path)
            throw .error("cannot move the new output into place: \(why)", at: nil)
        }
        keepAsSpare(old)
    }

    /// Keeps `folder`, which holds the previous build, as the spare for the next one.
    private func keepAsSpare(_ folder: URL) {
        guard folder != spareURL else { return }
        if rename(folder.path, spareURL.path) != 0 { try? FileManager.default.removeItem(at: folder) }
    }

    /// Removes staging folders left by builds that were killed. One killed between the
    /// two renames of the fallback swap left no output folder: the previous one, whole,
    /// is put back.
    func removeStaleStaging() {
        let fm = FileManager.default
        for item in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where item.hasPrefix(".\(name).tmp-") || item.hasPrefix(".\(name).old-") {
            let stale = parent.appendingPathComponent(item)
            if item.hasPrefix(".\(name).old-"), !fm.fileExists(atPath: url.path),
               fm.fileExists(atPath: stale.path + "/" + Self.manifestName), rename(stale.path, url.path) == 0 { continue }
            try? fm.removeItem(at: stale)
        }
    }

    /// Removes the spare (`report clean`).
    func removeSpare() {
        try? FileManager.default.removeItem(at: spareURL)
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
    try writeFile(bytes, atPath: url.path)
}

/// (By path: making a file URL from a path asks the file system whether it is a folder,
/// which cost a build from nothing a sixth of its writing.)
func writeFile(_ bytes: [UInt8], atPath path: String, flags: Int32 = O_TRUNC) throws {
    let fd = open(path, O_WRONLY | O_CREAT | flags | O_CLOEXEC, 0o644)
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
