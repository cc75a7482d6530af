// A table sortable by any column, redrawn from plain rows. Clicking a column
// head sorts by it; clicking again reverses. Ties keep the default order,
// so rows never shuffle while numbers change.
import { t } from '/shared/i18n.js';

/**
 * SortTable draws rows into table. columns: [{key, label, num, text(row),
 * value(row)}]; rowClass(row) may name a class for a row.
 */
export class SortTable {
  constructor(table, columns, { rowClass } = {}) {
    Object.assign(this, { table, columns, rowClass });
    this.sortKey = '';
    this.desc = false;
    this.rows = [];
    this.head();
  }

  head() {
    const tr = document.createElement('tr');
    for (const col of this.columns) {
      const th = document.createElement('th');
      if (col.num) th.className = 'num';
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      b.dataset.key = col.key;
      b.addEventListener('click', () => this.sortBy(col.key));
      th.append(b);
      tr.append(th);
    }
    const thead = this.table.tHead || this.table.createTHead();
    thead.replaceChildren(tr);
    this.labels();
  }

  /** labels writes the column heads in the current language. */
  labels() {
    for (const b of this.table.tHead.querySelectorAll('button.sort')) {
      const col = this.columns.find((c) => c.key === b.dataset.key);
      const arrow = col.key === this.sortKey ? (this.desc ? ' ▼' : ' ▲') : '';
      b.textContent = t(col.label) + arrow;
      b.setAttribute('aria-label', t('l.sortBy', { col: t(col.label) }));
      b.parentElement.setAttribute('aria-sort', arrow ? (this.desc ? 'descending' : 'ascending') : 'none');
    }
  }

  sortBy(key) {
    if (this.sortKey === key) this.desc = !this.desc;
    else {
      this.sortKey = key;
      this.desc = !!this.columns.find((c) => c.key === key).num; // numbers: biggest first
    }
    this.labels();
    this.render();
  }

  setRows(rows) {
    this.rows = rows;
    this.render();
  }

  sorted() {
    const col = this.columns.find((c) => c.key === this.sortKey);
    const rows = this.rows.map((r, i) => [r, i]);
    if (!col) return this.rows;
    const v = col.value || col.text;
    const cmp = (a, b) => (typeof a === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { sensitivity: 'base' }));
    rows.sort(([a, ia], [b, ib]) => (this.desc ? -1 : 1) * cmp(v(a), v(b)) || ia - ib);
    return rows.map(([r]) => r);
  }

  render() {
    const trs = this.sorted().map((r) => {
      const tr = document.createElement('tr');
      const cls = this.rowClass?.(r);
      if (cls) tr.className = cls;
      for (const col of this.columns) {
        const td = document.createElement('td');
        if (col.num) td.className = 'num';
        td.textContent = col.text(r);
        if (!col.num) td.dir = 'auto';
        tr.append(td);
      }
      return tr;
    });
    const tbody = this.table.tBodies[0] || this.table.createTBody();
    tbody.replaceChildren(...trs);
  }
}
