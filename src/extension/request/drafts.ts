// Drafts of approval requests, kept in global state (per server key, or "new") so that closing the form or the editor
// loses nothing. Token-like strings are removed before a draft is stored; drafts older than 30 days are dropped.
import type * as vscode from 'vscode';
import type { FieldKey } from '../../core/request/fields';
import { putDraft, readDrafts, toStoredDraft, type StoredDraft } from '../../core/request/stored';

export const DRAFTS_STATE_KEY = 'mcpGatekeeper.requestDrafts';

export class DraftStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(key: string): StoredDraft | undefined {
    return this.all()[key];
  }

  /** Stores what was typed (an empty form removes the draft); returns what was kept. */
  async save(key: string, name: string | undefined, answers: Partial<Record<FieldKey, string>>): Promise<StoredDraft | null> {
    const draft = toStoredDraft(name, answers, this.now());
    await this.state.update(DRAFTS_STATE_KEY, putDraft(this.all(), key, draft));
    return draft;
  }

  async delete(key: string): Promise<void> {
    const all = this.all();
    if (all[key]) await this.state.update(DRAFTS_STATE_KEY, putDraft(all, key, null));
  }

  private all(): Record<string, StoredDraft> {
    // Memento.update changes the in-memory value at once, so read-modify-write here never sees a stale map
    return readDrafts(this.state.get(DRAFTS_STATE_KEY), this.now());
  }
}
