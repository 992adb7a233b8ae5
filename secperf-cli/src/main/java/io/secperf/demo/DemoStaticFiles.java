package io.secperf.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The few static files of the demo site, held in memory. They exist so that a browsing template has realistic
 * page + stylesheet + script + image requests; the page works under the strict Content-Security-Policy
 * (no inline script or style).
 */
final class DemoStaticFiles {

    record File(String contentType, byte[] body) {
    }

    private static final String INDEX = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>secperf demo shop</title>
              <link rel="stylesheet" href="/static/app.css">
              <script src="/static/app.js" defer></script>
            </head>
            <body>
              <header><img src="/static/logo.svg" alt="secperf" width="48" height="48"><h1>secperf demo shop</h1></header>
              <main>
                <p>A small HTTPS target for load and security tests. Sign in with <code>demo</code> /
                   <code>demo-password</code>.</p>
                <form id="login">
                  <label>User <input name="username" autocomplete="username" value="demo"></label>
                  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
                  <button type="submit">Sign in</button>
                </form>
                <p id="status" role="status"></p>
                <ul id="items"></ul>
              </main>
            </body>
            </html>
            """;

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; color: #1d2430; }
            header { display: flex; align-items: center; gap: 1rem; }
            form { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
            input { padding: 0.3rem; }
            button { padding: 0.3rem 1rem; background: #1f6feb; color: #fff; border: 0; border-radius: 4px; }
            #items li { padding: 0.2rem 0; }
            """;

    private static final String JS = """
            'use strict';
            document.addEventListener('DOMContentLoaded', () => {
              const form = document.getElementById('login');
              const status = document.getElementById('status');
              const list = document.getElementById('items');
              form.addEventListener('submit', async (event) => {
                event.preventDefault();
                const body = JSON.stringify({
                  username: form.elements.username.value,
                  password: form.elements.password.value
                });
                const login = await fetch('/api/login', {
                  method: 'POST', headers: { 'Content-Type': 'application/json' }, body
                });
                if (!login.ok) { status.textContent = 'Sign-in failed'; return; }
                const { token } = await login.json();
                const items = await fetch('/api/items', { headers: { Authorization: 'Bearer ' + token } });
                const { items: rows } = await items.json();
                list.replaceChildren(...rows.map((item) => {
                  const li = document.createElement('li');
                  li.textContent = item.name + ' - ' + (item.priceCents / 100).toFixed(2) + ' EUR';
                  return li;
                }));
                status.textContent = 'Signed in';
              });
            });
            """;

    private static final String SVG = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">
              <rect width="48" height="48" rx="10" fill="#1f6feb"/>
              <path d="M24 8 L38 14 V24 C38 32 32 38 24 41 C16 38 10 32 10 24 V14 Z" fill="#fff"/>
              <path d="M17 25 L22 30 L31 19" stroke="#1f6feb" stroke-width="3" fill="none"/>
            </svg>
            """;

    static final Map<String, File> FILES = Map.of(
            "/", file("text/html; charset=utf-8", INDEX),
            "/static/app.css", file("text/css; charset=utf-8", CSS),
            "/static/app.js", file("text/javascript; charset=utf-8", JS),
            "/static/logo.svg", file("image/svg+xml", SVG));

    private static File file(String contentType, String text) {
        return new File(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private DemoStaticFiles() {
    }
}
