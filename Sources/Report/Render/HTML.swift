import Foundation

/// Escapes text for HTML element content and attribute values alike.
func escapeHTML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

/// The text `escapeHTML` escaped: the five entities it writes, `&amp;` last so that
/// an escaped entity (`&amp;lt;`) comes back as written, not as a character.
func unescapeHTML(_ s: String) -> String {
    guard s.contains("&") else { return s }
    return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// Text of an HTML fragment without its tags, with the entities the renderer writes decoded.
func textOfHTML(_ html: String) -> String {
    var out = "", inTag = false
    for c in html {
        if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
    }
    return unescapeHTML(out)
}

/// A colour safe to put in a style attribute, or nil.
func safeColor(_ s: String?) -> String? {
    guard let s, s.count == 7, s.hasPrefix("#"), s.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
    return s
}

/// Percent-encodes a relative file path for an href or src.
func urlPath(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
        let c = Character(UnicodeScalar(byte))
        if c.isASCII, c.isLetter || c.isNumber || "-_./~".contains(c) {
            out.append(c)
        } else {
            out += String(format: "%%%02X", byte)
        }
    }
    return out
}
