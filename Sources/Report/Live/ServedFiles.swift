import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Maps request paths to files of the output folder, and nothing else.
///
/// The server decodes percent escapes before this sees the path, so `%2e%2e` arrives
/// as `..`; every component is checked after decoding, and the real path (symbolic
/// links resolved) must still lie inside the real output folder.
public struct ServedFiles: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The file for a decoded request path (`/`, `/index.html`, `/figures/x.png`), or
    /// nil when it is missing, hidden (the cache, the manifest), a folder, or outside.
    public func file(for path: String) -> URL? {
        guard path.hasPrefix("/") else { return nil }
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if components.isEmpty || path.hasSuffix("/") { components.append("index.html") }
        for component in components {
            if component == "." || component == ".." || component.hasPrefix(".") { return nil }
            if component.contains("\0") || component.contains("\\") { return nil }
        }
        guard let base = Self.realPath(root.path) else { return nil }
        let candidate = base + "/" + components.joined(separator: "/")
        guard let real = Self.realPath(candidate), real.hasPrefix(base + "/") else { return nil }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return URL(fileURLWithPath: real)
    }

    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The Content-Type for a file name.
    public static func contentType(for name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        case "csv": return "text/csv; charset=utf-8"
        case "json": return "application/json"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
