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
/// A formula's `<annotation>` (its TeX source, kept for copying) is not part of its text:
/// `$\alpha$` reads "α", not "α\alpha".
func textOfHTML(_ html: String) -> String {
    var out = "", tag = "", inTag = false, inAnnotation = false
    for c in html {
        if c == "<" {
            inTag = true
            tag = ""
        } else if c == ">", inTag {
            inTag = false
            if tag.hasPrefix("annotation") { inAnnotation = true } else if tag.hasPrefix("/annotation") { inAnnotation = false }
        } else if inTag {
            if tag.count < 12 { tag.append(c) }
        } else if !inAnnotation {
            out.append(c)
        }
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
    // Byte by byte without Characters: every page links every page, so the 100x paper
    // asks this 360,000 times in a cold build.
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(path.utf8.count)
    for byte in path.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "~"):
            out.append(byte)
        default:
            out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
        }
    }
    return String(decoding: out, as: UTF8.self)
}
