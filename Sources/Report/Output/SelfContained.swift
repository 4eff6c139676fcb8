import Foundation

/// `report build --self-contained`: every page becomes one HTML file that can be sent
/// on its own. The stylesheet is inlined; every image, figure download (SVG, PNG, PDF)
/// and CSV becomes a `data:` URI (downloads keep their file name through the
/// `download` attribute, since browsers refuse to open data URIs as pages). Links
/// between pages stay relative and work while the pages sit side by side.
/// Only the pages are written: nothing else is needed.
enum SelfContained {
    static func pages(from files: [OutputFile]) throws(Diagnostic) -> [OutputFile] {
        var byPath: [String: OutputFile] = [:]
        for file in files { byPath[file.path] = file }
        var out: [OutputFile] = []
        for page in files where page.path.hasSuffix(".html") {
            let html: String
            do {
                html = String(decoding: try page.blob.bytes(), as: UTF8.self)
            } catch {
                throw .error("cannot read '\(page.path)' to embed its files: \(error)", at: nil)
            }
            let embedded = try embed(html, files: byPath)
            out.append(OutputFile(path: page.path, blob: Blob(bytes: Array(embedded.utf8))))
        }
        return out
    }

    static func embed(_ html: String, files: [String: OutputFile]) throws(Diagnostic) -> String {
        var failure: Diagnostic?
        // Stylesheets first: the whole <link> element becomes a <style> element.
        let styled = html.replacing(/<link rel="stylesheet" href="([^"]*)">/) { match -> String in
            guard let path = localPath(String(match.output.1)), let file = files[path],
                  let bytes = try? file.blob.bytes() else { return String(match.output.0) }
            // "</style" cannot occur in our stylesheet, but a stray one would end the element early.
            let css = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "</style", with: "<\\/style")
            return "<style>\n\(css)</style>"
        }
        // The figure itself links to its SVG, which the downloads below it embed as
        // well: one copy is enough (an SVG can be half a megabyte).
        let unlinked = styled.replacing(/<a class="figure-image" href="[^"]*">/) { _ in "<a class=\"figure-image\">" }
        let result = unlinked.replacing(/(\s)(src|srcset|href)="([^"]*)"/) { match -> String in
            let (whole, space, attribute, value) = match.output
            guard let path = localPath(String(value)), !path.hasSuffix(".html") else { return String(whole) }
            guard let file = files[path] else {
                failure = failure ?? .error("'\(path)' is linked from a page but is not part of the build; cannot embed it", at: nil)
                return String(whole)
            }
            let bytes: [UInt8]
            do { bytes = try file.blob.bytes() } catch {
                failure = failure ?? .error("cannot read '\(path)' to embed it: \(error)", at: nil)
                return String(whole)
            }
            let uri = dataURI(bytes, name: path)
            if attribute == "href" {
                let name = escapeHTML(String(path.split(separator: "/").last ?? Substring(path)))
                return "\(space)href=\"\(uri)\" download=\"\(name)\""
            }
            return "\(space)\(attribute)=\"\(uri)\""
        }
        if let failure { throw failure }
        return result
    }

    /// The output-folder path an attribute value points to, or nil when it points
    /// elsewhere: an anchor on the same page, another site, a data URI.
    static func localPath(_ attributeValue: String) -> String? {
        let value = unescapeHTML(attributeValue)
        if value.isEmpty || value.hasPrefix("#") || value.hasPrefix("/") { return nil }
        // A scheme ("https:", "mailto:", "data:") comes before any '/', '?' or '#'.
        if let colon = value.firstIndex(of: ":"),
           !value[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return nil }
        let path = String(value.prefix { $0 != "#" && $0 != "?" })
        let decoded = path.removingPercentEncoding ?? path
        // Pages are at the top of the output folder, so their links are relative to it.
        var parts: [Substring] = []
        for part in decoded.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if parts.popLast() == nil { return nil } else { continue } }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    static func dataURI(_ bytes: [UInt8], name: String) -> String {
        let type = ServedFiles.contentType(for: name).replacingOccurrences(of: " ", with: "")
        return "data:\(type);base64,\(Data(bytes).base64EncodedString())"
    }
}
