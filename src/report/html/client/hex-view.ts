/**
 * Page script, part 3: the hex view of one file. 16 bytes a row, coloured by region (the schema's
 * top-level fields), the selected field's bytes highlighted, findings' bytes marked; a click on a
 * byte (hex or character) selects the innermost field that holds it.
 */
export const HEX_VIEW_JS = String.raw`
var ROW_HEIGHT = 20;
function hex2(b) { return (b < 16 ? '0' : '') + b.toString(16); }
function hexOffset(o) { var h = o.toString(16); return '00000000'.slice(Math.min(8, h.length)) + h; }
function HexView(box, inspector) {
  var data = inspector.data;
  var self = this;
  this.inspector = inspector;
  this.data = data;
  this.list = new VirtualList(box, ROW_HEIGHT, function (row, index) { self.fill(row, index); });
  this.list.setCount(Math.ceil(data.embedded / 16));
  box.addEventListener('click', function (e) {
    var t = e.target.closest('[data-o]');
    if (t) inspector.selectByte(Number(t.getAttribute('data-o')));
  });
}
HexView.prototype.build = function (row) {
  row.appendChild(el('span', 'hoff'));
  var hexes = el('span', 'hhex'), chars = el('span', 'hchars');
  for (var i = 0; i < 16; i++) {
    hexes.appendChild(el('span', 'hb'));
    chars.appendChild(el('span', 'hc'));
  }
  row.appendChild(hexes);
  row.appendChild(chars);
  row.setAttribute('role', 'row');
};
HexView.prototype.fill = function (row, index) {
  if (!row.firstChild) this.build(row);
  var start = index * 16;
  var ins = this.inspector, data = this.data, tree = data.tree;
  var stop = tree && tree.stopped ? tree.stopped.offset : -1;
  row.firstChild.textContent = hexOffset(start);
  var hexes = row.childNodes[1].childNodes, chars = row.childNodes[2].childNodes;
  for (var i = 0; i < 16; i++) {
    var o = start + i, h = hexes[i], c = chars[i];
    if (o >= data.embedded) {
      h.textContent = '  '; c.textContent = ' ';
      h.className = 'hb none'; c.className = 'hc none';
      h.removeAttribute('data-o'); c.removeAttribute('data-o');
      continue;
    }
    var b = data.bytes[o];
    var cls = '';
    var region = tree ? tree.regionAt(o) : null;
    if (region) cls += ' r' + (region[2] % 8);
    if (o >= ins.selStart && o < ins.selEnd) cls += ' sel';
    var mark = data.marks.get(o);
    if (mark !== undefined) cls += mark ? ' mk-error' : ' mk-warning';
    if (o === stop) cls += ' stop';
    h.textContent = hex2(b);
    c.textContent = b >= 32 && b < 127 ? String.fromCharCode(b) : '.';
    h.className = 'hb' + cls;
    c.className = 'hc' + cls;
    h.setAttribute('data-o', String(o));
    c.setAttribute('data-o', String(o));
  }
};
HexView.prototype.show = function (offset) {
  if (offset >= 0 && offset < this.data.embedded) this.list.reveal(Math.floor(offset / 16));
  else this.list.render();
};
`;
