/// The script `report serve` adds to every HTML page it serves (and never to the files
/// in the output folder): it listens to the server's events, reloads the page after a
/// successful build and shows a failed build's diagnostics over the page.
enum LiveReloadScript {
    static let eventsPath = "/__report/events"

    /// `html` with the script inserted before its last `</body>` (or appended).
    static func inject(into html: String, version: String) -> String {
        let script = tag(version: version)
        if let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            var out = html
            out.insert(contentsOf: script, at: range.lowerBound)
            return out
        }
        return html + script
    }

    /// The version is made of letters, digits and '-' only (see `LiveEvents`), so it
    /// can sit in a JavaScript string as it is. Diagnostics are put into the page with
    /// `textContent`, never as HTML: they quote the author's text.
    static func tag(version: String) -> String {
        let safe = String(version.filter { $0.isLetter || $0.isNumber || $0 == "-" })
        return """
        <script id="report-live">
        (function () {
          var version = "\(safe)";
          var overlay = null;
          function hide() { if (overlay) { overlay.remove(); overlay = null; } }
          function show(d) {
            hide();
            overlay = document.createElement("div");
            overlay.id = "report-diagnostics";
            overlay.setAttribute("role", "alert");
            overlay.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:60vh;overflow:auto;" +
              "margin:0;padding:1em 1.25em;background:#fff5f5;color:#1a1a1a;border-bottom:3px solid #c62828;" +
              "box-shadow:0 2px 12px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif";
            var title = document.createElement("strong");
            title.textContent = "Build failed: " + d.errors + " error" + (d.errors === 1 ? "" : "s") +
              ". The page shows the last good build; fix the source and save to rebuild.";
            var close = document.createElement("button");
            close.textContent = "Dismiss";
            close.style.cssText = "float:right;margin-left:1em";
            close.onclick = hide;
            var pre = document.createElement("pre");
            pre.style.cssText = "white-space:pre-wrap;margin:.75em 0 0;font:13px/1.4 ui-monospace,monospace";
            pre.textContent = d.lines.join("\\n");
            overlay.appendChild(close);
            overlay.appendChild(title);
            overlay.appendChild(pre);
            document.body.appendChild(overlay);
          }
          if (!window.EventSource) return;
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("hello", function (e) {
            if (JSON.parse(e.data).version !== version) location.reload();
          });
          events.addEventListener("reload", function () { location.reload(); });
          events.addEventListener("diagnostics", function (e) { show(JSON.parse(e.data)); });
        })();
        </script>

        """
    }
}
