/**
 * Page script, part 5: one file's inspector, linking the tree and the hex view both ways (a field
 * selected lights up its bytes; a byte clicked opens its innermost field), a detail box for the
 * selection, and a "go to" box that takes a path or an offset.
 */
export const INSPECTOR_JS = String.raw`
function Inspector(section, data) {
  var self = this;
  this.section = section;
  this.data = data;
  this.selected = -1;
  this.selStart = -1;
  this.selEnd = -1;
  this.detail = section.querySelector('.detail');
  this.message = section.querySelector('.goto-msg');
  this.hex = new HexView(section.querySelector('.hex'), this);
  this.tree = data.tree ? new TreeView(section.querySelector('.tree'), this) : null;
  var input = section.querySelector('.goto');
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { e.preventDefault(); self.goTo(input.value); }
  });
}
Inspector.prototype.select = function (id) {
  var t = this.data.tree;
  if (!t || id < 0 || id >= t.count) return;
  this.selected = id;
  this.selStart = t.offset[id];
  this.selEnd = t.offset[id] + t.size[id];
  this.tree.reveal(id);
  this.hex.show(this.selStart);
  this.describe(id);
};
Inspector.prototype.selectByte = function (offset) {
  var t = this.data.tree, id = t ? t.at(offset) : -1;
  if (id >= 0) { this.select(id); return; }
  this.selected = -1;
  this.selStart = offset;
  this.selEnd = offset + 1;
  if (this.tree) this.tree.list.render();
  this.hex.show(offset);
  this.describeByte(offset);
};
Inspector.prototype.line = function (label, value) {
  if (value === '' || value === undefined) return;
  var p = el('div', 'dl');
  p.appendChild(el('span', 'dk', label));
  p.appendChild(el('span', 'dv', value));
  this.detail.appendChild(p);
};
Inspector.prototype.describe = function (id) {
  var t = this.data.tree;
  this.detail.textContent = '';
  this.line('path', t.path(id) || '(root)');
  this.line('type', t.text('type', id) || t.text('kind', id));
  this.line('offset', t.offset[id] + ' (0x' + t.offset[id].toString(16) + ')');
  this.line('size', t.size[id] + (t.size[id] === 1 ? ' byte' : ' bytes'));
  this.line('value', t.text('value', id));
  this.line('meaning', t.text('meaning', id));
  var region = t.regionAt(t.offset[id]);
  if (region) this.line('region', t.strings[region[3]]);
  if (t.partial.has(id)) this.line('note', 'read only in part: the file stopped inside it');
  var marks = 0;
  this.data.marks.forEach(function (_, o) { if (o >= t.offset[id] && o < t.offset[id] + t.size[id]) marks++; });
  if (marks > 0) this.line('findings', marks + ' at these bytes (see Findings)');
};
Inspector.prototype.describeByte = function (offset) {
  this.detail.textContent = '';
  this.line('offset', offset + ' (0x' + offset.toString(16) + ')');
  this.line('field', 'no decoded field holds this byte');
};
Inspector.prototype.goTo = function (text) {
  var q = String(text).trim();
  this.message.textContent = '';
  if (/^(0x[0-9a-f]+|[0-9]+)$/i.test(q)) {
    var offset = Number(q);
    if (offset >= this.data.embedded) { this.message.textContent = 'past the end (' + this.data.embedded + ' bytes shown)'; return; }
    this.selectByte(offset);
    return;
  }
  var id = this.data.tree ? this.data.tree.byPath(q) : -1;
  if (id < 0) { this.message.textContent = 'no field at ' + q; return; }
  this.select(id);
};
`;
