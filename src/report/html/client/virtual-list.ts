/**
 * Page script, part 1: a virtualised list. Only the rows in view exist in the DOM (a pool of row
 * elements refilled on scroll), whatever the number of rows: the hex view of a 1 MiB file has
 * 65,536 rows and keeps about forty. Past a few million pixels (browsers cap an element's height)
 * the scroll bar is scaled: its position picks the first row in proportion.
 */
export const VIRTUAL_LIST_JS = String.raw`
var MAX_PX = 4000000;
function VirtualList(box, rowHeight, fillRow) {
  this.box = box;
  this.rowHeight = rowHeight;
  this.fillRow = fillRow;
  this.count = 0;
  this.first = 0;
  this.spacer = el('div', 'vspacer');
  this.pool = el('div', 'vpool');
  this.rows = [];
  box.appendChild(this.spacer);
  box.appendChild(this.pool);
  var self = this;
  var pending = false;
  box.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; self.render(); });
  });
  window.addEventListener('resize', function () { self.render(); });
}
VirtualList.prototype.totalPx = function () {
  return Math.min(this.count * this.rowHeight, MAX_PX);
};
VirtualList.prototype.scaled = function () {
  return this.count * this.rowHeight > MAX_PX;
};
VirtualList.prototype.visibleRows = function () {
  return Math.max(1, Math.ceil((this.box.clientHeight || 400) / this.rowHeight) + 1);
};
VirtualList.prototype.setCount = function (n) {
  this.count = n;
  this.spacer.style.height = this.totalPx() + 'px';
  this.render();
};
VirtualList.prototype.firstRowAt = function (scrollTop) {
  var visible = this.visibleRows();
  if (!this.scaled()) return Math.floor(scrollTop / this.rowHeight);
  var range = Math.max(1, this.totalPx() - this.box.clientHeight);
  return Math.round(Math.min(1, scrollTop / range) * Math.max(0, this.count - visible + 1));
};
VirtualList.prototype.render = function () {
  var need = this.visibleRows();
  while (this.rows.length < need) {
    var row = el('div', 'vrow');
    this.pool.appendChild(row);
    this.rows.push(row);
  }
  var top = this.box.scrollTop;
  this.first = Math.max(0, Math.min(this.firstRowAt(top), Math.max(0, this.count - 1)));
  var poolTop = this.scaled() ? top : this.first * this.rowHeight;
  this.pool.style.transform = 'translateY(' + poolTop + 'px)';
  for (var i = 0; i < this.rows.length; i++) {
    var index = this.first + i;
    var r = this.rows[i];
    if (i < need && index < this.count) {
      r.hidden = false;
      this.fillRow(r, index);
    } else {
      r.hidden = true;
    }
  }
};
/** Scrolls so that row is in view (near the top third), unless it already is. */
VirtualList.prototype.reveal = function (index) {
  var visible = this.visibleRows();
  if (index >= this.first && index < this.first + visible - 2) { this.render(); return; }
  var target = Math.max(0, index - Math.floor(visible / 3));
  if (this.scaled()) {
    var range = Math.max(1, this.totalPx() - this.box.clientHeight);
    this.box.scrollTop = (target / Math.max(1, this.count - visible + 1)) * range;
  } else {
    this.box.scrollTop = target * this.rowHeight;
  }
  this.render();
};
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
`;
