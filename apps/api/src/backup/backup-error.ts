/** A backup or restore that cannot go on, with a message for the operator; nothing half-done is left behind. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}
