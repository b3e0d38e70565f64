// The Settings page over `serve` (real engine, Debian's Chromium): its bounds, placeholders and
// labels come from the one settings table, and a refused value is said in the page's words
// beside its field (aria-describedby), the same words `serve` answers with.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeSuite } from '../support/browser.js';
import { startServeSuite, type ServeSuite } from '../support/serve-suite.js';
import { shoot } from '../support/page-checks.js';
import { DEFAULT_SETTINGS } from '../../engine/service/default-settings.js';

const TOKEN = 'e2e-settings-words-token-0123456789';

describe('settings in the page words, in a browser', { timeout: 120_000 }, () => {
  let s: ServeSuite;
  before(async () => {
    s = await startServeSuite({ name: 'settings-words', token: TOKEN });
  });
  after(() => closeSuite(s ?? {}));

  it('shows the defaults and the schema bounds in the page units', async () => {
    const { page, server } = s;
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.goto(`${server.url}#/settings`);
    const rescore = page.getByLabel('Rescore every');
    await rescore.waitFor();
    const attrs = async (label: string) => {
      const el = page.getByLabel(label);
      return [await el.getAttribute('min'), await el.getAttribute('max'), await el.getAttribute('placeholder'), await el.inputValue()];
    };
    // the stored defaults: 3600 s, 0.8, 7 days (not 15 min / 70 % / 30 days)
    assert.deepEqual(await attrs('Rescore every'), ['1', '10080', '60', '60']);
    assert.deepEqual(await attrs('Alert above'), ['0', '100', '80', '80']);
    assert.deepEqual(await attrs('Keep data for'), ['1', '365', '7', '7']);
  });

  it('refuses 0 minutes and 150 % beside each field, in its words, and saves nothing', async () => {
    const { page, host } = s;
    await page.getByLabel('Rescore every').fill('0');
    await page.getByLabel('Alert above').fill('150');
    await page.getByRole('button', { name: 'Save' }).click();
    const rescoreError = page.getByTestId('field-error-rescoreIntervalS');
    await rescoreError.waitFor();
    assert.equal(await rescoreError.innerText(), 'Rescore every: at least 1 minute');
    const thresholdError = page.getByTestId('field-error-alertThreshold');
    assert.equal(await thresholdError.innerText(), 'Alert above: at most 100 %');
    // each field points at its own words, and is marked invalid; the one that was fine is not
    for (const [label, err] of [
      ['Rescore every', rescoreError],
      ['Alert above', thresholdError],
    ] as const) {
      const input = page.getByLabel(label);
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.equal(await input.getAttribute('aria-describedby'), await err.getAttribute('id'));
    }
    assert.equal(await page.getByLabel('Keep data for').getAttribute('aria-invalid'), 'false');
    assert.equal(await page.getByTestId('settings-error').innerText(), 'Not saved: 2 fields need a change (said beside each).');
    // no internals anywhere on the page
    assert.doesNotMatch(await page.locator('main').innerText(), /rescoreIntervalS|alertThreshold|expected number|updateSettings|Too small/);
    await shoot(page, 'settings-words');
    const stored = await host.api.getSettings({});
    assert.equal(stored.rescoreIntervalS, DEFAULT_SETTINGS.rescoreIntervalS);
    assert.equal(stored.alertThreshold, DEFAULT_SETTINGS.alertThreshold);
  });

  it('an empty box is named too, instead of saving 0', async () => {
    const { page, host } = s;
    await page.getByLabel('Rescore every').fill('5');
    await page.getByLabel('Alert above').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('field-error-alertThreshold').getByText('Alert above: a number of %').waitFor();
    assert.equal(await page.getByTestId('field-error-rescoreIntervalS').count(), 0, 'the fixed field has no error left');
    assert.equal((await host.api.getSettings({})).alertThreshold, DEFAULT_SETTINGS.alertThreshold);
  });

  it('saves fixed values in stored units and clears the words', async () => {
    const { page, host } = s;
    await page.getByLabel('Alert above').fill('70');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal(await page.locator('[data-testid^=field-error-]').count(), 0);
    const stored = await host.api.getSettings({});
    assert.equal(stored.rescoreIntervalS, 300);
    assert.equal(stored.alertThreshold, 0.7);
  });

  it('serve answers a bad value with the same words, field by field', async () => {
    const res = await fetch(`${s.server.url}api/updateSettings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ rescoreIntervalS: 0, alertThreshold: 1.5 }),
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string; fields: unknown } };
    assert.deepEqual(body.error, {
      code: 'invalid-argument',
      message: 'Rescore every: at least 1 minute; Alert above: at most 100 %',
      fields: [
        { field: 'rescoreIntervalS', message: 'Rescore every: at least 1 minute' },
        { field: 'alertThreshold', message: 'Alert above: at most 100 %' },
      ],
    });
  });
});
