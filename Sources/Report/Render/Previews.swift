import CCmark

/// Short plain-text previews of what a cross-reference or citation points to, shown
/// when the reader hovers over or taps the link (see `previewScript`). They are written
/// into the link as `data-preview`, so that they work across pages and in a
/// self-contained page with no request.
extension PageRenderer {
    /// "Figure 2. Top-1 accuracy against operations …" for a label, or nil.
    func preview(label: String) -> String? {
        guard let target = resolution.targets[label] else { return nil }
        let page = target.page
        if let heading = page.headings.first(where: { resolution.headingIDs[$0.node] == label }) {
            let number = resolution.headingNumbers[heading.node].map { "Section \($0) " } ?? ""
            let onPage = page === project.pages.first ? "" : " (page “\(titleText(page))”)"
            return number + heading.text + onPage
        }
        guard let block = page.body.blocks.first(where: { resolution.blockLabels[$0.node] == label }) else { return nil }
        let text = block.body.map { previewText(of: $0) } ?? ""
        return clipped("\(target.name). \(text)")
    }

    /// The figure's image for a preview, relative to the output folder.
    func previewImage(label: String) -> String? {
        guard let target = resolution.targets[label],
              let block = target.page.body.blocks.first(where: { resolution.blockLabels[$0.node] == label }),
              block.kind.name == "figure" else { return nil }
        return OutputPaths.figures + "/" + urlPath(label) + ".png"
    }

    /// The reference-list entry of a citation key, as plain text.
    func preview(citation key: String) -> String? {
        guard let n = resolution.citationNumbers[key], let entry = resolution.citedEntries.first(where: { $0.key == key })
        else { return nil }
        return clipped("[\(n)] " + stripPreviewTags(referenceText(entry)))
    }

    /// A fragment's text with values and references as the reader sees them, without
    /// replacing anything in its tree (the fragment may belong to a page not rendered yet).
    private func previewText(of fragment: Fragment) -> String {
        var values: [MarkdownNode: String] = [:]
        var roles: Set<MarkdownNode> = []
        var references: [MarkdownNode: [InlineReference]] = [:]
        if !fragment.inlinesReplaced {
            for v in fragment.values {
                if case .value(let value)? = results[v.request] { values[v.codeNode] = value.text }
                roles.insert(v.roleNode)
            }
            for r in fragment.references { references[r.node, default: []].append(r) }
        }
        var out = ""
        for node in fragment.tree.nodes() {
            switch node.type {
            case CMARK_NODE_TEXT:
                var text = node.literal ?? ""
                if let refs = references[node] {
                    var spliced = "", cursor = text.startIndex
                    for r in refs {
                        spliced += String(text[cursor..<r.range.lowerBound]) + referenceName(r.kind)
                        cursor = r.range.upperBound
                    }
                    text = spliced + String(text[cursor...])
                }
                if roles.contains(node), text.hasSuffix("{value}") { text.removeLast("{value}".count) }
                out += text
            case CMARK_NODE_CODE: out += values[node] ?? node.literal ?? ""
            case CMARK_NODE_HTML_INLINE:
                // A rendered caption starts with its own number ("Figure 1."): the preview has it already.
                let html = node.literal ?? ""
                if !html.hasPrefix("<a class=\"number\"") { out += stripPreviewTags(html) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            case CMARK_NODE_PARAGRAPH where !out.isEmpty: out += " "
            default: break
            }
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func referenceName(_ kind: InlineReference.Kind) -> String {
        switch kind {
        case .crossReference(let label): return resolution.targets[label]?.name ?? "@" + label
        case .citation(let items):
            return "[" + items.compactMap { resolution.citationNumbers[$0.key].map(String.init) }.joined(separator: ", ") + "]"
        case .narrative(let item):
            let number = resolution.citationNumbers[item.key].map { " [\($0)]" } ?? ""
            return (project.bibliography.first { $0.key == item.key }.map(shortAuthors) ?? item.key) + number
        }
    }

    /// At most about 300 characters, cut at a word.
    private func clipped(_ s: String) -> String {
        guard s.count > 300 else { return s }
        let head = s.prefix(300)
        return (head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head)) + " …"
    }
}

func stripPreviewTags(_ html: String) -> String {
    var out = "", inTag = false
    for c in html {
        if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
    }
    return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// Hover (and tap) previews for links that carry `data-preview`: one small popup, placed
/// under the link and kept on screen. Without the script the links work as before. On
/// a touch screen the first tap shows the preview and a second tap follows the link.
/// Also marks tables that are wider than their box, so the stylesheet can show a cue.
let previewScript = #"""
<script>
(function () {
  var tip = null, owner = null;
  function hide() { if (tip) { tip.remove(); tip = null; owner = null; } }
  function show(a) {
    hide();
    owner = a;
    tip = document.createElement('div');
    tip.className = 'preview';
    tip.setAttribute('role', 'tooltip');
    tip.id = 'preview-tip';
    var img = a.getAttribute('data-preview-img');
    if (img) { var i = document.createElement('img'); i.src = img; i.alt = ''; tip.appendChild(i); }
    var p = document.createElement('p');
    p.textContent = a.getAttribute('data-preview');
    tip.appendChild(p);
    document.body.appendChild(tip);
    a.setAttribute('aria-describedby', 'preview-tip');
    var r = a.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
    var top = r.bottom + window.scrollY + 6;
    if (r.bottom + h + 12 > window.innerHeight && r.top > h + 12) top = r.top + window.scrollY - h - 6;
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  var touched = false;
  document.addEventListener('touchstart', function () { touched = true; }, { passive: true, once: true });
  document.querySelectorAll('a[data-preview]').forEach(function (a) {
    a.addEventListener('mouseenter', function () { if (!touched) show(a); });
    a.addEventListener('mouseleave', function () { if (!touched) hide(); });
    a.addEventListener('focus', function () { show(a); });
    a.addEventListener('blur', hide);
    a.addEventListener('click', function (e) {
      if (touched && owner !== a) { e.preventDefault(); show(a); }
    });
  });
  document.addEventListener('click', function (e) { if (tip && !e.target.closest('a[data-preview]')) hide(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });
  function mark() {
    document.querySelectorAll('.table').forEach(function (t) {
      t.classList.toggle('overflows', t.scrollWidth > t.clientWidth + 1);
    });
  }
  mark();
  window.addEventListener('resize', mark);
  // Printing opens every closed details element (evidence, citations), and closes them after.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener('afterprint', function () { opened.forEach(function (d) { d.open = false; }); opened = []; });
})();
</script>
"""#
