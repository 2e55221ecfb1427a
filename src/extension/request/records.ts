// Approval requests already sent (or handed to the browser, the mail app or the clipboard), kept in global state.
// Diagnostics and views read them through `requestRecords()` / `pendingFor()` and follow `onDidChange`, so a server
// can show "approval requested (#id, date)" until the inventory changes its status.
import * as vscode from 'vscode';
import type { CheckedServer } from '../../core/model';
import { pendingRequestFor, type RequestRecord } from '../../core/request/records';
import { appendRecords, readRecords } from '../../core/request/stored';

export const RECORDS_STATE_KEY = 'mcpGatekeeper.requestRecords';

export class RequestRecordStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** fires after a record was added */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** Every record, oldest first (at most 500). */
  requestRecords(): RequestRecord[] {
    return readRecords(this.state.get(RECORDS_STATE_KEY));
  }

  /** The record that still applies to this server (same key, verdict unchanged since the request), if any. */
  pendingFor(server: CheckedServer): RequestRecord | undefined {
    return pendingRequestFor(this.requestRecords(), server);
  }

  async add(record: RequestRecord): Promise<void> {
    await this.state.update(RECORDS_STATE_KEY, appendRecords(this.requestRecords(), record));
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
