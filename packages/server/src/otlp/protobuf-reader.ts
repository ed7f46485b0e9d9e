/** Why a protobuf body could not be read; the caller names the message type. */
export class ProtobufReadError extends Error {
  override readonly name = 'ProtobufReadError';
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

/**
 * A forward-only reader over protobuf wire data in a Buffer, for the hand-written OTLP
 * decoders: strings and bytes are sliced straight from the buffer, 64-bit integers read as
 * two 32-bit halves so no Long objects are made.
 *
 * @example
 * const reader = new ProtobufReader(body);
 * while (reader.pos < reader.end) { const tag = reader.uint32(); ... }
 */
export class ProtobufReader {
  pos: number;
  /** Low and high 32 bits of the last `varint64` / `fixed64` read. */
  lo = 0;
  hi = 0;

  constructor(
    readonly buf: Buffer,
    pos = 0,
    public end = buf.length,
  ) {
    this.pos = pos;
  }

  private outOfRange(needed: number): ProtobufReadError {
    return new ProtobufReadError(`index out of range: ${this.pos} + ${needed} > ${this.end}`);
  }

  /** A varint's low 32 bits, unsigned (tags, lengths, uint32). */
  uint32(): number {
    const buf = this.buf;
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.end) throw this.outOfRange(1);
      const byte = buf[this.pos++]!;
      if (shift < 32) value |= (byte & 0x7f) << shift;
      if (byte < 0x80) return value >>> 0;
    }
    throw new ProtobufReadError('invalid varint encoding');
  }

  /** A varint's low 32 bits, signed (int32, enums). */
  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    this.varint64();
    return this.lo !== 0 || this.hi !== 0;
  }

  /** Reads a varint into `lo` / `hi`. */
  varint64(): void {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.end) throw this.outOfRange(1);
      const byte = buf[this.pos++]!;
      const bits = byte & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (byte < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw new ProtobufReadError('invalid varint encoding');
  }

  /** Reads 8 little-endian bytes into `lo` / `hi`. */
  fixed64(): void {
    if (this.pos + 8 > this.end) throw this.outOfRange(8);
    this.lo = this.buf.readUInt32LE(this.pos);
    this.hi = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw this.outOfRange(8);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** The end offset of a length-delimited field whose length comes next. */
  delimitedEnd(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.end) throw this.outOfRange(length);
    return end;
  }

  string(): string {
    const end = this.delimitedEnd();
    const text = this.buf.toString('utf8', this.pos, end);
    this.pos = end;
    return text;
  }

  /** A bytes field as lowercase hex (trace and span ids). */
  hex(): string {
    const end = this.delimitedEnd();
    const text = this.buf.toString('hex', this.pos, end);
    this.pos = end;
    return text;
  }

  base64(): string {
    const end = this.delimitedEnd();
    const text = this.buf.toString('base64', this.pos, end);
    this.pos = end;
    return text;
  }

  /** Skips one field of the given wire type (groups included). */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_FIXED64:
        if (this.pos + 8 > this.end) throw this.outOfRange(8);
        this.pos += 8;
        return;
      case WIRE_BYTES:
        this.pos = this.delimitedEnd();
        return;
      case WIRE_START_GROUP:
        for (;;) {
          const tag = this.uint32();
          if ((tag & 7) === WIRE_END_GROUP) return;
          this.skip(tag & 7);
        }
      case WIRE_FIXED32:
        if (this.pos + 4 > this.end) throw this.outOfRange(4);
        this.pos += 4;
        return;
      default:
        throw new ProtobufReadError(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  /** The unsigned 64-bit value last read, as a decimal string. */
  unsignedDecimal(): string {
    if (this.hi < 0x200000) return String(this.hi * TWO_32 + this.lo);
    return ((BigInt(this.hi) << 32n) | BigInt(this.lo)).toString();
  }

  /** The signed 64-bit value last read, as the nearest number. */
  signedNumber(): number {
    const hi = this.hi | 0;
    if (hi >= -0x200000 && hi < 0x200000) return hi * TWO_32 + this.lo;
    return Number(BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo)));
  }
}
