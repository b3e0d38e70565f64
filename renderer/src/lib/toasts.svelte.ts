// Short messages after an action, with an Undo that reverses it through the API. Every allow,
// dismiss and rule delete goes through here so none is a one-way door.
export interface Toast {
  id: number;
  text: string;
  /** reverses the action; absent for plain messages */
  undo?: () => Promise<unknown>;
  error?: boolean;
}

const SHOW_MS = 12_000;
let nextId = 1;

class Toasts {
  list = $state<Toast[]>([]);

  show(text: string, undo?: () => Promise<unknown>, error = false): void {
    const t: Toast = { id: nextId++, text, ...(undo ? { undo } : {}), error };
    this.list = [...this.list.slice(-3), t];
    // a message with an Undo stays long enough to use it; a plain note goes sooner
    setTimeout(() => this.close(t.id), undo ? SHOW_MS : 4000);
  }

  close(id: number): void {
    this.list = this.list.filter((t) => t.id !== id);
  }

  async undo(t: Toast): Promise<void> {
    this.close(t.id);
    if (!t.undo) return;
    try {
      await t.undo();
      this.show('Undone.');
    } catch (e) {
      this.show(`Could not undo: ${e instanceof Error ? e.message : String(e)}`, undefined, true);
    }
  }
}

export const toasts = new Toasts();
