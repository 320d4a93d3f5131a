/**
 * Page script, part 4: the field tree of one file, as a flat list of the rows that are open
 * (virtualised like the hex view). A node's children become rows only when it is opened, so a
 * file with 300,000 fields starts with a dozen rows. Each row: name, type, value and meaning,
 * offset and size.
 */
export const TREE_VIEW_JS = String.raw`
function TreeView(box, inspector) {
  var tree = inspector.data.tree;
  var self = this;
  this.inspector = inspector;
  this.tree = tree;
  this.open = new Uint8Array(tree.count);
  this.open[0] = 1;
  this.rows = [];
  this.list = new VirtualList(box, ROW_HEIGHT, function (row, index) { self.fill(row, index); });
  this.refresh();
  box.addEventListener('click', function (e) {
    var row = e.target.closest('[data-node]');
    if (!row) return;
    var id = Number(row.getAttribute('data-node'));
    if (e.target.closest('.tw')) self.toggle(id);
    else inspector.select(id);
  });
  box.addEventListener('dblclick', function (e) {
    var row = e.target.closest('[data-node]');
    if (row && !e.target.closest('.tw')) self.toggle(Number(row.getAttribute('data-node')));
  });
  box.addEventListener('keydown', function (e) { self.key(e); });
}
/** The open rows, in order: a walk over open nodes only. */
TreeView.prototype.refresh = function () {
  var t = this.tree, out = [], stack = t.count > 0 ? [0] : [];
  while (stack.length) {
    var i = stack.pop();
    out.push(i);
    if (!this.open[i]) continue;
    var kids = [];
    for (var c = t.first[i]; c >= 0; c = t.next[c]) kids.push(c);
    for (var k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
  }
  this.rows = out;
  this.list.setCount(out.length);
};
TreeView.prototype.toggle = function (id) {
  if (this.tree.kids[id] === 0) return;
  this.open[id] = this.open[id] ? 0 : 1;
  this.refresh();
};
/** Opens every ancestor of the node and scrolls its row into view. */
TreeView.prototype.reveal = function (id) {
  for (var p = this.tree.parent[id]; p >= 0; p = this.tree.parent[p]) this.open[p] = 1;
  this.refresh();
  var index = this.rows.indexOf(id);
  if (index >= 0) this.list.reveal(index);
};
TreeView.prototype.build = function (row) {
  row.appendChild(el('span', 'tw'));
  row.appendChild(el('span', 'tn'));
  row.appendChild(el('span', 'tt'));
  row.appendChild(el('span', 'tv'));
  row.appendChild(el('span', 'tm'));
  row.appendChild(el('span', 'to'));
  row.setAttribute('role', 'treeitem');
};
TreeView.prototype.fill = function (row, index) {
  if (!row.firstChild) this.build(row);
  var t = this.tree, id = this.rows[index], kids = t.kids[id], cells = row.childNodes;
  row.setAttribute('data-node', String(id));
  row.setAttribute('data-path', t.path(id));
  row.setAttribute('aria-level', String(t.depth[id] + 1));
  if (kids > 0) row.setAttribute('aria-expanded', this.open[id] ? 'true' : 'false');
  else row.removeAttribute('aria-expanded');
  row.className = 'vrow trow' + (id === this.inspector.selected ? ' sel' : '') + (t.partial.has(id) ? ' partial' : '');
  row.style.paddingLeft = (4 + 14 * t.depth[id]) + 'px';
  cells[0].textContent = kids > 0 ? (this.open[id] ? '\u25be' : '\u25b8') : '';
  cells[1].textContent = t.text('name', id) || t.path(id) || '(root)';
  var type = t.text('type', id);
  cells[2].textContent = type ? type : t.text('kind', id) + (kids > 0 ? ' \u00d7' + kids : '');
  cells[3].textContent = t.text('value', id);
  cells[4].textContent = t.text('meaning', id);
  cells[5].textContent = '@' + t.offset[id] + ' +' + t.size[id];
  row.title = t.path(id);
};
TreeView.prototype.key = function (e) {
  var sel = this.inspector.selected, index = this.rows.indexOf(sel);
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    var next = Math.max(0, Math.min(this.rows.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
    this.inspector.select(this.rows[next]);
  } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Enter') && sel >= 0) {
    var opening = e.key === 'ArrowRight' || (e.key === 'Enter' && !this.open[sel]);
    if (opening !== !!this.open[sel]) this.toggle(sel);
    else if (e.key === 'ArrowLeft' && this.tree.parent[sel] >= 0) this.inspector.select(this.tree.parent[sel]);
  } else return;
  e.preventDefault();
};
`;
