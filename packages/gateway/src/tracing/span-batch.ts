const CHUNK_BYTES = 64 * 1024;

/**
 * Serialized spans waiting for export, kept as UTF-8 in off-heap buffers rather than as
 * strings: a second's worth of queued span text on the V8 heap would be copied by every
 * young-generation collection, a cost every request pays.
 *
 * @example
 * const batch = new SpanBatch();
 * batch.add('{"traceId":"..."}');
 * post(batch.payload(Buffer.from('{"resourceSpans":[...,"spans":['), Buffer.from(']}]}]}')));
 */
export class SpanBatch {
  private readonly full: Buffer[] = [];
  private chunk: Buffer | null = null;
  private offset = 0;
  /** Spans in the batch. */
  count = 0;

  add(json: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes; 1 more for the comma.
    const worst = json.length * 3 + 1;
    if (this.chunk === null || this.offset + worst > this.chunk.length) {
      if (this.chunk !== null) this.full.push(this.chunk.subarray(0, this.offset));
      this.chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, worst));
      this.offset = 0;
    }
    if (this.count > 0) this.chunk[this.offset++] = 0x2c; // ','
    this.offset += this.chunk.write(json, this.offset, 'utf8');
    this.count += 1;
  }

  /** The spans, comma-separated, between `before` and `after`, as one body. */
  payload(before: Buffer, after: Buffer): Buffer {
    const parts = [before, ...this.full];
    if (this.chunk !== null) parts.push(this.chunk.subarray(0, this.offset));
    parts.push(after);
    return Buffer.concat(parts);
  }
}
