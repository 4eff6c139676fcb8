/// "did you mean …?" for a near-miss name: the closest candidate within an edit
/// distance that grows with the length of the name.
func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
    let limit = max(2, name.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(name.lowercased(), candidate.lowercased(), limit: limit)
        if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
            best = (candidate, d)
        }
    }
    return best?.0
}

/// Appends "; did you mean 'x'?" when there is a near miss.
func withSuggestion(_ message: String, for name: String, among candidates: some Sequence<String>) -> String {
    guard let s = suggestion(for: name, among: candidates) else { return message }
    return "\(message); did you mean '\(s)'?"
}

/// Levenshtein distance, abandoning early once every path exceeds `limit`.
func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
    let a = Array(a), b = Array(b)
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMin = current[0]
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            rowMin = min(rowMin, current[j])
        }
        if rowMin > limit { return limit + 1 }
        swap(&previous, &current)
    }
    return previous[b.count]
}
