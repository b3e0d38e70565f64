import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mimeMismatch, uriExtension } from './mime-mismatch.js';

test('the URI extension ignores the query and fragment', () => {
  assert.equal(uriExtension('/img/Logo.PNG?v=3#x'), 'png');
  assert.equal(uriExtension('/download/'), null);
  assert.equal(uriExtension('/a.b/c'), null);
  assert.equal(uriExtension('/.htaccess'), null);
});

test('an executable, octet-stream or (for an image) HTML answering a harmless URI is a mismatch; a 404 page or a fitting type is not', () => {
  assert.equal(mimeMismatch('/jquery.js', 'application/x-dosexec', '200'), '/jquery.js → application/x-dosexec');
  assert.equal(mimeMismatch('/a.gif', 'image/gif,application/octet-stream', '200'), '/a.gif → application/octet-stream');
  assert.equal(mimeMismatch('/a.jpg', 'text/html', '200'), '/a.jpg → text/html');
  assert.equal(mimeMismatch('/a.jpg', 'text/html', '404'), null);
  assert.equal(mimeMismatch('/a.css', 'text/html', '200'), null, 'an HTML answer for a stylesheet: not said (login pages do this)');
  assert.equal(mimeMismatch('/a.png', 'image/png', '200'), null);
  assert.equal(mimeMismatch('/setup.exe', 'application/x-dosexec', '200'), null, 'asked for an executable');
  assert.equal(mimeMismatch('/a.png', null, '200'), null);
  assert.equal(mimeMismatch('/a.txt', 'application/x-executable', null), '/a.txt → application/x-executable', 'no status logged');
});
