import Foundation

/// How a page refers to a file of the build — a figure, a CSV, the stylesheet, a copied
/// image. Every URL to such a file is written through here: in a build of pages it is
/// the file's path relative to the output folder (where every page sits); in a
/// self-contained build it is the file itself, as a `data:` URL, so that nothing outside
/// the one file is needed.
struct AssetLinks {
    /// Each embedded file's `data:` URL and download name, by output path; nil in a build of pages.
    private let embedded: [String: (url: String, name: String)]?
    /// The stylesheet's text, by output path (it is inlined, not linked, when embedding).
    private let styles: [String: String]

    /// Files named by their relative paths.
    static let relative = AssetLinks(embedded: nil, styles: [:])

    private init(embedded: [String: (url: String, name: String)]?, styles: [String: String]) {
        self.embedded = embedded
        self.styles = styles
    }

    /// Files named by their bytes: each of `files` becomes a `data:` URL.
    init(embedding files: [OutputFile]) throws(Diagnostic) {
        var embedded: [String: (url: String, name: String)] = [:]
        var styles: [String: String] = [:]
        for file in files {
            let bytes: [UInt8]
            do { bytes = try file.blob.bytes() } catch {
                throw .error("cannot read '\(file.path)' to embed it: \(error)", at: nil)
            }
            if file.path.hasSuffix(".css") { styles[file.path] = String(decoding: bytes, as: UTF8.self) }
            let name = String(file.path.split(separator: "/").last ?? Substring(file.path))
            embedded[file.path] = (Self.dataURL(bytes, name: file.path), name)
        }
        self.init(embedded: embedded, styles: styles)
    }

    /// Whether files are embedded (a self-contained build).
    var embeds: Bool { embedded != nil }

    /// The `data:` URL of an embedded file, or nil (a build of pages, or not a file of the build).
    func dataURL(_ path: String) -> String? { embedded?[path]?.url }

    /// The value of a `src` or `srcset` attribute that shows the file at `path`.
    func source(_ path: String) -> String {
        embedded?[path]?.url ?? urlPath(path)
    }

    /// The attributes of a link that opens or downloads the file at `path`: `href`, and
    /// when embedded `download` with the file's name (browsers refuse to open a `data:`
    /// URL as a page, but save it under that name).
    func link(_ path: String) -> String {
        guard let file = embedded?[path] else { return "href=\"\(urlPath(path))\"" }
        return "href=\"\(file.url)\" download=\"\(escapeHTML(file.name))\""
    }

    /// The element that applies the stylesheet at `path`: a link to it, or its text.
    func stylesheet(_ path: String) -> String {
        guard embeds, let css = styles[path] else { return "<link rel=\"stylesheet\" href=\"\(urlPath(path))\">" }
        // "</style" cannot occur in our stylesheet, but a stray one would end the element early.
        return "<style>\n\(css.replacingOccurrences(of: "</style", with: "<\\/style"))</style>"
    }

    /// A figure's small picture shown in a link's hover preview, or nil for none. A
    /// self-contained file shows text only: a copy of the figure for every reference to
    /// it would multiply the file's size.
    func previewImage(_ path: String) -> String? {
        embeds ? nil : urlPath(path)
    }

    static func dataURL(_ bytes: [UInt8], name: String) -> String {
        let type = ServedFiles.contentType(for: name).replacingOccurrences(of: " ", with: "")
        return "data:\(type);base64,\(Data(bytes).base64EncodedString())"
    }
}
