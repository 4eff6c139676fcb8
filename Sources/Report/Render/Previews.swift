// The reader's side of previews: RenderInputs computes each link's preview text, written
// into the link as `data-preview`; this script shows it.

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
