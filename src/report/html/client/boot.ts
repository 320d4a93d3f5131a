/**
 * Page script, last part: reads each file's embedded data, makes its inspector, and wires the
 * links of the static sections (a finding's path, a chain step, a diff line) to it. Marks the
 * page ready (<html data-ready>) when every inspector is drawn: the browser test times that.
 */
export const BOOT_JS = String.raw`
var inspectors = [];
function boot() {
  var blocks = document.querySelectorAll('script[type="application/json"][data-file]');
  for (var i = 0; i < blocks.length; i++) {
    var index = Number(blocks[i].getAttribute('data-file'));
    var section = document.getElementById('inspector-' + index);
    if (!section) continue;
    try {
      inspectors[index] = new Inspector(section, new FileData(JSON.parse(blocks[i].textContent)));
    } catch (err) {
      var box = section.querySelector('.detail');
      if (box) box.textContent = 'The embedded data of this file could not be read: ' + err;
    }
  }
  document.addEventListener('click', function (e) {
    var link = e.target.closest('[data-goto-file]');
    if (!link) return;
    var ins = inspectors[Number(link.getAttribute('data-goto-file'))];
    if (!ins) return;
    e.preventDefault();
    var path = link.getAttribute('data-goto-path'), offset = link.getAttribute('data-goto-offset');
    var id = path !== null && ins.data.tree ? ins.data.tree.byPath(path) : -1;
    if (id >= 0) ins.select(id);
    else if (offset !== null && Number(offset) >= 0) ins.selectByte(Number(offset));
    ins.section.scrollIntoView({ block: 'start' });
  });
  window.preflightReadyAt = performance.now();
  document.documentElement.setAttribute('data-ready', 'true');
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
`;
