import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches a folder tree with inotify and reports bursts of changes.
///
/// A reader thread blocks in `poll` on the inotify descriptor and waits until no event
/// has arrived for `debounce` before it reports: an editor's save (write a temporary
/// file, rename it over the page, touch the backup) is one burst and so one rebuild.
/// Paths changed while the consumer is still busy are merged into one pending set, so a
/// slow build is followed by at most one more, never by a queue of them.
public struct FileWatcher: Sendable {
    public let root: URL
    public var debounce: Duration

    public init(root: URL, debounce: Duration = .milliseconds(100)) {
        self.root = root
        self.debounce = debounce
    }

    /// Changed paths, relative to `root`, one set per burst. Watching starts before this
    /// returns; it stops when the consumer stops iterating (or its task is cancelled).
    public func changes() throws(Diagnostic) -> AsyncStream<Set<String>> {
        let inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else {
            throw .error("cannot watch '\(root.path)': inotify_init1 failed: \(String(cString: strerror(errno)))", at: nil)
        }
        var stopPipe: [Int32] = [-1, -1]
        guard pipe(&stopPipe) == 0 else {
            close(inotify)
            throw .error("cannot watch '\(root.path)': pipe failed: \(String(cString: strerror(errno)))", at: nil)
        }
        var tree = WatchedTree(inotify: inotify, root: root.standardizedFileURL.path)
        guard tree.add("") else {
            close(inotify); close(stopPipe[0]); close(stopPipe[1])
            throw .error("cannot watch '\(root.path)': \(String(cString: strerror(errno)))", at: nil)
        }

        let pending = PendingPaths()
        let (ticks, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let stopRead = stopPipe[0], stopWrite = stopPipe[1]
        let debounceMs = Int32(clamping: debounce.components.seconds * 1000 + debounce.components.attoseconds / 1_000_000_000_000_000)
        continuation.onTermination = { _ in
            var byte: UInt8 = 1
            _ = write(stopWrite, &byte, 1)
            close(stopWrite)
        }
        let watched = tree
        let thread = Thread {
            var tree = watched
            tree.readLoop(stop: stopRead, debounceMs: debounceMs) { burst in
                pending.add(burst)
                continuation.yield()
            }
            close(stopRead)
            close(inotify)
        }
        thread.name = "report file watcher"
        thread.start()

        return AsyncStream<Set<String>>(unfolding: {
            for await _ in ticks {
                let paths = pending.take()
                if !paths.isEmpty { return paths }
            }
            return nil
        }, onCancel: {
            continuation.finish()
        })
    }

    /// Names that editors and tools write next to the files being edited, and that no
    /// build reads: hidden files (vim's `.x.swp`, emacs's `.#x`, `.git`), backups
    /// (`x~`) and vim's write test `4913`.
    public static func isIgnored(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name == "4913"
            || name.hasSuffix(".swp") || name.hasSuffix(".swx")
    }

    public static func isIgnored(path: String) -> Bool {
        path.split(separator: "/").contains(where: isIgnored)
    }
}

/// Paths changed since the consumer last looked; the reader thread adds, the consumer takes.
private final class PendingPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []

    func add(_ more: Set<String>) {
        lock.lock(); defer { lock.unlock() }
        paths.formUnion(more)
    }

    func take() -> Set<String> {
        lock.lock(); defer { lock.unlock() }
        defer { paths = [] }
        return paths
    }
}

/// The inotify descriptor's watches, one per folder, owned by the reader thread.
private struct WatchedTree: Sendable {
    let inotify: Int32
    let root: String
    /// Watch descriptor → folder path relative to the root ("" for the root).
    var folders: [Int32: String] = [:]

    static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                             | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    init(inotify: Int32, root: String) {
        self.inotify = inotify
        self.root = root
    }

    /// Watches `relative` and every folder below it (skipping ignored ones). Adding a
    /// folder that is already watched returns its existing descriptor, so rescanning is
    /// harmless; a folder created between the event and this scan is still found.
    @discardableResult
    mutating func add(_ relative: String) -> Bool {
        let path = relative.isEmpty ? root : root + "/" + relative
        let wd = inotify_add_watch(inotify, path, Self.mask)
        guard wd >= 0 else { return false }
        folders[wd] = relative
        let fm = FileManager.default
        for item in (try? fm.contentsOfDirectory(atPath: path)) ?? [] where !FileWatcher.isIgnored(Substring(item)) {
            let child = relative.isEmpty ? item : relative + "/" + item
            // Symbolic links are not followed (attributesOfItem does not follow them): a
            // link to a big folder elsewhere is not part of the paper.
            if let attributes = try? fm.attributesOfItem(atPath: root + "/" + child),
               attributes[.type] as? FileAttributeType == .typeDirectory {
                add(child)
            }
        }
        return true
    }

    /// Reads events until `stop` becomes readable, calling `report` after every burst.
    mutating func readLoop(stop: Int32, debounceMs: Int32, report: (Set<String>) -> Void) {
        var burst: Set<String> = []
        var deadline: ContinuousClock.Instant?
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }

        while true {
            var timeout: Int32 = -1
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                timeout = max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            }
            var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents & Int16(POLLIN) != 0 {
                let count = read(inotify, buffer, bufferSize)
                if count > 0 {
                    let changed = parse(buffer, count: count)
                    if !changed.isEmpty {
                        burst.formUnion(changed)
                        deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(debounceMs)))
                    }
                }
            }
            if let d = deadline, ContinuousClock.now >= d {
                report(burst)
                burst = []
                deadline = nil
            }
        }
    }

    /// Decodes a buffer of `inotify_event`s (each a fixed header followed by a
    /// NUL-padded name of `len` bytes) into changed paths, and watches new folders.
    private mutating func parse(_ buffer: UnsafeMutableRawPointer, count: Int) -> Set<String> {
        var changed: Set<String> = []
        let header = MemoryLayout<inotify_event>.size
        var offset = 0
        while offset + header <= count {
            let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
            let nameStart = buffer.advanced(by: offset + header).assumingMemoryBound(to: CChar.self)
            let name = event.len > 0 ? String(cString: nameStart) : ""
            offset += header + Int(event.len)

            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: rescan and rebuild to be safe.
                add("")
                changed.insert("")
                continue
            }
            if event.mask & UInt32(IN_IGNORED) != 0 {
                folders[event.wd] = nil
                continue
            }
            guard let folder = folders[event.wd] else { continue }
            if name.isEmpty {
                // The watched folder itself was deleted or moved.
                if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { changed.insert(folder) }
                continue
            }
            if FileWatcher.isIgnored(Substring(name)) { continue }
            let path = folder.isEmpty ? name : folder + "/" + name
            if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                add(path)
            }
            changed.insert(path)
        }
        return changed
    }
}
