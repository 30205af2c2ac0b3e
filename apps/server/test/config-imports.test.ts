import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('import limits in the configuration', () => {
  it('defaults to 30 MB uploads and previews kept for 24 hours', () => {
    expect(loadConfig({})).toMatchObject({ importMaxBytes: 30 * 1024 * 1024, importPreviewHours: 24 });
  });

  it('reads EDUKARTE_IMPORT_MAX_BYTES and EDUKARTE_IMPORT_PREVIEW_HOURS', () => {
    expect(
      loadConfig({ EDUKARTE_IMPORT_MAX_BYTES: '1048576', EDUKARTE_IMPORT_PREVIEW_HOURS: '6' }),
    ).toMatchObject({ importMaxBytes: 1048576, importPreviewHours: 6 });
  });

  it.each(['abc', '0', '-5', '1.5'])('stops start-up on EDUKARTE_IMPORT_MAX_BYTES=%s, naming it', (value) => {
    expect(() => loadConfig({ EDUKARTE_IMPORT_MAX_BYTES: value })).toThrow(/EDUKARTE_IMPORT_MAX_BYTES/);
  });
});
