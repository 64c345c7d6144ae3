/* global window, document, fetch, Element */
// Passkey buttons: <button data-passkey="register|authenticate" data-return="/path" data-csrf="…">.
// Loaded from the gateway (CSP script-src 'self'), after /static/vendor/simplewebauthn-browser.umd.min.js.
(function () {
  'use strict';
  if (window.gatewayPasskeys) return; // included twice on one page: bind once
  window.gatewayPasskeys = true;

  var ROUTES = {
    register: { options: '/mfa/passkey/registration/options', verify: '/mfa/passkey/registration', ceremony: 'startRegistration' },
    authenticate: {
      options: '/mfa/passkey/authentication/options',
      verify: '/mfa/passkey/authentication',
      ceremony: 'startAuthentication',
    },
  };

  function post(url, csrf, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(
        function (data) {
          if (!response.ok) throw new Error(data && data.message ? data.message : 'The request failed.');
          return data;
        },
        function () {
          throw new Error('The gateway did not answer. Reload the page and try again.');
        },
      );
    });
  }

  /** The page's own message (data-passkey-message-*) for what the browser reported, else the gateway's. */
  function readable(button, error) {
    var name = error && error.name;
    if (name === 'NotAllowedError' || name === 'AbortError') return button.getAttribute('data-message-cancelled') || error.message;
    if (name === 'InvalidStateError') return button.getAttribute('data-message-registered') || error.message;
    if (name === 'NotSupportedError' || name === 'SecurityError') return button.getAttribute('data-message-unsupported') || error.message;
    return (error && error.message) || 'Something went wrong.';
  }

  function showError(button, text) {
    var box = document.getElementById(button.getAttribute('data-error-box') || 'passkey-error');
    if (!box) {
      box = document.createElement('p');
      box.id = 'passkey-error';
      button.parentNode.insertBefore(box, button.nextSibling);
    }
    box.className = 'error';
    box.setAttribute('role', 'alert');
    box.hidden = false;
    box.textContent = text;
  }

  /** The account's first method brought recovery codes: shown this once, then the way on. */
  function showCodes(button, done) {
    var section = document.getElementById('passkey-codes');
    if (!section) {
      window.location.assign(done.redirect);
      return;
    }
    var list = document.getElementById('recovery-codes');
    done.recoveryCodes.forEach(function (code) {
      var item = document.createElement('li');
      var text = document.createElement('code');
      text.textContent = code;
      item.appendChild(text);
      list.appendChild(item);
    });
    document.getElementById('continue').setAttribute('href', done.redirect);
    button.hidden = true;
    section.hidden = false;
    section.scrollIntoView();
  }

  function run(button) {
    var kind = button.getAttribute('data-passkey');
    var route = ROUTES[kind];
    var lib = window.SimpleWebAuthnBrowser;
    if (!route) return;
    if (!lib || !lib.browserSupportsWebAuthn()) {
      showError(button, button.getAttribute('data-message-unsupported') || 'This browser cannot use passkeys.');
      return;
    }
    var csrf = button.getAttribute('data-csrf') || '';
    var label = document.getElementById('passkey-label');
    button.disabled = true;
    post(route.options, csrf)
      .then(function (options) {
        return lib[route.ceremony]({ optionsJSON: options });
      })
      .then(function (response) {
        return post(route.verify, csrf, {
          response: response,
          label: label ? label.value : '',
          return: button.getAttribute('data-return') || '',
        });
      })
      .then(function (done) {
        if (done.recoveryCodes && done.recoveryCodes.length) showCodes(button, done);
        else window.location.assign(done.redirect);
      })
      .catch(function (error) {
        button.disabled = false;
        showError(button, readable(button, error));
      });
  }

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button[data-passkey]') : null;
    if (!button) return;
    event.preventDefault();
    run(button);
  });
})();
