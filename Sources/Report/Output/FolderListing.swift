import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything under a folder as the directory entries report it: each path's kind and
/// inode number, read with `readdir` and no `stat` per file.
///
/// Two entries with the same inode number are hard links of one file. That is how a
/// build tells that the spare folder already holds the live folder's file at a path
/// (`FolderPlan`), and for a large paper's thirteen thousand files it costs a few
/// `getdents` calls per folder, where a `stat` of each file in both folders cost more
/// than the rest of an edit's write. (Written by hand: Foundation's listings give names
/// only, or a `stat` per file.)
struct FolderListing {
    enum Kind: Equatable { case file, folder, link, other }

    struct Item: Equatable {
        var inode: UInt64
        var kind: Kind
    }

    /// Every file, folder and link, by path relative to the root ("figures/a.png").
    private(set) var items: [String: Item] = [:]
    /// The names in each folder ("" is the root), to find a cache folder's files without
    /// going through every path.
    private(set) var names: [String: [String]] = [:]

    /// An empty listing: a folder just created.
    init() {}

    /// Lists `root`; a folder that cannot be read lists as empty. `capacity`: about how
    /// many paths to expect (growing the table as it fills cost a third of the walk).
    init(_ root: String, capacity: Int = 0) {
        items.reserveCapacity(capacity)
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        walk(fd, folder: "")
    }

    private mutating func walk(_ fd: Int32, folder: String) {
        guard let dir = fdopendir(fd) else { close(fd); return }
        defer { closedir(dir) }
        let prefix = folder.isEmpty ? "" : folder + "/"
        var here: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .link
            case Int32(DT_UNKNOWN):
                // Some file systems leave the type out of the entry: ask for it.
                var info = stat()
                guard fstatat(dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: kind = .file
                case S_IFDIR: kind = .folder
                case S_IFLNK: kind = .link
                default: kind = .other
                }
            default: kind = .other
            }
            let path = prefix + name
            items[path] = Item(inode: UInt64(entry.pointee.d_ino), kind: kind)
            here.append(name)
            if kind == .folder {
                let child = openat(dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { walk(child, folder: path) }
            }
        }
        names[folder] = here
    }
}
