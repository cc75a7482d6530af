// The outbox: every scan is written here before anything else, and leaves
// only when the server acknowledged it. Also a small cache of the roster so
// a reload on a flaky network still answers.
import { openDB } from '/vendor/idb/idb.js';

const DB = 'presente-door';

/** openOutbox opens (creating) the phone's database. */
export async function openOutbox() {
  const db = await openDB(DB, 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('cache');
    },
  });
  return new Outbox(db);
}

/** Outbox is the queue of writes not yet acknowledged by the server. */
export class Outbox {
  constructor(db) { this.db = db; }

  /** add stores an item ({id, kind, action, body, ...}) and resolves once it is on disk. */
  async add(item) {
    const tx = this.db.transaction('outbox', 'readwrite', { durability: 'strict' });
    const seq = await tx.store.add({ ...item, queuedAt: Date.now() });
    await tx.done;
    return seq;
  }

  /** list returns the items of an action, oldest first. */
  async list(action) {
    const all = await this.db.getAll('outbox');
    return all.filter((it) => it.action === action);
  }

  async count(action) { return (await this.list(action)).length; }

  /** remove drops acknowledged items by seq. */
  async remove(seqs) {
    const tx = this.db.transaction('outbox', 'readwrite');
    await Promise.all([...seqs.map((s) => tx.store.delete(s)), tx.done]);
  }

  /** park puts an item aside until at, counting the times it was. */
  async park(item, at) {
    await this.db.put('outbox', { ...item, retryAt: at, parked: (item.parked || 0) + 1 });
  }

  async getCache(key) { return this.db.get('cache', key); }

  async putCache(key, value) { await this.db.put('cache', value, key); }
}
