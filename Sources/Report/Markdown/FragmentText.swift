import CCmark

extension Fragment {
    /// The words of the fragment as written: text and code spans (an inline value's key),
    /// without markup. For checking what a claim's sentence names.
    var writtenText: String {
        var out = ""
        for node in tree.nodes() {
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += node.literal ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH: out += " "
            default: break
            }
        }
        return out
    }
}
