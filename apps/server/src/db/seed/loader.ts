import type { Database } from '../client.ts';
import { csvRow, type CsvValue } from './csv.ts';
import { TABLE_COLUMNS, TABLE_ORDER, type TableName } from './tables.ts';

/**
 * Buffers generated rows per table and bulk-loads them with COPY in chunks. Flushing always
 * walks the tables in foreign-key order, so a child chunk never reaches the database before the
 * parents it points to; memory stays bounded because generators call `drain()` often.
 */
export class Loader {
  private readonly buffers = new Map<TableName, string[]>();
  private buffered = 0;
  readonly counts: Record<string, number> = {};
  /** Milliseconds spent inside COPY, per table. */
  readonly copyMs: Record<string, number> = {};
  private sinceMaintenance = 0;

  /**
   * @param maintenance run every `everyRows` loaded rows (PGlite has no background checkpointer,
   *   so the seed checkpoints now and then to let it recycle WAL during a city-size load)
   */
  constructor(
    private readonly database: Database,
    private readonly chunkRows = 100_000,
    private readonly maintenance: { everyRows: number; run: () => Promise<void> } | null = null,
  ) {}

  /** Adds a row given as values in TABLE_COLUMNS order. */
  add(table: TableName, values: readonly CsvValue[]): void {
    if (values.length !== TABLE_COLUMNS[table].length)
      throw new Error(`${table}: expected ${TABLE_COLUMNS[table].length} values, got ${values.length}`);
    this.addLine(table, csvRow(values));
  }

  /** Adds a row already encoded as a CSV line (hot paths build these directly). */
  addLine(table: TableName, line: string): void {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = [];
      this.buffers.set(table, buffer);
    }
    buffer.push(line);
    this.buffered++;
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }

  /** Flushes everything once enough rows are waiting. Call between units of work. */
  async drain(): Promise<void> {
    if (this.buffered >= this.chunkRows) await this.flush();
  }

  /** Writes every buffered row, parents first. */
  async flush(): Promise<void> {
    for (const table of TABLE_ORDER) {
      const buffer = this.buffers.get(table);
      if (!buffer || buffer.length === 0) continue;
      this.buffers.delete(table);
      this.buffered -= buffer.length;
      // keep each COPY around chunkRows so neither engine holds a huge string at once
      for (let i = 0; i < buffer.length; i += this.chunkRows) {
        const part = buffer.slice(i, i + this.chunkRows);
        const started = performance.now();
        await this.database.copyCsv(table, TABLE_COLUMNS[table], `${part.join('\n')}\n`);
        this.copyMs[table] = (this.copyMs[table] ?? 0) + (performance.now() - started);
        this.sinceMaintenance += part.length;
        if (this.maintenance && this.sinceMaintenance >= this.maintenance.everyRows) {
          this.sinceMaintenance = 0;
          await this.maintenance.run();
        }
      }
    }
  }

  get totalRows(): number {
    let total = 0;
    for (const n of Object.values(this.counts)) total += n;
    return total;
  }
}
